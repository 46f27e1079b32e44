import Foundation

/// Text files that list one entry a line (the vendor list, `index build
/// --input`, `pack add -f`): blank lines and `#` comments are skipped.
public enum ListFile {
    public static func entries(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
