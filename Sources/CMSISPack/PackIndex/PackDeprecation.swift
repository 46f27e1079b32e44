import Foundation

/// When an index's `deprecated="YYYY-MM-DD"` takes effect: from that day on
/// (UTC). A date still to come, or one that is not a date, does not
/// deprecate the pack yet; this is cpackget's rule for `list` and
/// `--all-pdsc-files`.
///
/// ```swift
/// PackDeprecation.isInEffect("2020-01-01")   // true
/// PackDeprecation.isInEffect("2999-01-01")   // false
/// ```
public enum PackDeprecation {
    public static func isInEffect(_ date: String?, today: Date = Date()) -> Bool {
        guard let date, date.count == 10 else { return false }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard formatter.date(from: date) != nil else { return false }
        return date <= formatter.string(from: today)
    }
}
