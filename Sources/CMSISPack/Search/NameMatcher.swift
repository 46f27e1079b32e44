/// Matches names against search terms, ignoring case: the one matching rule
/// of `find`, `show`'s suggestions, `find-part`, `dump-parts` and `dump`.
///
/// A term matches anywhere in a name. With `globs`, a term holding `*` or
/// `?` is instead a glob for the whole name (`find`); without, it is plain
/// text, as in the reference's `find-part` (`word in name`). With `.all`
/// every term must match, with `.any` one is enough. Empty terms are
/// dropped; no terms match nothing.
///
/// ```swift
/// NameMatcher(terms: ["f407", "stm32"]).filter(index.devices.keys)   // sorted, as find-part prints them
/// NameMatcher(terms: ["stm32f4*"], globs: true).rank("STM32F407VG")  // 2
/// ```
public struct NameMatcher: Sendable {
    public enum Mode: String, Sendable { case all, any }

    /// The terms, lowercased, none empty.
    public let terms: [String]
    public let mode: Mode
    public let globs: Bool

    public init(terms: [String], mode: Mode = .all, globs: Bool = false) {
        self.terms = terms.map { $0.lowercased() }.filter { !$0.isEmpty }
        self.mode = mode
        self.globs = globs
    }

    /// How well `name` matches: 0 equal to a term, 1 starting with one,
    /// 2 a glob or anywhere; nil when it does not match.
    public func rank(_ name: String) -> Int? {
        guard !terms.isEmpty else { return nil }
        let lowered = name.lowercased()
        var best: Int?
        for term in terms {
            if let rank = Self.rank(lowered, term, globs: globs) {
                best = min(best ?? rank, rank)
            } else if mode == .all {
                return nil
            }
        }
        return best
    }

    public func matches(_ name: String) -> Bool { rank(name) != nil }

    /// The matching names, sorted by their UTF-8 bytes (`find-part`'s order).
    public func filter(_ names: some Sequence<String>) -> [String] {
        names.filter(matches).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func rank(_ lowered: String, _ term: String, globs: Bool) -> Int? {
        if globs && (term.contains("*") || term.contains("?")) { return WildcardPattern(term).matches(lowered) ? 2 : nil }
        if lowered == term { return 0 }
        if lowered.hasPrefix(term) { return 1 }
        return lowered.contains(term) ? 2 : nil
    }
}
