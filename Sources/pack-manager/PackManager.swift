import ArgumentParser
import Foundation
import PackCache

/// `pack-manager`: the command line of cmsis-pack-manager, with the
/// reference's commands and a few more.
@main
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
            CheckCommand.self,
            PrintCacheDirCommand.self,
            PackCommand.self,
            IndexCommand.self,
            MirrorCommand.self,
        ]
    )

    /// Parses and runs like swift-argument-parser's own `main`, with one rule
    /// for usage errors across every command: exit status 2 (as argparse, the
    /// reference's CLI and cpackget), and a mistyped command name gets a
    /// suggestion instead of "unexpected arguments". `check` exits 1, as
    /// packchk does for every failure, so scripts written for packchk see
    /// the status they expect.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .failure, !(error is ExitCode) {
                // A command's own error: one line in the same form as the
                // rest of our diagnostics ("error: …", not "Error: …").
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst(7) }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(code.rawValue)
            }
            guard code == .validationFailure else { exit(withError: error) }
            let message = CommandSuggestion.unknownCommand(in: arguments, root: Self.self)
                ?? fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(arguments.first == "check" ? CheckCommand.usageErrorStatus : UsageError.exitStatus)
        }
    }
}

/// The exit status of every usage error (a wrong option, argument or command).
enum UsageError {
    static let exitStatus: Int32 = 2
}
