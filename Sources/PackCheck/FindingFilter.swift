import CMSISPack
import Foundation

/// Which findings a report keeps, from `check`'s options and packchk's:
///
/// - `--suppress ID` (ours): leaves out findings with that id, of any severity;
/// - `-x ID` (packchk's): leaves out warnings and infos with that id, and
///   errors only with `--allow-suppress-error`; `-x !ID` lists only the ids
///   so marked, as packchk does;
/// - `-w LEVEL` (packchk's): 0 lists errors only, 1 and 2 warnings too,
///   3 or `all` infos too; errors always count;
/// - `--warnings-as-errors` (packchk's `--pedantic`): warnings fail the check.
///
/// Ids are ours (PM…) or packchk's (M…); a finding matches by either.
///
/// ```swift
/// var filter = FindingFilter()
/// filter.packchkSuppress = try FindingFilter.ids(["M382,M324"])   // ["M382", "M324"]
/// let kept = report.applying(filter)
/// ```
public struct FindingFilter: Sendable, Equatable {
    public var suppress: Set<String> = []
    public var packchkSuppress: Set<String> = []
    public var showOnly: Set<String> = []
    public var allowSuppressError = false
    /// The least severe finding listed.
    public var lowestListed: CheckSeverity = .info
    public var warningsAsErrors = false

    public init() {}

    /// Whether the filter leaves `finding` out.
    public func excludes(_ finding: Finding) -> Bool {
        if finding.isSuppressed(by: suppress) { return true }
        if !showOnly.isEmpty && !finding.isSuppressed(by: showOnly) { return true }
        if finding.isSuppressed(by: packchkSuppress) && (finding.severity != .error || allowSuppressError) { return true }
        return finding.severity < lowestListed && finding.severity != .error
    }

    /// packchk's `-w LEVEL`: the least severe finding listed (0 errors,
    /// 1 or 2 warnings too, 3 or `all` infos too; nil gives all); nil for
    /// any other level.
    public static func lowestListed(forLevel level: String?) -> CheckSeverity? {
        switch level?.lowercased() {
        case nil, "3", "all": .info
        case "1", "2": .warning
        case "0": .error
        default: nil
        }
    }

    /// packchk's `-x` values as given on its command line, where ids and
    /// paths mix (`-x M334 M324 file.pdsc`): those that look like ids.
    public static func packchkArguments(_ values: [String]) -> (ids: [String], paths: [String]) {
        (values.filter(looksLikeID), values.filter { !looksLikeID($0) })
    }

    /// Ids as given: repeatable, comma-separated, any case. An id is ours
    /// (`PM` and three digits, one of `CheckRule.all`) or packchk's (`M`
    /// and three digits, any of them: a command line written for packchk
    /// names messages that `check` may not have).
    public static func ids(_ values: [String]) throws(FindingFilterError) -> Set<String> {
        var result = Set<String>()
        for value in values {
            for part in value.split(separator: ",") {
                let id = String(part).trimmingXMLWhitespace().uppercased()
                guard isID(id) else { throw FindingFilterError(id: String(part)) }
                result.insert(id)
            }
        }
        return result
    }

    /// Ids as given (repeatable, comma-separated, any case), without
    /// checking that each is known: `index build --suppress`.
    public static func listedIDs(_ values: [String]) -> Set<String> {
        Set(values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
    }

    /// packchk's `-x` values: `!ID` lists only that id; the others leave theirs out.
    public static func packchkIDs(_ values: [String]) throws(FindingFilterError) -> (suppress: Set<String>, showOnly: Set<String>) {
        let shown = values.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
        return (try ids(values.filter { !$0.hasPrefix("!") }), try ids(shown))
    }

    /// Whether `text` has the shape of an id (PM123, M123, !M123), for telling
    /// ids apart from paths on a packchk command line (`-x M334 M324 path`).
    public static func looksLikeID(_ text: String) -> Bool {
        let id = text.hasPrefix("!") ? String(text.dropFirst()) : text
        return isShaped(id.uppercased())
    }

    static func isID(_ id: String) -> Bool {
        guard isShaped(id) else { return false }
        return id.hasPrefix("M") || CheckRule.named(id) != nil
    }

    private static func isShaped(_ id: String) -> Bool {
        let digits: Substring
        if id.hasPrefix("PM") { digits = id.dropFirst(2) } else if id.hasPrefix("M") { digits = id.dropFirst() } else { return false }
        return digits.count == 3 && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }
}

/// An id that is neither one of ours nor shaped like packchk's.
public struct FindingFilterError: Error, Sendable, CustomStringConvertible {
    public let id: String
    public var description: String {
        "unknown id '\(id)': give one of ours (PM…, see the table in docs/check.md or the ids in the output) or packchk's (M and three digits)"
    }
}
