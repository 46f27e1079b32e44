import ArgumentParser
import CMSISPack
import OwnedFiles
import Foundation
import PackCache

/// `pack-manager index …`: publishing pack indexes.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build pack indexes for a pack server.",
        subcommands: [IndexBuildCommand.self]
    )
}

struct IndexBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Fetch and check the descriptions that vendor indexes or URLs name, and write a flat index.pidx of those that pass.",
        discussion: """
            SOURCE is a vendor .pidx, a .vidx, or a .pdsc URL (http, https, file, or a path). Each description \
            is fetched, read and checked (`pack-manager check` rules; errors reject it). The index lists each \
            pack at the folder its description was found in, with the version its source index lists (which may be a pre-release), else its newest release's; rejected packs \
            are listed with the reasons (and written to --report as JSON). Exit status 1 when any was rejected. \
            --vendor and --url name the index (PackIndex.xsd requires both); without them, those of an input .vidx, \
            else (as vidx2pidx) the .vidx file's name and the folder the index is written to, with a warning. \
            --site writes the catalogue: a static web site with a page per pack, device and board, and a search page. \
            --verify-archives also asks (HEAD) for every release's archive of each pack that passes: a pack whose \
            newest archive is missing is rejected, missing earlier ones are warnings, listed in --report and on the \
            catalogue's pack pages.
            """
    )

    @OptionGroup var network: NetworkOptions

    @Argument(help: ArgumentHelp("Vendor indexes and description URLs.", valueName: "source"))
    var sources: [String] = []

    @Option(name: [.customShort("i"), .customLong("input")], help: ArgumentHelp("A file of sources, one per line.", valueName: "file"))
    var input: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the index.", valueName: "file"))
    var output = "index.pidx"

    @Option(help: ArgumentHelp("Write the accepted and rejected packs as JSON here.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("<vendor> of the index.", valueName: "name"))
    var vendor: String?

    @Option(help: ArgumentHelp("<url> of the index (where it is published).", valueName: "url"))
    var url: String?

    @Flag(name: .customLong("no-check"), help: "Only read the descriptions; skip the checks.")
    var noCheck = false

    @Flag(name: .customLong("verify-archives"), help: "Ask for every release's archive (HEAD): reject a pack whose newest archive is missing, report missing earlier ones.")
    var verifyArchives = false

    @Option(help: ArgumentHelp("The XML schema to validate against (PACK.xsd; default as for `check`).", valueName: "file"))
    var schema: String?

    @Option(help: ArgumentHelp("Ignore findings with this id (PM…, or packchk's M…); repeatable.", valueName: "id"))
    var suppress: [String] = []

    @Option(help: ArgumentHelp("Also write the catalogue, a static web site of the index, into this folder.", valueName: "folder"))
    var site: String?

    @Option(name: .customLong("site-name"), help: ArgumentHelp("The catalogue's title.", valueName: "text"))
    var siteName = "Pack catalogue"

    @Flag(name: [.short, .long], help: "No progress display.")
    var quiet = false

    func validate() throws {
        if sources.isEmpty && input == nil { throw ValidationError("give at least one source, or --input") }
    }

    /// `<vendor>` and `<url>`: the options, else an input .vidx's. A .vidx
    /// without them gets what vidx2pidx writes then (its file name as the
    /// vendor; where the index is written as the url), said in a warning,
    /// since PackIndex.xsd requires both.
    func indexHeader(_ result: IndexBuild.Result, sources: [String]) -> (vendor: String, url: String) {
        let vidx = sources.first { $0.lowercased().hasSuffix(".vidx") }.map { FetchURL.resolve($0) } ?? ""
        let vidxName = ((URL(string: vidx)?.lastPathComponent ?? vidx) as NSString).deletingPathExtension
        let indexVendor = vendor ?? result.vendor ?? (vidxName.isEmpty ? "index" : vidxName)
        let folder = (URL(fileURLWithPath: output).standardizedFileURL.deletingLastPathComponent().absoluteString)
        let indexURL = url ?? result.url ?? (folder.hasSuffix("/") ? folder : folder + "/")
        if vendor == nil && result.vendor == nil {
            Terminal.warning("the input .vidx names no <vendor>: the index names '\(indexVendor)' (the .vidx file's name, as vidx2pidx does); give --vendor")
        }
        if url == nil && result.url == nil {
            Terminal.warning("the input .vidx names no <url>: the index names \(indexURL) (where it is written, as vidx2pidx does); give --url with the address it is published at")
        }
        return (indexVendor, indexURL)
    }

    func run() async throws {
        var all = sources
        if let input {
            all += ListFile.entries(try String(contentsOfFile: input, encoding: .utf8))
        }
        // PackIndex.xsd requires <vendor> and <url>: from the options, else from an input .vidx.
        if vendor == nil || url == nil, !all.contains(where: { $0.lowercased().hasSuffix(".vidx") }) {
            // A usage error known only once the inputs are read: said here, as ArgumentParser would print the top-level usage.
            Terminal.error("give --vendor and --url: the index must name its vendor and the URL it is published at "
                + "(PackIndex.xsd requires both), and no input .vidx names them")
            throw ExitCode(UsageError.exitStatus)
        }
        // Files that exist are replaced only when they are what this command writes.
        try OutputFile.check(output, holds: .packIndex)
        if let report { try OutputFile.check(report, holds: .buildReport) }
        let check = noCheck ? PublishChecks.none : try checks()
        let result = try await TemporaryFolder.with(prefix: "cpm-index-build") { work in
            try await withFetcher(network, quiet: quiet) { fetcher, tracker in
                var build = IndexBuild(fetcher: fetcher, progress: tracker, work: work, check: check)
                build.verifyArchives = verifyArchives
                return try await build.run(sources: all, keepDescriptions: site != nil)
            }
        }

        if let report { try OutputFile.write(result.reportJSON.serialized(), to: report) }
        for warning in result.warnings { Terminal.warning(warning) }
        for duplicate in result.duplicates { Terminal.warning(duplicate) }
        let (indexVendor, indexURL) = indexHeader(result, sources: all)
        guard !result.accepted.isEmpty else {
            result.rejected.forEach(RejectionText.print)
            Terminal.error("no pack was accepted, so \(output) was not written (PackIndex.xsd needs at least one pack)")
            throw ExitCode(1)
        }
        let text = PackIndexWriter.pidx(vendor: indexVendor, url: indexURL, entries: result.accepted, timestamp: PackIndexWriter.timestamp())
        try OutputFile.write(Array(text.utf8), to: output)
        if let site {
            let packs = result.accepted.compactMap { entry in
                result.descriptions[entry.reference.family].map {
                    CataloguePack(entry: entry, description: $0.description, archiveFindings: result.archiveFindings[entry.reference.family] ?? [])
                }
            }
            CatalogueSummary.print(try CatalogueSite(outputPath: site).write(packs, siteName: siteName), folder: site)
        }
        result.rejected.forEach(RejectionText.print)
        let missing = result.archiveFindings.values.joined().filter { $0.rule != .onlineCheckFailed }.count
        Terminal.print("\(output): \(result.accepted.count) packs indexed, \(result.rejected.count) rejected"
            + (verifyArchives ? ", \(missing) earlier archive\(missing == 1 ? "" : "s") missing" : ""))
        if !result.rejected.isEmpty { throw ExitCode(1) }
    }

    private func checks() throws -> @Sendable ([UInt8], String) -> [String] {
        do {
            return try PublishChecks.rule(schema: schema, suppress: suppress)
        } catch {
            throw ValidationError("--schema: \(error.description)")
        }
    }
}
