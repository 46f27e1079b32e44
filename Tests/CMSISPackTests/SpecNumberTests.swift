@testable import CMSISPack
import Testing

@Suite struct SpecNumberTests {
    @Test func decimalAndHexadecimal() {
        #expect(SpecNumber.value("0") == 0)
        #expect(SpecNumber.value("4096") == 4096)
        #expect(SpecNumber.value("0x1000") == 4096)
        #expect(SpecNumber.value("0X1000") == 4096)
        #expect(SpecNumber.value("+0x10") == 16)
        #expect(SpecNumber.value(" 0x10 ") == 16)
        #expect(SpecNumber.value("0xFFFFFFFFFFFFFFFF") == UInt64.max)
    }

    /// The reference reads "010" as octal 8 and rejects "0"; the schema's
    /// NonNegativeInteger is decimal unless prefixed with 0x.
    @Test func leadingZerosAreDecimal() {
        #expect(SpecNumber.value("010") == 10)
        #expect(SpecNumber.value("00000000") == 0)
        #expect(SpecNumber.parse("010")?.note == nil)
    }

    @Test func hexDigitsWithoutPrefixAreReadAsHexWithANote() {
        let parsed = SpecNumber.parse("FF")
        #expect(parsed?.value == 255)
        #expect(parsed?.note != nil)
    }

    @Test func invalidNumbers() {
        for text in ["", "0x", "-1", "1.5", "0xG", "twelve", "0x1_000"] {
            #expect(SpecNumber.parse(text) == nil, "\(text)")
        }
    }

    @Test func booleans() {
        #expect(SpecBool.parse("1") == true)
        #expect(SpecBool.parse("true") == true)
        #expect(SpecBool.parse("True") == true)
        #expect(SpecBool.parse("0") == false)
        #expect(SpecBool.parse("false") == false)
        #expect(SpecBool.parse("yes") == nil)
        #expect(SpecBool.parse(nil) == nil)
    }
}
