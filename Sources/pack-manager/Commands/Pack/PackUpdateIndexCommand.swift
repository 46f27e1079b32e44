import ArgumentParser
import PackCache

struct PackUpdateIndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-index",
        abstract: "Refresh .Web: the pack index and the description of every listed pack.",
        discussion: "Only descriptions that changed are downloaded (conditional requests). Descriptions the index no longer lists are removed. Offline, nothing changes and the command says so."
    )

    @OptionGroup var root: PackRootOptions
    @OptionGroup var network: NetworkOptions

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
        let report = try await root.withFetcher(network) { fetcher, tracker in
            try await WebIndexUpdate(layout: layout, fetcher: fetcher, progress: tracker).run(indexURL: index)
        }
        Self.printSummary(report)
        if !report.failed.isEmpty { throw ExitCode(1) }
    }

    static func printSummary(_ report: WebIndexUpdate.Report) {
        for diagnostic in report.diagnostics where diagnostic.severity == .error { Terminal.diagnostic(diagnostic) }
        for failure in report.failed { Terminal.error(failure.description) }
        Terminal.print("Index \(report.indexURL): \(report.listed) packs; descriptions \(report.new.count) new, \(report.updated.count) updated, \(report.unchanged) unchanged, \(report.removed.count) removed, \(report.failed.count) failed")
    }
}
