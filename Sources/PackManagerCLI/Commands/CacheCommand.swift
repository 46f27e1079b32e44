import ArgumentParser
import CMSISPack
import Foundation
import PackCache

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Download or remove pack descriptions and packs in the cache.",
        discussion: """
        Actions (as in the reference):
          descriptors, desc, pdsc   fetch the pack descriptions the indexes list,
                                    then update the device index
          everything, every, packs  the same, then download every pack
          devices, devs DEVICE...   the same, then the packs of these devices
          clean, rm                 remove pack-manager's own files from the data
                                    and index folders; other files stay (README:
                                    "What pack-manager may delete")

        Index URLs: --index-url (remembered for later runs on the data folder),
        else $CMSIS_PACK_MANAGER_INDEX_URLS, else a vendor list named with
        --vidx-list or $CMSIS_PACK_MANAGER_VIDX_LIST, else the remembered
        --index-url, else vendors.list in the data folder (created with
        \(IndexSources.defaultIndexURL)).
        """
    )

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case descriptors, desc, pdsc, everything, every, packs, devices, devs, clean, rm

        var canonical: Action {
            switch self {
            case .descriptors, .desc, .pdsc: return .descriptors
            case .everything, .every, .packs: return .everything
            case .devices, .devs: return .devices
            case .clean, .rm: return .clean
            }
        }
    }

    @OptionGroup var options: LocationOptions

    @Argument(help: ArgumentHelp("descriptors, everything, devices or clean (or their short names).", valueName: "action"))
    var action: Action

    @Argument(help: ArgumentHelp("Device names, for `devices`.", valueName: "device"))
    var devices: [String] = []

    @Option(name: .customLong("index-url"), help: ArgumentHelp("A pack index (.pidx or .vidx) URL or path; repeatable. Used instead of the vendor list, and remembered for later runs on this data folder.", valueName: "url"))
    var indexURLs: [String] = []

    @OptionGroup var network: NetworkOptions

    @Flag(help: "Ask the server about every description held, even those whose version the index lists (conditional requests). Without it, those are asked about only once a week.")
    var revalidate = false

    @Flag(name: [.short, .long], help: "No progress display; only failures and the summary.")
    var quiet = false

    @Flag(help: "Print the report as JSON on standard output (no progress; errors still go to standard error).")
    var json = false

    func validate() throws {
        if action.canonical == .devices && devices.isEmpty {
            throw ValidationError("`cache devices` needs at least one device name")
        }
        if action.canonical != .devices && !devices.isEmpty {
            throw ValidationError("only `cache devices` takes device names")
        }
    }

    func run() async throws {
        let locations = options.locations
        if action.canonical == .clean {
            let cleaned = try CacheClean.run(locations)
            if json { Terminal.json(CleanSummary.json(cleaned)) } else { CleanSummary.print(cleaned) }
            return
        }
        var update = CacheUpdate(locations: locations)
        update.indexURLs = indexURLs
        update.vendorListGiven = options.vidxList != nil
        update.revalidate = revalidate
        switch action.canonical {
        case .everything: update.packs = .everything
        case .devices: update.packs = .devices(devices)
        default: break
        }
        let quiet = quiet || json
        let outcome = try await withFetcher(network, quiet: quiet) { fetcher, tracker in
            try await update.run(fetcher: fetcher, progress: tracker, onWait: {
                Terminal.warning("another pack-manager is updating \(locations.dataPath); waiting for it to finish")
            }, chosen: { sources, origin in
                if case .remembered(let path) = origin, !quiet {
                    Terminal.note("following the index of an earlier --index-url (\(sources.joined(separator: ", ")); kept in \(path)); give --index-url to change it")
                }
            })
        }
        let report = outcome.report
        if json {
            UpdateSummary.printErrors(report)
            Terminal.json(outcome.json)
        } else {
            UpdateSummary.print(report, locations: locations, verbose: options.verbose)
        }
        if !report.succeeded { throw ExitCode(1) }
    }
}
