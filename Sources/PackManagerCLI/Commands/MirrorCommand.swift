import ArgumentParser
import CMSISPack
import Foundation
import PackCache

struct MirrorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirror",
        abstract: "Copy packs and their descriptions into a folder any static web server can serve, with an index pointing at it.",
        discussion: """
            Choose packs with --vendor, --pack and --device (any of them; nothing chosen: every listed pack). \
            The folder gets index.pidx, <Vendor>/<Vendor>.<Name>.pdsc (its <url> set to the mirror) and the \
            archives with .sha256.checksum files. Serve it at --base-url, then point pack-manager \
            (`cache descriptors --index-url`, `pack init`), cpackget or Keil's tools at <base-url>/index.pidx.
            """
    )

    @OptionGroup var network: NetworkOptions

    @Argument(help: ArgumentHelp("The folder to fill.", valueName: "folder"))
    var folder: String

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the folder will be served at.", valueName: "url"))
    var baseURL: String

    @Option(name: .customLong("index"), help: ArgumentHelp("Pack index to mirror from (.pidx or .vidx; repeatable).", valueName: "url"))
    var indexes: [String] = [IndexSources.defaultIndexURL]

    @Option(help: ArgumentHelp("Every pack of this vendor (repeatable).", valueName: "vendor"))
    var vendor: [String] = []

    @Option(help: ArgumentHelp("This pack, Vendor.Name or Vendor::Name (repeatable).", valueName: "pack"))
    var pack: [String] = []

    @Option(help: ArgumentHelp("The pack that defines this device (repeatable).", valueName: "device"))
    var device: [String] = []

    @Flag(name: .customLong("all-versions"), help: "Every version a description lists, not only the newest.")
    var allVersions = false

    @Option(help: ArgumentHelp("Also write the catalogue of the mirrored packs, a static web site, into this folder.", valueName: "folder"))
    var site: String?

    @Option(name: .customLong("site-name"), help: ArgumentHelp("The catalogue's title.", valueName: "text"))
    var siteName = "Pack catalogue"

    @Flag(name: [.short, .long], help: "No progress display.")
    var quiet = false

    func run() async throws {
        var packs: [PackFamily] = []
        for text in pack {
            guard case .named(let family, _)? = try? PackSpecifier(text) else {
                throw ValidationError("--pack \(text): expected Vendor.Name or Vendor::Name")
            }
            packs.append(family)
        }
        let selection = PackMirror.Selection(vendors: vendor, packs: packs, devices: device, allVersions: allVersions)
        let report = try await withFetcher(network, quiet: quiet) { fetcher, tracker in
            try await PackMirror(fetcher: fetcher, progress: tracker, outputPath: folder, baseURL: baseURL)
                .run(indexURLs: indexes, selection: selection)
        }
        if let site, !report.published.isEmpty {
            CatalogueSummary.print(try CatalogueSite(outputPath: site).write(report.published, siteName: siteName), folder: site)
        }
        for failure in report.failed { Terminal.error(failure.description) }
        for name in report.unknownDevices { Terminal.error("no listed pack defines device \(name)") }
        if report.emptyIndex { Terminal.error("no pack could be copied, so \(folder)/index.pidx was not written") }
        Terminal.print("\(folder): \(report.mirrored.count) packs copied, \(report.alreadyHeld) already there, \(report.failed.count) failed")
        if !report.failed.isEmpty || !report.unknownDevices.isEmpty || report.emptyIndex { throw ExitCode(1) }
    }
}
