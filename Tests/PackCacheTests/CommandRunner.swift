import Foundation
import Testing

/// Runs the built `pack-manager` binary, as a user would.
struct CommandResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

/// Child processes with posix_spawn and waitpid. Foundation's Process can
/// miss a child's exit when several children come and go in one test.
enum Spawn {
    static func start(_ argv: [String], environment: [String: String], stdin: String = "/dev/null",
                      stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, &cEnvironment)
        guard status == 0 else {
            throw SpawnError(message: "cannot start \(argv[0]): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Sends `signal`, waits up to 5 s for the process to end, then kills it.
    static func stop(_ pid: pid_t, signal: Int32) {
        kill(pid, signal)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// The exit status (128 + signal for a killed process).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }
}

struct SpawnError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

enum PackManagerBinary {
    static let path: String = {
        // The test runner lives in the products folder, beside the binary.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("pack-manager").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/pack-manager").path
    }()

    static func environment(_ overrides: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        // A pack root on the machine running the tests must not leak into them.
        environment["CMSIS_PACK_ROOT"] = "/nonexistent/cmsis-pack-root"
        environment["CPACKGET_DEFAULT_MODE_PATH"] = nil
        for (key, value) in overrides { environment[key] = value }
        return environment
    }

    /// The environment of the tests that use the network: proxies at a closed
    /// port, so that a request trying to leave the machine fails, plus `extra`.
    static func offline(_ extra: [String: String]) -> [String: String] {
        ["http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": "127.0.0.1,localhost"]
            .merging(extra) { $1 }
    }

    /// Starts the binary without waiting (output goes to the given files).
    static func start(_ arguments: [String], environment: [String: String] = [:], stdout: String, stderr: String) throws -> pid_t {
        try Spawn.start([path] + arguments, environment: Self.environment(environment), stdout: stdout, stderr: stderr)
    }

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let base = NSTemporaryDirectory() + "cpm-run-" + UUID().uuidString
        let (outputPath, errorPath) = (base + ".out", base + ".err")
        defer { [outputPath, errorPath].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let status = Spawn.wait(try start(arguments, environment: environment, stdout: outputPath, stderr: errorPath))
        let outData = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
        let errData = (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data()
        return CommandResult(status: status,
                             standardOutput: String(decoding: outData, as: UTF8.self),
                             standardError: String(decoding: errData, as: UTF8.self))
    }
}
