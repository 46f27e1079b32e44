import ArgumentParser
import PackCache

struct PackInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a pack root and fetch its pack index (and, with -a, every pack description).",
        discussion: """
            INDEX is a .pidx or .vidx URL or path (default: \(IndexSources.defaultIndexURL)). As with cpackget, only \
            the index is fetched: `pack add` fetches a pack's description when it needs it. -a fetches every listed \
            description now, except deprecated packs' unless -d. The root is created even when the index cannot be fetched.
            """
    )

    @OptionGroup var root: PackRootOptions
    @OptionGroup var network: NetworkOptions
    @OptionGroup var descriptions: DescriptionScopeOptions
    @OptionGroup var signal: ChangeSignalOptions

    @Argument(help: ArgumentHelp("The pack index to follow.", valueName: "index"))
    var index: String?

    func run() async throws {
        let layout = root.layout
        let lock = try root.lock()
        defer { lock.release() }
        try PackInstaller.prepare(try root.claimed())
        Terminal.print("Pack root: \(layout.root)")
        let scope = WebIndexUpdate.Scope(refreshCached: false, fetchMissing: descriptions.allDescriptions,
                                         includeDeprecated: descriptions.includeDeprecated)
        try await PackUpdateIndexCommand.refresh(root: root, network: network, signal: signal, indexURL: index, scope: scope)
    }
}

/// cpackget's `-a/--all-pdsc-files` and `-d/--deprecated` of `init` and `update-index`.
struct DescriptionScopeOptions: ParsableArguments {
    @Flag(name: [.customShort("a"), .customLong("all-pdsc-files")], help: "Fetch every listed pack description that .Web lacks (deprecated packs' only with -d).")
    var allDescriptions = false

    @Flag(name: [.customShort("d"), .customLong("deprecated")], help: "With -a: deprecated packs' descriptions too.")
    var includeDeprecated = false
}
