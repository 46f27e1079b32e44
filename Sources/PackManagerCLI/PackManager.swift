import ArgumentParser
import Foundation
import PackCache

/// `pack-manager`: the command line of cmsis-pack-manager, with the
/// reference's commands and a few more. It lives in a library so that one
/// binary serves both the program (`Sources/pack-manager`) and the C
/// interface (`cpm_cli_main`, which the Python console script calls).
///
///     let status = await PackManagerProgram.run(["find-part", "stm32f407"])
public enum PackManagerProgram {
    /// Parses and runs like swift-argument-parser's own `main`, but returns
    /// the exit status instead of ending the process, with one rule for
    /// usage errors across every command: status 2 (as argparse, the
    /// reference's CLI and cpackget), and a mistyped command name gets a
    /// suggestion instead of "unexpected arguments". `check` exits 1, as
    /// packchk does for every failure, so scripts written for packchk see
    /// the status they expect. Standard output is flushed before it returns.
    public static func run(_ arguments: [String]) async -> Int32 {
        defer { fflush(nil) }  // print() output, for a caller that does not exit (cpm_cli_main)
        do {
            var command = try PackManager.parseAsRoot(arguments)
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let status = PackManager.exitCode(for: error)
            let message: String
            if status == .validationFailure {
                message = CommandSuggestion.unknownCommand(in: arguments, root: PackManager.self)
                    ?? UnknownOption.message(in: arguments)
                    ?? PackManager.fullMessage(for: error)
            } else if status == .failure, !(error is ExitCode) {
                // A command's own error: one line in the same form as the
                // rest of our diagnostics ("error: …", not "Error: …").
                let full = PackManager.fullMessage(for: error)
                message = full.hasPrefix("Error: ") ? "error: " + full.dropFirst(7) : full
            } else {
                message = PackManager.fullMessage(for: error)
            }
            if !message.isEmpty {
                // --help and --version are clean exits, printed on standard output.
                if status == .success { Terminal.print(message) } else { Terminal.writeError(message + "\n") }
            }
            guard status == .validationFailure else { return status.rawValue }
            return arguments.first == "check" ? CheckCommand.usageErrorStatus : UsageError.exitStatus
        }
    }
}

struct PackManager: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack-manager",
        abstract: "Keeps a cache of CMSIS-Pack descriptions and answers which device, memory, flash algorithm and pack you need.",
        version: PackManagerVersion.current,
        subcommands: [
            CacheCommand.self,
            AddPacksCommand.self,
            FindPartCommand.self,
            FindCommand.self,
            DumpPartsCommand.self,
            ShowCommand.self,
            DumpCommand.self,
            AlgoCommand.self,
            ExportCommand.self,
            CheckCommand.self,
            PrintCacheDirCommand.self,
            PackCommand.self,
            IndexCommand.self,
            MirrorCommand.self,
        ]
    )
}

/// The exit status of every usage error (a wrong option, argument or command).
enum UsageError {
    static let exitStatus: Int32 = 2
}
