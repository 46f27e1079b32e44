import CMSISPack
/// One thing `pack-manager check` verifies: a stable id, its default
/// severity, what it means, and the message of Arm's `packchk` that reports
/// the same problem, where there is one.
///
/// ```swift
/// CheckRule.urlWithoutSlash.id        // "PM112"
/// CheckRule.urlWithoutSlash.packchk   // "M316"
/// CheckRule.named("PM401")?.summary   // "a file the description names is not in the pack"
/// ```
///
/// Ids never change meaning once published: tools suppress them by id. They
/// start with "PM" so that they cannot be mistaken for packchk's "M" numbers,
/// which mean other things (packchk's M101 is "Unknown error!").
public struct CheckRule: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let severity: CheckSeverity
    public let summary: String
    /// packchk's message for the same problem, where it has one.
    public let packchk: String?
    /// packchk's other messages that this rule reports, where packchk tells
    /// cases apart that we report under one id (see `Finding.packchk`).
    public let otherPackchk: [String]

    init(_ id: String, _ severity: CheckSeverity, _ summary: String, packchk: String? = nil, also otherPackchk: [String] = []) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.packchk = packchk
        self.otherPackchk = otherPackchk
    }

    /// Every packchk id this rule reports under.
    public var packchkIDs: [String] { (packchk.map { [$0] } ?? []) + otherPackchk }

    public var description: String { id }

    public static func named(_ id: String) -> CheckRule? { all.first { $0.id == id } }
}

/// How much a finding matters: an error fails the check.
public enum CheckSeverity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

