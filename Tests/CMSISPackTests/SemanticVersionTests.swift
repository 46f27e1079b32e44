@testable import CMSISPack
import Testing

@Suite struct SemanticVersionTests {
    func v(_ text: String) -> SemanticVersion { SemanticVersion(text)! }

    @Test func ordersBySemVerPrecedence() {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                       "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"]
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(v(lower) < v(higher), "\(lower) < \(higher)")
        }
        #expect(v("1.0.0+build.5") == v("1.0.0"))
        #expect(v("3.1.2-dev") < v("3.1.2"))
    }

    @Test func equalVersionsHashAlike() {
        // 1.2.3 == 1.2.3.0, so a set holds one of them (Hashable's contract).
        #expect(v("1.2.3") == v("1.2.3.0"))
        #expect(Set(["1.2.3", "1.2.3.0", "1.2.3.0.0"].map(v)).count == 1)
        #expect(Set(["1.2.3", "1.2.3.1"].map(v)).count == 2)
        #expect([v("1.2.3.0"): "x"][v("1.2.3")] == "x")
    }

    @Test func strictVersionsHaveNoProblem() {
        for text in ["1.2.3", "0.0.1", "3.1.2-dev", "1.0.0-rc.1+sha.5114f85", "4.0.1-dev"] {
            #expect(v(text).isStrict, "\(text)")
        }
    }

    @Test func tolerantFormsParseAndSayWhy() {
        #expect(v("1.0").problem?.contains("2 numbers") == true)
        #expect(v("1.0") == v("1.0.0"))
        #expect(v("01.2.3").problem?.contains("leading zeros") == true)
        #expect(v("01.2.3") == v("1.2.3"))
        #expect(v("1.2.3.4").problem != nil)
        #expect(v("1.2.3.4") > v("1.2.3"))
        #expect(v("4.0.0-2.alpha").isStrict)
        #expect(v("1.2.3beta").problem?.contains("must follow a '-'") == true)
        #expect(v(" 1.2.3 ") == v("1.2.3"))
    }

    @Test func rejectsNonVersions() {
        for text in ["", "abc", "v1.2.3", "1..2", ".1.2", "-1.0.0", "1.2.x"] {
            #expect(SemanticVersion(text) == nil, "\(text)")
        }
    }

    @Test func numericPreReleaseIdentifiersCompareNumerically() {
        #expect(v("1.0.0-2") < v("1.0.0-10"))
        #expect(v("1.0.0-10") < v("1.0.0-a"))
    }
}
