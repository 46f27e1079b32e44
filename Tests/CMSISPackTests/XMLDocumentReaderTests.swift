@testable import CMSISPack
import Testing
import TestSupport

@Suite struct XMLDocumentReaderTests {
    func parse(_ text: String) throws(XMLParseError) -> XMLElement {
        try XMLDocumentReader.parse(Array(text.utf8), name: "test.xml")
    }

    @Test func readsElementsAttributesTextAndLines() throws {
        let root = try parse("<?xml version=\"1.0\"?>\n<a x=\"1\" y='&amp;&#x41;'>\n  <b>hello &lt;world&gt;</b>\n  <b/>\n</a>")
        #expect(root.name == "a")
        #expect(root["x"] == "1")
        #expect(root["y"] == "&A")
        #expect(root.children("b").count == 2)
        #expect(root.child("b")?.text == "hello <world>")
        #expect(root.child("b")?.line == 3)
    }

    @Test func keepsNonASCIIText() throws {
        let root = try parse("<a>Grüße – µC</a>")
        #expect(root.text == "Grüße – µC")
    }

    @Test func malformedCorpusIndexReportsLineAndColumn() throws {
        try Corpus.requireAvailable()
        let path = Corpus.path("index/malformed/sheltonyu-test/ArteryTek.pidx")
        let error = try #require(throws: XMLParseError.self) { try XMLDocumentReader.parse(contentsOf: path) }
        #expect(error.line == 8)
        #expect(error.column > 0)
        #expect(error.document == path)
        #expect(!error.reason.isEmpty)
    }

    @Test func emptyDocumentIsAnError() {
        let error = #expect(throws: XMLParseError.self) { try parse("") }
        #expect(error?.reason == "document is empty")
    }

    @Test func truncatedDocumentNamesTheOpenElement() {
        let error = #expect(throws: XMLParseError.self) { try parse("<?xml version=\"1.0\"?>\n<package>\n  <devices>\n    <family") }
        #expect(error?.line == 4)
        let reason = error?.reason ?? ""
        #expect(reason.contains("truncated") || reason.contains("<devices>") || reason.contains("Couldn't find end"))
    }

    @Test func truncatedCorpusFileFails() throws {
        try Corpus.requireAvailable()
        let bytes = try FileBytes.read(Corpus.path("pdsc/Keil.STM32F4xx_DFP.pdsc"))
        let error = #expect(throws: XMLParseError.self) {
            try XMLDocumentReader.parse(Array(bytes.prefix(bytes.count / 2)), name: "half.pdsc")
        }
        #expect((error?.line ?? 0) > 1)
    }

    @Test func nestingDeeperThanTheLimitIsRefusedWithItsLine() throws {
        // 256 levels are read; one more is refused, and so are 60,000 (which
        // once overflowed the stack), with the line of the element too deep.
        let fine = "<r>\n" + String(repeating: "<a>", count: 255) + String(repeating: "</a>", count: 255) + "</r>"
        #expect(try parse(fine).name == "r")
        for depth in [257, 60_000] {
            let text = "<?xml version=\"1.0\"?>\n<package>\n" + String(repeating: "<a>", count: depth - 1)
                + String(repeating: "</a>", count: depth - 1) + "</package>"
            let error = #expect(throws: XMLParseError.self) { try parse(text) }
            #expect(error?.line == 3)
            #expect(error?.reason.contains("nested deeper than 256 levels") == true, "\(error?.reason ?? "")")
            #expect(error?.description.hasPrefix("test.xml:3:") == true)
        }
    }

    @Test func externalEntitiesAreRefused() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>"
        let error = #expect(throws: XMLParseError.self) { try parse(text) }
        #expect(error?.refusedEntities == true)
        #expect(error?.line == 2)
    }

    @Test func entityExpansionBombIsRefusedWithoutExpanding() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        text += "]>\n<lolz>&lol9;</lolz>"
        let error = #expect(throws: XMLParseError.self) { try parse(text) }
        #expect(error?.refusedEntities == true)
    }

    @Test func undeclaredEntityIsAnError() {
        #expect(throws: XMLParseError.self) { try parse("<a>&nbsp;</a>") }
    }

    @Test func garbageIsAnError() {
        #expect(throws: XMLParseError.self) { try parse("this is not xml") }
        #expect(throws: XMLParseError.self) { try parse("<a></b>") }
        #expect(throws: XMLParseError.self) { try parse("<a><b></a>") }
    }
}
