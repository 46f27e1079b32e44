/// A condition value with `*` (any run of characters) and `?` (one
/// character), compared without regard to case, as the specification allows
/// for Dname, Hname and the component attributes.
struct WildcardPattern {
    private let pattern: [Character]

    init(_ text: String) { pattern = Array(text.lowercased()) }

    func matches(_ text: String) -> Bool {
        let subject = Array(text.lowercased())
        // Greedy matching with backtracking to the last '*': linear in practice.
        var p = 0, s = 0
        var star = -1, resume = 0
        while s < subject.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == subject[s] {
                p += 1
                s += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = s
                p += 1
            } else if star >= 0 {
                p = star + 1
                resume += 1
                s = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
