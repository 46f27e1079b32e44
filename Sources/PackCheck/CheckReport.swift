import CMSISPack
/// The result of checking one input: what was checked, against which
/// schema, and the findings that remain after suppression.
///
/// ```swift
/// let report = PackChecker.check(path: "A.B.pdsc", options: options)
///     .applying(suppress: ["PM602", "M327"], warningsAsErrors: true)   // or .applying(filter)
/// report.counts[.error]   // errors after suppression and promotion
/// report.passed           // no errors: exit status 0
/// report.json             // {"file": …, "findings": [{id, severity, file, line, message, packchk}], "counts": …}
/// ```
public struct CheckReport: Sendable {
    public enum InputKind: String, Sendable {
        case pdsc, pack, directory
    }

    /// The path given.
    public let input: String
    public let kind: InputKind
    /// The description checked (`file.pack!/member.pdsc` inside an archive).
    public let descriptionPath: String
    /// The schema validated against; nil when schema validation was skipped.
    public let schemaPath: String?
    public private(set) var findings: [Finding]
    public private(set) var suppressed = 0
    /// Whether the files the description names were looked up (a `.pack`,
    /// an unpacked pack); false for a description checked alone.
    public internal(set) var filesChecked = false
    /// `<vendor>.<name>.<version>.pack` as the description says (packchk's `-n`).
    public internal(set) var packFileName: String?
    /// Whether the description was also checked against its URLs (`check --online`).
    public private(set) var onlineChecked = false

    public init(input: String, kind: InputKind, descriptionPath: String, schemaPath: String?, findings: [Finding]) {
        self.input = input
        self.kind = kind
        self.descriptionPath = descriptionPath
        self.schemaPath = schemaPath
        self.findings = findings
    }

    /// Adds the findings of the online check (made outside this module,
    /// where the network is), before any filter is applied.
    public mutating func addOnlineFindings(_ more: [Finding]) {
        onlineChecked = true
        findings += more
    }

    /// Drops findings whose id, or packchk id, is in `suppress`, then makes
    /// the remaining warnings errors when asked.
    public func applying(suppress: Set<String>, warningsAsErrors: Bool) -> CheckReport {
        var filter = FindingFilter()
        filter.suppress = suppress
        filter.warningsAsErrors = warningsAsErrors
        return applying(filter)
    }

    /// Leaves out what `filter` excludes, then makes the remaining warnings
    /// errors when it asks.
    public func applying(_ filter: FindingFilter) -> CheckReport {
        var copy = self
        copy.findings = findings.filter { !filter.excludes($0) }
        copy.suppressed += findings.count - copy.findings.count
        if filter.warningsAsErrors {
            for index in copy.findings.indices where copy.findings[index].severity == .warning {
                copy.findings[index].severity = .error
            }
        }
        return copy
    }

    public var counts: [CheckSeverity: Int] {
        var counts = Dictionary(uniqueKeysWithValues: CheckSeverity.allCases.map { ($0, 0) })
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        return counts
    }

    public var passed: Bool { counts[.error] == 0 }

    /// "2 errors, 1 warning, 0 infos (3 suppressed)".
    public var summary: String {
        let counts = self.counts
        func count(_ severity: CheckSeverity) -> String {
            let n = counts[severity] ?? 0
            return "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
        }
        var text = [CheckSeverity.error, .warning, .info].map(count).joined(separator: ", ")
        if suppressed > 0 { text += " (\(suppressed) suppressed)" }
        return text
    }

    public var json: JSONValue {
        let counts = self.counts
        return .object([
            "file": .string(input),
            "kind": .string(kind.rawValue),
            "description": .string(descriptionPath),
            "schema": schemaPath.map(JSONValue.string) ?? .null,
            "filesChecked": .bool(filesChecked),
            "online": .bool(onlineChecked),
            "findings": .array(findings.map(\.json)),
            "counts": .object(Dictionary(uniqueKeysWithValues: CheckSeverity.allCases.map { ($0.rawValue, JSONValue.number(String(counts[$0] ?? 0))) })),
            "suppressed": .number(String(suppressed)),
            "passed": .bool(passed),
        ])
    }
}
