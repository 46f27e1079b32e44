import CMSISPack
/// One problem `check` found: which rule, how severe, where, and what exactly.
///
/// ```swift
/// let finding = CheckRule.urlWithoutSlash.finding(file: "A.B.pdsc", line: 5, "<url> 'https://a.com/p' does not end with '/'")
/// finding.description
/// // "A.B.pdsc:5: warning: [PM112/M316] <url> 'https://a.com/p' does not end with '/'"
/// ```
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public let rule: CheckRule
    /// The rule's severity, unless promoted (`--warnings-as-errors`).
    public var severity: CheckSeverity
    public let file: String
    /// 1-based; nil when the finding is about the whole file.
    public let line: Int?
    /// 1-based; only where the reader knows it (a file that is not well-formed XML).
    public let column: Int?
    public let message: String
    /// The id of packchk's message for this finding: the rule's, or one of
    /// its others where packchk tells cases apart (M326 for an absolute
    /// path, M313 for one leading outside the pack).
    public let packchk: String?

    public var id: String { rule.id }

    public init(rule: CheckRule, severity: CheckSeverity? = nil, file: String, line: Int?, column: Int? = nil, message: String,
                packchk: String? = nil) {
        self.rule = rule
        self.severity = severity ?? rule.severity
        self.file = file
        self.line = line.flatMap { $0 > 0 ? $0 : nil }
        self.column = self.line == nil ? nil : column.flatMap { $0 > 0 ? $0 : nil }
        self.message = message
        self.packchk = packchk ?? rule.packchk
    }

    /// `file:line[:column]: severity: [ID/Mnnn] message`, the layout
    /// compilers use, with packchk's id beside ours where packchk has one.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        let ids = packchk.map { "\(id)/\($0)" } ?? id
        return "\(location): \(severity.rawValue): [\(ids)] \(message)"
    }

    public var json: JSONValue {
        .object([
            "id": .string(id),
            "severity": .string(severity.rawValue),
            "file": .string(file),
            "line": line.map { .number(String($0)) } ?? .null,
            "column": column.map { .number(String($0)) } ?? .null,
            "message": .string(message),
            "packchk": packchk.map(JSONValue.string) ?? .null,
        ])
    }
}

extension CheckRule {
    public func finding(file: String, line: Int?, _ message: String, packchk: String? = nil) -> Finding {
        Finding(rule: self, file: file, line: line, message: message, packchk: packchk)
    }
}

/// Collects the findings of one check run for one file.
struct FindingLog {
    let file: String
    private(set) var findings: [Finding] = []

    init(file: String) { self.file = file }

    /// `packchk` names packchk's message where the rule has several.
    mutating func add(_ rule: CheckRule, line: Int?, _ message: String, packchk: String? = nil) {
        findings.append(rule.finding(file: file, line: line, message, packchk: packchk))
    }

    mutating func add(_ finding: Finding) { findings.append(finding) }

    mutating func removeAll(where shouldBeRemoved: (Finding) -> Bool) { findings.removeAll(where: shouldBeRemoved) }
}

extension Finding {
    /// Whether `ids` names this finding, by its id or its packchk id.
    public func isSuppressed(by ids: Set<String>) -> Bool {
        ids.contains(id) || (packchk.map(ids.contains) ?? false)
    }
}
