import CMSISPack
import Foundation

extension UpdateReport {
    /// The report as JSON, for `cache --json`, the C interface and the
    /// Python module: counts, the packs new, updated, removed and failed,
    /// and what the index now holds.
    public var json: JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        func failures(_ values: [UpdateReport.Failure]) -> JSONValue {
            .array(values.map { .object(["pack": .string($0.subject), "reason": .string($0.reason)]) })
        }
        func number<T: BinaryInteger>(_ value: T) -> JSONValue { .number(String(value)) }
        return .object([
            "succeeded": .bool(succeeded),
            "listed": number(listed),
            "index_files": number(indexFiles),
            "new": strings(new),
            "updated": strings(updated),
            "unchanged": number(unchanged),
            "not_requested": number(notRequested),
            "failed": failures(failed),
            "index_failures": strings(indexFailures),
            "removed": strings(removed),
            "refused": strings(diagnostics.filter { $0.severity == .error }.map(\.description)),
            "warnings": number(diagnostics.filter { $0.severity != .error }.count),
            "devices": number(deviceCount),
            "boards": number(boardCount),
            "index_written": .bool(indexWritten),
            "requests": number(requests),
            "bytes": number(bytes),
            "seconds": .number(String(format: "%.3f", seconds)),
            "packs_downloaded": strings(packsDownloaded),
            "packs_held": number(packsHeld),
            "pack_failures": failures(packFailures),
            "server_limits": .array(serverLimits.map { .object(["host": .string($0.host), "message": .string($0.message)]) }),
        ])
    }
}
