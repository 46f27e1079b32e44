import CMSISPack
import Testing
import TestSupport

/// No element of a corpus PDSC is dropped silently: the elements the model
/// holds, counted by qualified name, equal the elements of the file.
@Suite struct ElementCoverageTests {
    @Test(arguments: Corpus.pdscFiles)
    func modelHoldsEveryElement(file: String) throws {
        try Corpus.requireAvailable()
        let path = Corpus.path("pdsc/" + file)
        let xml = try XMLDocumentReader.parse(contentsOf: path)
        var expected: [String: Int] = [:]
        xml.countElements(into: &expected)
        let pack = try PackDescriptionReader.read(path: path).description
        let held = pack.elementCounts
        let names = Set(expected.keys).union(held.keys).sorted()
        let differences = names.compactMap { name -> String? in
            let (want, have) = (expected[name] ?? 0, held[name] ?? 0)
            return want == have ? nil : "<\(name)>: file \(want), model \(have)"
        }
        #expect(differences.isEmpty, "\(file): \(differences.joined(separator: "; "))")
    }

    /// The accounting itself can fail: an element the decoder does not keep is noticed.
    @Test func droppedElementIsNoticed() throws {
        let text = PDSC.text(extra: "<components><component Cclass=\"A\" Cgroup=\"B\" Cversion=\"1.0.0\"><files><file category=\"source\" name=\"a.c\"/></files></component></components>")
        var pack = try PackDescriptionReader.read(bytes: Array(text.utf8), source: "t.pdsc").description
        let xml = try XMLDocumentReader.parse(Array(text.utf8), name: "t.pdsc")
        var expected: [String: Int] = [:]
        xml.countElements(into: &expected)
        #expect(pack.elementCounts == expected)
        pack.components?.components[0].files.removeAll()
        #expect(pack.elementCounts != expected)
    }
}
