import Foundation
import PackManagerCLI

/// `cpm_cli_main(argc, argv)`: the `pack-manager` program inside the library,
/// so that a package needs no second binary (the Python console script runs
/// it in a child process). argv[0] is the program's name and is not parsed.
/// Blocks the calling thread until the command ends and returns its exit
/// status; standard output is flushed.
@_cdecl("cpm_cli_main")
public func cpm_cli_main(_ argc: Int32, _ argv: UnsafePointer<UnsafePointer<CChar>?>?) -> Int32 {
    var arguments: [String] = []
    if let argv, argc > 1 {
        for index in 1..<Int(argc) {
            arguments.append(argv[index].map { String(cString: $0) } ?? "")
        }
    }
    let outcome = CommandOutcome()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        outcome.status = await PackManagerProgram.run(arguments)
        done.signal()
    }
    done.wait()
    return outcome.status
}

/// The status, written by the command's task before it signals and read
/// after the wait, so the semaphore orders the two.
private final class CommandOutcome: @unchecked Sendable {
    var status: Int32 = 1
}
