import ArgumentParser
import PackCache

struct PackInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a pack root and fetch its index and pack descriptions.",
        discussion: "INDEX is a .pidx or .vidx URL or path (default: \(IndexSources.defaultIndexURL)). The root is created even when the index cannot be fetched."
    )

    @OptionGroup var root: PackRootOptions
    @OptionGroup var network: NetworkOptions

    @Argument(help: ArgumentHelp("The pack index to follow.", valueName: "index"))
    var index: String?

    func run() async throws {
        let layout = root.layout
        let lock = try root.lock()
        defer { lock.release() }
        try PackInstaller.prepare(layout)
        Terminal.print("Pack root: \(layout.root)")
        let report = try await root.withFetcher(network) { fetcher, tracker in
            try await WebIndexUpdate(layout: layout, fetcher: fetcher, progress: tracker).run(indexURL: index)
        }
        PackUpdateIndexCommand.printSummary(report)
        if !report.failed.isEmpty { throw ExitCode(1) }
    }
}
