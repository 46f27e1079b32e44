/// Finds names (devices or boards) that contain search words.
///
/// Unlike the reference, matching ignores case, and `--and`/`--or` really
/// choose between "every word" and "any word".
public enum DeviceSearch {
    public enum Mode: Sendable { case allWords, anyWord }

    public static func find(_ words: [String], in names: some Sequence<String>, mode: Mode) -> [String] {
        let needles = words.map { $0.lowercased() }.filter { !$0.isEmpty }
        guard !needles.isEmpty else { return [] }
        let matches = names.filter { name in
            let haystack = name.lowercased()
            switch mode {
            case .allWords: return needles.allSatisfy { haystack.contains($0) }
            case .anyWord: return needles.contains { haystack.contains($0) }
            }
        }
        return matches.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
