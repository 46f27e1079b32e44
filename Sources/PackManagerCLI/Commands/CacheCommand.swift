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
        let (sources, origin) = try IndexSources.choose(indexURLs: indexURLs, locations: locations, vendorListGiven: options.vidxList != nil)
        if case .remembered(let path) = origin, !json, !quiet {
            Terminal.note("following the index of an earlier --index-url (\(sources.joined(separator: ", ")); kept in \(path)); give --index-url to change it")
        }
        let lock = try await CacheLock.acquire(locations) {
            Terminal.warning("another pack-manager is updating \(locations.dataPath); waiting for it to finish")
        }
        defer { lock.release() }

        let report = try await withFetcher(network, quiet: quiet || json) { fetcher, tracker in
            var update = DescriptorUpdate(lock: lock, fetcher: fetcher, progress: tracker)
            update.revalidation = Revalidation(always: revalidate)
            var report = try await update.run(indexURLs: sources)
            switch action.canonical {
            case .everything:
                try await PackDownload(lock: lock, fetcher: fetcher, progress: tracker).downloadAll(into: &report)
            case .devices:
                try await PackDownload(lock: lock, fetcher: fetcher, progress: tracker).download(devices: devices, into: &report)
            default:
                break
            }
            return report
        }
        // Later runs on this data folder follow the same index, as `pack init` does.
        if origin == .options, report.indexFailures.count < report.indexFiles {
            try IndexSources.remember(indexURLs, locations: locations)
        }
        if json {
            UpdateSummary.printErrors(report)
            guard case .object(var members) = report.json else { return }
            members["data_path"] = .string(locations.dataPath)
            members["json_path"] = .string(locations.jsonPath)
            members["index_urls"] = .array(sources.map(JSONValue.string))
            Terminal.json(.object(members))
        } else {
            UpdateSummary.print(report, locations: locations, verbose: options.verbose)
        }
        if !report.succeeded { throw ExitCode(1) }
    }
}

/// The end-of-run summary.
enum UpdateSummary {
    /// Refused entries and failures, on standard error (also with --json).
    static func printErrors(_ report: UpdateReport) {
        report.diagnostics.filter { $0.severity == .error }.forEach(Terminal.diagnostic)
        for failure in report.indexFailures { Terminal.error("index \(failure)") }
        for failure in report.failed { Terminal.error(failure.description) }
        for failure in report.packFailures { Terminal.error(failure.description) }
        for limit in report.serverLimits { Terminal.warning(limit.message) }
    }

    static func print(_ report: UpdateReport, locations: CacheLocations, verbose: Bool) {
        printErrors(report)
        Terminal.warnings(report.diagnostics.filter { $0.severity != .error }, verbose: verbose)
        if verbose {
            for name in report.new { Terminal.print("new: \(name)") }
            for name in report.updated { Terminal.print("updated: \(name)") }
            for name in report.removed { Terminal.print("removed from the index: \(name)") }
        }
        let unchanged = report.notRequested > 0 ? "\(report.unchanged) unchanged (\(report.notRequested) at the listed version, not asked again)" : "\(report.unchanged) unchanged"
        Terminal.print(String(format: "Descriptions: %d listed in %d index file%@: %d new, %d updated, %@, %d failed (%.1f s, %d requests, %@) in %@",
                              report.listed, report.indexFiles, report.indexFiles == 1 ? "" : "s", report.new.count,
                              report.updated.count, unchanged, report.failed.count, report.seconds,
                              report.requests, ByteCount.text(report.bytes), locations.dataPath).replacingOccurrences(of: ", 1 requests,", with: ", 1 request,"))
        if !report.indexFailures.isEmpty {
            Terminal.print("Index files: \(report.indexFailures.count) of \(report.indexFiles) could not be read; check the network or the proxy (http_proxy, https_proxy), or give another index with --index-url URL (a local folder or file works too)")
        }
        if !report.removed.isEmpty {
            Terminal.print("Removed from the device index (no longer listed): \(report.removed.count)")
        }
        if !report.packsDownloaded.isEmpty || report.packsHeld > 0 || !report.packFailures.isEmpty {
            Terminal.print("Packs: \(report.packsDownloaded.count) downloaded, \(report.packsHeld) already held, \(report.packFailures.count) failed in \(locations.dataPath)")
        }
        Terminal.print("Device index: \(report.deviceCount) devices, \(report.boardCount) boards" + (report.indexWritten ? " (updated)" : " (unchanged)") + " in \(locations.jsonPath)")
    }
}

/// What `cache clean` did, folder by folder.
enum CleanSummary {
    static func json(_ report: CacheClean.Report) -> JSONValue {
        .object([
            "folders": .array(report.folders.map { folder in
                .object([
                    "path": .string(folder.path),
                    "existed": .bool(folder.existed),
                    "removed": .number(String(folder.removed)),
                    "kept": .array(folder.kept.map(JSONValue.string)),
                    "folder_removed": .bool(folder.folderRemoved),
                ])
            }),
            "not_cleaned": .optional(report.notNamed),
        ])
    }

    static func print(_ report: CacheClean.Report) {
        for folder in report.folders {
            guard folder.existed else {
                Terminal.print("\(folder.path): nothing to clean (no such folder)")
                continue
            }
            let removed = "\(folder.removed) item\(folder.removed == 1 ? "" : "s") removed"
            if folder.folderRemoved {
                Terminal.print("\(folder.path): \(removed); the folder is gone")
            } else {
                let kept = folder.kept.prefix(5).joined(separator: ", ") + (folder.kept.count > 5 ? ", …" : "")
                Terminal.print("\(folder.path): \(removed); kept what is not pack-manager's: \(kept)")
            }
        }
        if let skipped = report.notNamed {
            Terminal.print("\(skipped): not cleaned (only the index folder was named; give --data-path to clean a data folder)")
        }
    }
}
