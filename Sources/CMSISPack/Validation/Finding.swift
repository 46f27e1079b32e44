/// One problem `check` found: which rule, how severe, where, and what exactly.
///
/// ```swift
/// let finding = CheckRule.urlWithoutSlash.finding(file: "A.B.pdsc", line: 5, "<url> 'https://a.com/p' does not end with '/'")
/// finding.description
/// // "A.B.pdsc:5: warning: [PM112] <url> 'https://a.com/p' does not end with '/'"
/// ```
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public let rule: CheckRule
    /// The rule's severity, unless promoted (`--warnings-as-errors`).
    public var severity: CheckSeverity
    public let file: String
    /// 1-based; nil when the finding is about the whole file.
    public let line: Int?
    public let message: String

    public var id: String { rule.id }

    public init(rule: CheckRule, severity: CheckSeverity? = nil, file: String, line: Int?, message: String) {
        self.rule = rule
        self.severity = severity ?? rule.severity
        self.file = file
        self.line = line.flatMap { $0 > 0 ? $0 : nil }
        self.message = message
    }

    /// `file:line: severity: [ID] message`, the layout compilers use.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        return "\(location): \(severity.rawValue): [\(id)] \(message)"
    }

    public var json: JSONValue {
        .object([
            "id": .string(id),
            "severity": .string(severity.rawValue),
            "file": .string(file),
            "line": line.map { .number(String($0)) } ?? .null,
            "message": .string(message),
            "packchk": rule.packchk.map(JSONValue.string) ?? .null,
        ])
    }
}

extension CheckRule {
    public func finding(file: String, line: Int?, _ message: String) -> Finding {
        Finding(rule: self, file: file, line: line, message: message)
    }
}

/// Collects the findings of one check run for one file.
struct FindingLog {
    let file: String
    private(set) var findings: [Finding] = []

    init(file: String) { self.file = file }

    mutating func add(_ rule: CheckRule, line: Int?, _ message: String) {
        findings.append(rule.finding(file: file, line: line, message))
    }

    mutating func add(_ finding: Finding) { findings.append(finding) }
}

extension Finding {
    /// Whether `ids` names this finding, by its id or its packchk id.
    public func isSuppressed(by ids: Set<String>) -> Bool {
        ids.contains(id) || (rule.packchk.map(ids.contains) ?? false)
    }
}
