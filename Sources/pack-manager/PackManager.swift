import ArgumentParser
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
}
