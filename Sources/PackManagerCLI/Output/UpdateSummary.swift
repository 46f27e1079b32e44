import CMSISPack
import Foundation
import PackCache

/// The end-of-run summary.
enum UpdateSummary {
    /// Refused entries and failures, on standard error (also with --json).
    /// Failures that share a server and a reason (a server that is down)
    /// are one line each, unless `verbose`.
    static func printErrors(_ report: UpdateReport, verbose: Bool = false) {
        report.diagnostics.filter { $0.severity == .error }.forEach(Terminal.diagnostic)
        for failure in report.indexFailures { Terminal.error("index \(failure)") }
        for group in FailureGroups(report.failed).groups {
            if verbose || group.subjects.count < FailureGroups.threshold {
                group.failures.forEach { Terminal.error($0.description) }
            } else {
                let named = group.subjects.prefix(3).joined(separator: ", ") + ", …"
                Terminal.error("\(group.subjects.count) descriptions from \(group.host): \(group.reason) (\(named); -v lists each)")
            }
        }
        for failure in report.packFailures { Terminal.error(failure.description) }
        for limit in report.serverLimits { Terminal.warning(limit.message) }
    }

    static func print(_ report: UpdateReport, locations: CacheLocations, verbose: Bool) {
        printErrors(report, verbose: verbose)
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
            // A file that is not there is not a network problem.
            let local = report.indexFailures.allSatisfy { $0.hasPrefix("file:") || $0.hasPrefix("/") }
            let check = local ? "check the path" : "check the network or the proxy (http_proxy, https_proxy)"
            Terminal.print("Index files: \(report.indexFailures.count) of \(report.indexFiles) could not be read; \(check), or give another index with --index-url URL (a local folder or file works too)")
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
