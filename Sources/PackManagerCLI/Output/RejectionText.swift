import PackCache

/// A pack `index build` rejected, as it is printed: a line naming the pack,
/// its URL and the number of findings, then one indented line per distinct
/// finding. Findings that differ only in their line (one check failing on
/// every device of a family) are one line with their count and first lines,
/// and a long message is cut, so a pack with 106 identical findings reads as
/// two short lines, not one of 9 KB. `--report` keeps every finding whole.
enum RejectionText {
    /// Characters of a finding's message that are printed.
    static let messageLimit = 200
    /// Line numbers named for a finding that repeats.
    static let linesNamed = 5
    /// Distinct findings printed per pack.
    static let findingsShown = 20

    static func lines(_ rejection: IndexBuild.Rejection) -> [String] {
        let count = rejection.reasons.count
        let head = "error: \(rejection.pack) rejected (\(rejection.url))"
        if count == 1 { return [head + ": " + cut(rejection.reasons[0])] }
        var result = [head + ": \(count) findings"]
        let groups = group(rejection.reasons)
        for group in groups.prefix(findingsShown) {
            var line = "  " + cut(group.text)
            if group.lines.count == 1 && group.count == 1 {
                line = "  line \(group.lines[0]): " + cut(group.text)
            } else if group.count > 1 {
                line += " (\(group.count) times" + (group.lines.isEmpty ? "" : ": " + linesText(group.lines)) + ")"
            }
            result.append(line)
        }
        if groups.count > findingsShown {
            result.append("  … and \(groups.count - findingsShown) more kinds of finding (--report FILE lists them all)")
        }
        return result
    }

    static func print(_ rejection: IndexBuild.Rejection) {
        for line in lines(rejection) { Terminal.writeError(line + "\n") }
    }

    /// Findings with the same text, in the order they first appear.
    struct Group {
        var text: String
        var count = 0
        var lines: [Int] = []
    }

    static func group(_ reasons: [String]) -> [Group] {
        var groups: [Group] = []
        var position: [String: Int] = [:]
        for reason in reasons {
            let (line, text) = split(reason)
            let index = position[text] ?? {
                position[text] = groups.count
                groups.append(Group(text: text))
                return groups.count - 1
            }()
            groups[index].count += 1
            if let line { groups[index].lines.append(line) }
        }
        return groups
    }

    /// "line 12: [M323] text" → (12, "[M323] text"), as PublishChecks writes findings.
    static func split(_ reason: String) -> (line: Int?, text: String) {
        guard reason.hasPrefix("line "), let colon = reason.firstIndex(of: ":"),
              let line = Int(reason[reason.index(reason.startIndex, offsetBy: 5)..<colon]) else { return (nil, reason) }
        return (line, String(reason[reason.index(after: colon)...].drop { $0 == " " }))
    }

    private static func cut(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > messageLimit ? String(flat.prefix(messageLimit)) + " …" : flat
    }

    private static func linesText(_ lines: [Int]) -> String {
        let named = lines.prefix(linesNamed).map(String.init).joined(separator: ", ")
        return (lines.count == 1 ? "line " : "lines ") + named + (lines.count > linesNamed ? ", …" : "")
    }
}
