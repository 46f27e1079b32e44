@testable import CMSISPack
import Testing

/// The hand-written JSON pieces at their edges: the structural validator that
/// guards lazy parsing, and the writer's integers.
@Suite struct JSONCodecTests {
    func validates(_ text: String) -> Bool {
        (try? JSONValidator.validateObject(Array(text.utf8))) != nil
    }

    @Test func wellFormedObjectsPass() {
        for text in [#"{}"#, #" {"a": 1} "#, #"{"a": [1, -2.5e+3, 0, true, false, null, "x\"\u00e9\n"], "b": {"c": {}}}"#,
                     #"{"a":[],"b":[[[]]],"c":-0.0,"d":1E9}"#] {
            #expect(validates(text), "\(text)")
        }
    }

    @Test func malformedDocumentsAreRefused() {
        let broken = [#"{abc}"#, #"{"a" "b"}"#, #"{"a":1,}"#, #"{"a":1 "b":2}"#, #"{"a":}"#, #"{"a":01}"#, #"{"a":1.}"#,
                      #"{"a":-}"#, #"{"a":tru}"#, #"{"a":[1,]}"#, #"{"a":[1 2]}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#,
                      #"{"a":[}"#, #"{"a":1]"#, #"{"a":1}}"#, #"{"a":1} x"#, #"[1]"#, #""#, #"{"a":"#, "{\"a\":\"\u{1}\"}",
                      #"{1:2}"#, #"{"a"::1}"#, #"{,}"#]
        for text in broken {
            #expect(!validates(text), "\(text)")
        }
    }

    @Test func deepNestingIsRefusedWithoutRecursion() {
        let deep = "{\"a\":" + String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000) + "}"
        #expect(throws: JSONParseError.self) { try JSONValidator.validateObject(Array(deep.utf8)) }
        let fine = "{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(validates(fine))
    }

    @Test func integersAtTheEdgesOfInt() throws {
        for value in [Int.min, Int.min + 1, -1, 0, Int.max] {
            var writer = JSONWriter()
            writer.number(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
        }
    }
}
