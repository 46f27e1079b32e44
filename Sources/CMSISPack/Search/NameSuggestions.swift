/// "Did you mean": the names closest to one that was not found, for every
/// answer that finds nothing (an option, a command, a device, a pack).
///
/// A candidate is close when it is the same name in another case, holds the
/// typed text (`NameMatcher`'s rule), or is a few edits away (insertions,
/// deletions, substitutions, and swaps of two neighbours, case ignored):
/// one edit per four characters, at least one and at most three.
///
/// ```swift
/// NameSuggestions.closest(to: "Keil::STM32F4xx_DPF", in: ["Keil::STM32F4xx_DFP", "ARM::CMSIS"])   // ["Keil::STM32F4xx_DFP"]
/// ```
public enum NameSuggestions {
    /// The closest candidates (shorter names first, then by name), at most `limit`.
    public static func closest(to typed: String, in candidates: some Sequence<String>, limit: Int = 5) -> [String] {
        let wanted = typed.lowercased()
        guard !wanted.isEmpty else { return [] }
        let matcher = NameMatcher(terms: [typed])
        let allowed = allowedEdits(wanted.count)
        var ranked: [(rank: Int, name: String)] = []
        var seen = Set<String>()
        for name in candidates where seen.insert(name).inserted {
            let lowered = name.lowercased()
            if lowered == wanted {
                ranked.append((0, name))
            } else if matcher.matches(name) {
                ranked.append((1, name))
            } else {
                let edits = distance(Array(wanted), Array(lowered), limit: allowed)
                if edits <= allowed { ranked.append((1 + edits, name)) }
            }
        }
        // Only the closest kind: the same name in another case if there is one, else the names that
        // hold the text, else those fewest edits away (one mistyped letter, not every name three letters off).
        guard let best = ranked.map(\.rank).min() else { return [] }
        return ranked.filter { $0.rank == best }.sorted { a, b in
            if a.name.count != b.name.count { return a.name.count < b.name.count }
            return a.name < b.name
        }.prefix(limit).map(\.name)
    }

    /// Edits allowed for a name of `length` characters.
    public static func allowedEdits(_ length: Int) -> Int {
        min(3, max(1, length / 4))
    }

    /// The edit distance with swaps of neighbours (optimal string alignment);
    /// stops counting past `limit` (returns `limit + 1` then).
    public static func distance(_ a: [Character], _ b: [Character], limit: Int = .max) -> Int {
        if abs(a.count - b.count) > limit { return limit == .max ? limit : limit + 1 }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            var smallest = current[0]
            for (j, y) in b.enumerated() {
                var value = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                if i > 0, j > 0, x == b[j - 1], a[i - 1] == y { value = min(value, before[j - 1] + 1) }
                current[j + 1] = value
                smallest = min(smallest, value)
            }
            if smallest > limit { return limit + 1 }
            before = previous
            previous = current
        }
        return min(previous[b.count], limit == .max ? .max : limit + 1)
    }
}
