import Foundation

/// The output a page shows under a command (`$ pack-manager …` in a code
/// block, then the lines up to the next prompt or the end of the block),
/// and whether printed output is what it shows. A line `…` stands for any
/// number of lines left out; `…` within a line for any text; spaces that
/// end a line do not count.
///
///     let shown = ShownOutput.find("show STM32F407VGTx", in: page)
///     shown?.mismatch(printed)   // nil when the page shows what was printed
struct ShownOutput {
    /// The line of the command, from 1.
    var line: Int
    var lines: [String]

    /// The output shown under the first `$ pack-manager <command>` (its comment aside).
    static func find(_ command: String, in page: String) -> ShownOutput? {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("$ pack-manager ") && ShellWords.withoutComment(String(trimmed.dropFirst(15))) == command
        }) else { return nil }
        let indentation = lines[index].prefix { $0 == " " }.count
        var output: [String] = []
        for line in lines[(index + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("$ ") || trimmed.hasPrefix("```") { break }
            if !trimmed.isEmpty && line.prefix { $0 == " " }.count < indentation { break }
            output.append(String(line.dropFirst(min(indentation, line.prefix { $0 == " " }.count))))
        }
        while output.last?.isEmpty == true { output.removeLast() }
        return ShownOutput(line: index + 1, lines: output)
    }

    /// Where the printed text departs from the shown lines, or nil.
    func mismatch(_ printed: String) -> String? {
        var printedLines = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while printedLines.last?.isEmpty == true { printedLines.removeLast() }
        var furthest = (shown: 0, printed: 0)
        if Self.matches(lines[...], printedLines[...], furthest: &furthest) { return nil }
        let shownLine = furthest.shown < lines.count ? "'\(lines[furthest.shown])'" : "nothing more"
        let printedLine = furthest.printed < printedLines.count ? "'\(printedLines[furthest.printed])'" : "nothing more"
        return "output line \(furthest.printed + 1): the page shows \(shownLine), the program prints \(printedLine)"
    }

    private static func matches(_ shown: ArraySlice<String>, _ printed: ArraySlice<String>, furthest: inout (shown: Int, printed: Int)) -> Bool {
        if shown.startIndex > furthest.shown || (shown.startIndex == furthest.shown && printed.startIndex > furthest.printed) {
            furthest = (shown.startIndex, printed.startIndex)
        }
        guard let first = shown.first else { return printed.isEmpty }
        if first.trimmingCharacters(in: .whitespaces) == "…" {
            // Any number of lines left out, the fewest first.
            return (printed.startIndex...printed.endIndex).contains { skip in
                matches(shown.dropFirst(), printed[skip...], furthest: &furthest)
            }
        }
        guard let line = printed.first, lineMatches(first, line) else { return false }
        return matches(shown.dropFirst(), printed.dropFirst(), furthest: &furthest)
    }

    /// The line as shown, where `…` stands for any text. Spaces at the end
    /// of a line do not count: a page cannot keep them (`show` pads an empty last column).
    static func lineMatches(_ shown: String, _ original: String) -> Bool {
        let shown = shown.trailingSpacesRemoved
        let printed = original.trailingSpacesRemoved
        let parts = shown.components(separatedBy: "…")
        guard parts.count > 1 else { return shown == printed }
        guard printed.hasPrefix(parts[0]), printed.hasSuffix(parts[parts.count - 1]),
              printed.count >= parts[0].count + parts[parts.count - 1].count else { return false }
        var rest = printed.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}

private extension String {
    var trailingSpacesRemoved: String {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
