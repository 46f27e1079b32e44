import Foundation

/// A moment as calendar fields (proleptic Gregorian, to the nanosecond), in
/// UTC or in the local time zone, computed with the C library's `gmtime_r`,
/// `localtime_r` and `timegm`.
///
/// Foundation's `Calendar`, `TimeZone` and `DateFormatter` answer the same
/// questions through ICU, whose 34 MB of data the wheel leaves out (README,
/// "The Python module"), so dates here never depend on it.
///
/// ```swift
/// CivilTime(utc: Date(timeIntervalSince1970: 0)).year          // 1970
/// CivilTime.httpDate("Sun, 06 Nov 1994 08:49:37 GMT")          // 784111777 s after 1970
/// ```
public struct CivilTime: Sendable, Equatable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    public let nanosecond: Int

    public init(utc date: Date) {
        self.init(date, local: false)
    }

    public init(local date: Date) {
        self.init(date, local: true)
    }

    private init(_ date: Date, local: Bool) {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        var seconds = time_t(whole)
        var fields = tm()
        if local { localtime_r(&seconds, &fields) } else { gmtime_r(&seconds, &fields) }
        year = Int(fields.tm_year) + 1900
        month = Int(fields.tm_mon) + 1
        day = Int(fields.tm_mday)
        hour = Int(fields.tm_hour)
        minute = Int(fields.tm_min)
        second = Int(fields.tm_sec)
        nanosecond = min(999_999_999, Int(((interval - whole) * 1e9).rounded(.down)))
    }

    /// A UTC time from its fields, or nil when one is out of range (no 31 April).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second, self.nanosecond) = (year, month, day, hour, minute, second, 0)
    }

    /// The moment, reading the fields as UTC.
    public var utcDate: Date {
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: Double(timegm(&fields)) + Double(nanosecond) / 1e9)
    }

    /// An HTTP date in its preferred form, IMF-fixdate (RFC 9110, 5.6.7):
    /// `Sun, 06 Nov 1994 08:49:37 GMT`. Nil for anything else.
    public static func httpDate(_ text: String) -> Date? {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let bytes = Array(text.utf8.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), String(decoding: bytes[26...], as: UTF8.self) == "GMT",
              weekdays.contains(String(decoding: bytes[0..<3], as: UTF8.self)),
              let month = months.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self))
        else { return nil }
        for index in [4, 7, 11, 16, 25] where bytes[index] != UInt8(ascii: " ") { return nil }
        for index in [19, 22] where bytes[index] != UInt8(ascii: ":") { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let day = number(5..<7), let year = number(12..<16), let hour = number(17..<19),
              let minute = number(20..<22), let second = number(23..<25),
              let time = CivilTime(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return time.utcDate
    }

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
