import CMSISPack
import Foundation
import Testing

/// Dates computed with the C library instead of Foundation's ICU-backed
/// Calendar and DateFormatter (which the wheel cannot use: no ICU data).
@Suite struct CivilTimeTests {
    @Test func readsIMFFixdate() {
        // RFC 9110's example, and the same moment from `date -u -d @784111777`.
        #expect(CivilTime.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(CivilTime.httpDate("  Thu, 01 Jan 1970 00:00:00 GMT ") == Date(timeIntervalSince1970: 0))
        #expect(CivilTime.httpDate("Tue, 29 Feb 2028 23:59:59 GMT") == Date(timeIntervalSince1970: 1_835_481_599))
    }

    @Test func refusesWhatIsNotAnIMFFixdate() {
        for text in ["", "120", "Sun, 06 Nov 1994 08:49:37 PST", "Sunday, 06-Nov-94 08:49:37 GMT",
                     "Sun Nov  6 08:49:37 1994", "Sun, 31 Apr 2024 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                     "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                     "Sun, 06 Nov 1994 08:49:37 GMTX", "Sun; 06 Nov 1994 08:49:37 GMT"] {
            #expect(CivilTime.httpDate(text) == nil, "\(text)")
        }
    }

    @Test func splitsAMomentIntoUTCFields() {
        let time = CivilTime(utc: Date(timeIntervalSince1970: 1_835_481_599.25))
        #expect([time.year, time.month, time.day, time.hour, time.minute, time.second] == [2028, 2, 29, 23, 59, 59] as [Int])
        #expect(time.nanosecond == 250_000_000)
        #expect(time.utcDate == Date(timeIntervalSince1970: 1_835_481_599.25))
        let before1970 = CivilTime(utc: Date(timeIntervalSince1970: -1.5))
        #expect([before1970.year, before1970.month, before1970.day, before1970.second] == [1969, 12, 31, 58] as [Int])
        #expect(before1970.nanosecond == 500_000_000)
    }

    @Test func writesThePackIndexTimestamp() {
        #expect(PackIndexWriter.timestamp(Date(timeIntervalSince1970: 1_835_481_599.25)) == "2028-02-29T23:59:59.2500000+00:00")
        #expect(PackIndexWriter.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.0000000+00:00")
    }

    @Test func deprecationTakesEffectOnItsDayInUTC() {
        let day = CivilTime(year: 2026, month: 11, day: 21)!.utcDate
        #expect(PackDeprecation.isInEffect("2026-11-21", today: day))
        #expect(PackDeprecation.isInEffect("2026-11-20", today: day))
        #expect(!PackDeprecation.isInEffect("2026-11-22", today: day))
        #expect(!PackDeprecation.isInEffect("2026-11-22", today: day.addingTimeInterval(86_399)))
        #expect(PackDeprecation.isInEffect("2026-11-22", today: day.addingTimeInterval(86_400)))
        for text in ["2026-02-30", "2026-1-01", "yesterday", ""] {
            #expect(!PackDeprecation.isInEffect(text, today: day), "\(text)")
        }
        #expect(!PackDeprecation.isInEffect(nil, today: day))
    }
}
