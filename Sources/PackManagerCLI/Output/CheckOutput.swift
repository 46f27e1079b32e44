import CMSISPack
import PackCheck

/// The text and JSON forms of `check`'s reports.
enum CheckOutput {
    /// Text: each finding, then a summary line per description. JSON: one
    /// report as an object; several as `{reports, counts, passed}`. Both end
    /// with a newline.
    static func render(_ reports: [CheckReport], json: Bool) -> String {
        if json {
            let value: JSONValue
            if reports.count == 1 {
                value = reports[0].json
            } else {
                var counts: [CheckSeverity: Int] = [:]
                for report in reports { for (severity, count) in report.counts { counts[severity, default: 0] += count } }
                value = .object([
                    "reports": .array(reports.map(\.json)),
                    "counts": .object(Dictionary(uniqueKeysWithValues: CheckSeverity.allCases.map { ($0.rawValue, .number(String(counts[$0] ?? 0))) })),
                    "passed": .bool(reports.allSatisfy(\.passed)),
                ])
            }
            return String(decoding: value.serialized(), as: UTF8.self) + "\n"
        }
        var lines: [String] = []
        for report in reports {
            lines += report.findings.map(\.description)
            var notes = [report.schemaPath.map { "validated against \($0)" } ?? "schema validation skipped"]
            if !report.filesChecked && report.kind != .pack { notes.append("files not looked up") }
            let name = report.kind == .pack ? report.input : report.descriptionPath
            lines.append("\(name): \(report.summary); \(notes.joined(separator: "; "))")
        }
        if reports.count > 1 {
            let failed = reports.filter { !$0.passed }.count
            lines.append("\(reports.count) descriptions checked: \(reports.count - failed) passed, \(failed) failed")
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
