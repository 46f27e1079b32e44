import Foundation

/// A day as PACK.xsd writes it (`xs:date` without time zone): `YYYY-MM-DD`,
/// checked against the calendar (no 2023-02-30).
///
/// ```swift
/// CalendarDate("2024-02-29")      // valid: a leap year
/// CalendarDate("2019-4-30")       // nil: month and day need two digits
/// CalendarDate("2024-01-01")! < CalendarDate("2024-01-02")!  // true
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(year: Int, month: Int, day: Int) {
        self.init(String(format: "%04d-%02d-%02d", year, month, day))
    }

    /// Today in the local time zone, the day a publisher sees on the calendar.
    public static func today() -> CalendarDate {
        let now = CivilTime(local: Date())
        return CalendarDate(year: now.year, month: now.month, day: now.day)!
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
