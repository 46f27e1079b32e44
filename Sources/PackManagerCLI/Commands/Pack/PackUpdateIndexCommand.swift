import ArgumentParser
import CMSISPack
import PackCache

struct PackUpdateIndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-index",
        abstract: "Refresh .Web: the pack index, and the descriptions whose version the index changed.",
        discussion: """
            As with cpackget: the index is fetched again, and each description already in .Web whose version differs \
            from the index's is fetched again (conditional requests), as is one last asked about over a week ago, or \
            every one with --revalidate; --sparse fetches the index only; -a also fetches \
            every listed description .Web lacks (deprecated packs' only with -d). Descriptions the index no longer lists \
            are removed. Offline, nothing changes and the command says so.
            """
    )

    @OptionGroup var root: PackRootOptions
    @OptionGroup var network: NetworkOptions
    @OptionGroup var descriptions: DescriptionScopeOptions
    @OptionGroup var signal: ChangeSignalOptions

    @Flag(name: [.customShort("s"), .customLong("sparse")], help: "Fetch the index only, not the descriptions in .Web.")
    var sparse = false

    @Flag(help: "Ask the server about every description in .Web, even those whose version the index lists (conditional requests).")
    var revalidate = false

    @Option(name: .customLong("index"), help: ArgumentHelp("Follow this index from now on (default: the one the root follows).", valueName: "url"))
    var index: String?

    func run() async throws {
        let layout = root.layout
        guard layout.exists else {
            Terminal.error("\(layout.root) is not a pack root; create it with `pack-manager pack init`")
            throw ExitCode(1)
        }
        let lock = try root.lock()
        defer { lock.release() }
        let scope = WebIndexUpdate.Scope(refreshCached: !sparse, fetchMissing: descriptions.allDescriptions,
                                         includeDeprecated: descriptions.includeDeprecated)
        try await Self.refresh(root: root, network: network, signal: signal, indexURL: index, scope: scope,
                               revalidation: Revalidation(always: revalidate))
    }

    /// What `init` and `update-index` share once the root is locked: fetch
    /// the index (and descriptions, by `scope`), print the summary, signal
    /// the change; exit status 1 when anything failed.
    static func refresh(root: PackRootOptions, network: NetworkOptions, signal: ChangeSignalOptions,
                        indexURL: String?, scope: WebIndexUpdate.Scope, revalidation: Revalidation = Revalidation()) async throws {
        let layout = root.layout
        let folder = try root.claimed()
        let report = try await root.withFetcher(network) { fetcher, tracker in
            var update = WebIndexUpdate(root: folder, fetcher: fetcher, progress: tracker)
            update.revalidation = revalidation
            return try await update.run(indexURL: indexURL, scope: scope)
        }
        printSummary(report, verbose: root.verbose, encoded: signal.encodedProgress)
        signal.touch(root)
        if !report.failed.isEmpty { throw ExitCode(1) }
    }

    private static func printSummary(_ report: WebIndexUpdate.Report, verbose: Bool, encoded: Bool) {
        for diagnostic in report.diagnostics where diagnostic.severity == .error || verbose { Terminal.diagnostic(diagnostic) }
        for failure in report.failed { Terminal.error(failure.description) }
        for failure in report.localFailed { Terminal.warning("the .Local description of \(failure.description)") }
        for limit in report.serverLimits { Terminal.warning(limit.message) }
        for family in report.localUpdated { Terminal.print("updated the .Local description of \(family) from its <url>") }
        let fetched = report.new.count + report.updated.count + report.unchanged + report.failed.count
        if encoded && fetched > 0 { Terminal.print("[J\(fetched):F\"\(report.indexURL)\"]") }
        Terminal.print("Index \(report.indexURL): \(report.listed) packs; descriptions \(report.new.count) new, \(report.updated.count) updated, \(report.unchanged) unchanged, \(report.removed.count) removed, \(report.failed.count) failed")
    }
}
