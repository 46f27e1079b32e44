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
        guard let date = date.flatMap(CalendarDate.init) else { return false }
        let now = CivilTime(utc: today)
        return date <= CalendarDate(year: now.year, month: now.month, day: now.day)!
    }
}
