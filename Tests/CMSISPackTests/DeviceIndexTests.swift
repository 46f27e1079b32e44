@testable import CMSISPack
import Foundation
import Testing
import TestSupport

@Suite struct DeviceIndexTests {
    func pack(vendor: String = "V", name: String = "P", version: String, date: String = "2024-01-01",
              deprecated: String? = nil, size: String = "0x1000", devices: [String] = ["Chip"],
              boards: String = "") throws -> IndexedPack {
        let deprecation = deprecated.map { " deprecated=\"\($0)\" replacement=\"V.Next\"" } ?? ""
        let body = devices.map { "<device Dname=\"\($0)\"><memory id=\"IROM1\" start=\"0\" size=\"\(size)\"/></device>" }.joined()
        return try PDSC.pack(PDSC.text(
            vendor: vendor, name: name,
            releases: "<release version=\"\(version)\" date=\"\(date)\"\(deprecation)>r</release>",
            devices: PDSC.family("<processor Dcore=\"Cortex-M0\"/>" + body), boards: boards),
            source: "\(vendor).\(name).\(version).pdsc")
    }

    func size(_ index: DeviceIndex, _ device: String = "Chip") -> UInt64? {
        index.devices[device]?.entry?.memories["IROM1"]?.size
    }

    @Test func newerVersionWinsWhicheverIsAddedFirst() throws {
        let old = try pack(version: "1.0.0", date: "2020-01-01", size: "1")
        let new = try pack(version: "2.0.0", date: "2021-01-01", size: "2")
        var forward = DeviceIndex()
        forward.add(old)
        forward.add(new)
        var backward = DeviceIndex()
        backward.add(new)
        backward.add(old)
        #expect(size(forward) == 2)
        #expect(size(backward) == 2)
        #expect(forward.indexJSON() == backward.indexJSON())
        #expect(forward.packs.count == 2)
        #expect(forward.packs(defining: "Chip").map(\.version) == ["2.0.0", "1.0.0"])
    }

    @Test func deprecatedPackLosesToACurrentOne() throws {
        let deprecated = try pack(vendor: "Old", version: "9.0.0", date: "2025-01-01", deprecated: "2025-06-01", size: "9")
        let current = try pack(vendor: "New", version: "1.0.0", date: "2022-01-01", size: "1")
        for order in [[deprecated, current], [current, deprecated]] {
            var index = DeviceIndex()
            order.forEach { index.add($0) }
            #expect(size(index) == 1)
        }
    }

    @Test func betweenPacksTheNewerReleaseDateWins() throws {
        let a = try pack(vendor: "A", version: "5.0.0", date: "2020-05-01", size: "1")
        let b = try pack(vendor: "B", version: "1.0.0", date: "2023-05-01", size: "2")
        for order in [[a, b], [b, a]] {
            var index = DeviceIndex()
            order.forEach { index.add($0) }
            #expect(size(index) == 2)
            #expect(index.packs(defining: "Chip").first?.vendor == "B")
        }
    }

    @Test func outputIsIndependentOfOrderAcrossManyPacks() throws {
        let packs = try (0..<6).map { i in
            try pack(vendor: "V\(i % 3)", version: "1.\(i).0", date: "2020-01-0\(i + 1)", size: "\(i + 1)",
                     devices: ["Chip", "Only\(i)"])
        }
        var reference = DeviceIndex()
        packs.forEach { reference.add($0) }
        for _ in 0..<10 {
            var shuffled = DeviceIndex()
            packs.shuffled().forEach { shuffled.add($0) }
            #expect(shuffled.indexJSON() == reference.indexJSON())
            #expect(shuffled.packsJSON() == reference.packsJSON())
        }
    }

    @Test func readdingAVersionReplacesWhatItContributed() throws {
        var index = DeviceIndex()
        index.add(try pack(version: "1.0.0", devices: ["Chip", "Gone"]))
        index.add(try pack(version: "1.0.0", size: "0x2000", devices: ["Chip"]))
        #expect(index.devices["Gone"] == nil)
        #expect(size(index) == 0x2000)
    }

    @Test func mergingIntoAnIndexWrittenByAnotherToolKeepsItsDevices() throws {
        let directory = Corpus.temporaryDirectory("merge")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = IndexPaths(directory: directory)
        try FileBytes.writeAtomically(Array("""
        {"Legacy": {"name": "Legacy", "memories": {}, "algorithms": [], "processors": [], "vendor": "X", "family": "F", "sub_family": null,
                    "from_pack": {"vendor": "X", "pack": "Y", "version": "1.0.0", "url": "http://x/"}}}
        """.utf8), to: paths.index)
        var index = try DeviceIndex.read(paths)
        index.add(try pack(version: "1.0.0"))
        try index.write(paths)
        let reread = try DeviceIndex.read(paths)
        #expect(Set(reread.devices.keys) == ["Legacy", "Chip"])
        #expect(reread.devices["Legacy"]?.fromPack?.pack == "Y")
        #expect(reread.packs.keys.sorted() == ["V.P.1.0.0"])
    }

    @Test func writingIsDeterministicAndAtomic() throws {
        let directory = Corpus.temporaryDirectory("write")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var index = DeviceIndex()
        index.add(try pack(version: "1.0.0", boards: "<board vendor=\"V\" name=\"B\"><mountedDevice Dvendor=\"ARM:82\" Dname=\"Chip\"/></board>"))
        let paths = IndexPaths(directory: directory)
        try index.write(paths)
        let first = try FileBytes.read(paths.index)
        try index.write(paths)
        #expect(try FileBytes.read(paths.index) == first)
        #expect(try FileBytes.read(paths.aliases) == Array("{\n \"B\": {\n  \"mounted_devices\": [\n   \"Chip\"\n  ],\n  \"name\": \"B\"\n }\n}\n".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func aCorruptIndexFileIsReportedNotOverwritten() throws {
        let directory = Corpus.temporaryDirectory("corrupt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = IndexPaths(directory: directory)
        try FileBytes.writeAtomically(Array("{\"a\": [1, 2".utf8), to: paths.index)
        let error = #expect(throws: IndexFileError.self) { try DeviceIndex.read(paths) }
        #expect(error?.path == paths.index)
        #expect(try FileBytes.read(paths.index) == Array("{\"a\": [1, 2".utf8))
    }
}

@Suite struct JSONTests {
    @Test func writerMatchesPythonsSortedIndentedDump() {
        let value = JSONValue.object([
            "b": .array([.number("1"), .bool(true), .null, .object([:]), .array([])]),
            "a": .string("é\"\\\n\u{1F600}"),
        ])
        #expect(String(decoding: value.serialized(), as: UTF8.self)
            == "{\n \"a\": \"\\u00e9\\\"\\\\\\n\\ud83d\\ude00\",\n \"b\": [\n  1,\n  true,\n  null,\n  {},\n  []\n ]\n}")
    }

    @Test func parserRoundTripsAndRejectsBrokenDocuments() throws {
        let text = #"{"x": [1, -2.5e3, "a\u00e9\ud83d\ude00", {"y": null}], "z": false}"#
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value["x"]?.arrayValue?[2].stringValue == "aé😀")
        #expect(try JSONParser.parse(value.serialized()) == value)
        for broken in ["", "{", "[1,]", "{\"a\" 1}", "nul", "\"\u{01}\"", "[1] 2", "01"] {
            #expect(throws: JSONParseError.self, "\(broken)") { try JSONParser.parse(Array(broken.utf8)) }
        }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
    }
}
