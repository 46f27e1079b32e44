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

    /// As swift-argument-parser runs a command, except that `check` exits
    /// with 1 for usage errors too, as packchk does, so scripts written for
    /// packchk see the status they expect.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if CommandLine.arguments.dropFirst().first == "check", exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
