@testable import CMSISPack
@testable import PackCheck
import Foundation
import Testing
import TestSupport
import ZIPFoundation

/// `check` on the three kinds of input: a `.pack` read in place, the folder
/// of an unpacked pack, and a `.pdsc` alone (no file lookups).
@Suite struct CheckInputTests {
    static let description = CheckFixture.text(
        devices: CheckFixture.family(properties: [
            CheckFixture.processor, CheckFixture.flash, CheckFixture.ram,
            #"<algorithm name="Flash/Algo.FLM" start="0x08000000" size="0x10000" default="1"/>"#,
            #"<debug svd="SVD/Dev.svd"/>"#,
            #"<book name="Doc/Manual.pdf" title="Missing manual"/>"#,
        ].joined(separator: "\n      ")),
        extra: """
        <components>
            <component Cclass="Device" Cgroup="Startup" Cversion="1.0.0">
              <description>Startup</description>
              <files>
                <file category="include" name="Include/"/>
                <file category="source" name="Source/startup.c"/>
              </files>
            </component>
          </components>
        """)

    /// A pack folder: the description and every file but the manual, with the
    /// SVD file in other case.
    static func writePack(to folder: String, extraDescription: Bool = false) throws {
        var files = ["Flash/Algo.FLM": "ELF", "svd/dev.svd": "<device/>", "Include/device.h": "", "Source/startup.c": ""]
        for member in CheckFixture.members { files[member] = "" }
        for (path, content) in files {
            let full = folder + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileBytes.writeAtomically(Array(content.utf8), to: full)
        }
        try FileBytes.writeAtomically(Array(description.utf8), to: folder + "/TestVendor.TestPack.pdsc")
        if extraDescription {
            try FileBytes.writeAtomically(Array(description.utf8), to: folder + "/TestVendor.Copy.pdsc")
        }
    }

    static let options = PackCheckOptions(today: CheckFixture.today)

    func expectFileFindings(_ report: CheckReport, file: String) throws {
        let manual = try #require(CheckFixture.line(of: "Doc/Manual.pdf", in: Self.description))
        let svd = try #require(CheckFixture.line(of: "SVD/Dev.svd", in: Self.description))
        let files = report.findings.filter { ["PM401", "PM402"].contains($0.id) }
        #expect(files.map(\.id) == ["PM402", "PM401"], "\(report.findings.map(\.description))")
        #expect(files.map(\.line) == [svd, manual])
        #expect(files.allSatisfy { $0.file == file })
        #expect(files.first?.message.contains("'svd/dev.svd'") == true)
        #expect(!report.passed)
    }

    @Test func aPackIsCheckedAgainstItsMembers() throws {
        let folder = Corpus.temporaryDirectory("check-pack")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writePack(to: folder + "/content")
        let pack = folder + "/TestVendor.TestPack.1.0.0.pack"
        try FileManager.default.zipItem(at: URL(fileURLWithPath: folder + "/content"), to: URL(fileURLWithPath: pack), shouldKeepParent: false)

        let report = PackChecker.check(path: pack, options: Self.options)
        #expect(report.kind == .pack)
        #expect(report.descriptionPath == pack + "!/TestVendor.TestPack.pdsc")
        try expectFileFindings(report, file: pack + "!/TestVendor.TestPack.pdsc")
        #expect(!report.findings.contains { $0.id == "PM101" })
    }

    @Test func aPackWhosePDSCIsInAFolderIsCheckedFromThatFolder() throws {
        let folder = Corpus.temporaryDirectory("check-pack-nested")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writePack(to: folder + "/TestPack")
        // Misnamed on purpose: the version does not match the newest release.
        let pack = folder + "/TestVendor.TestPack.0.1.0.pack"
        try FileManager.default.zipItem(at: URL(fileURLWithPath: folder + "/TestPack"), to: URL(fileURLWithPath: pack), shouldKeepParent: true)

        let report = PackChecker.check(path: pack, options: Self.options)
        try expectFileFindings(report, file: pack + "!/TestPack/TestVendor.TestPack.pdsc")
        let name = report.findings.filter { $0.id == "PM101" }
        #expect(name.count == 1)
        #expect(name.first?.message.contains("'TestVendor.TestPack.1.0.0.pack'") == true)
    }

    @Test func anUnpackedFolderIsCheckedOnDisk() throws {
        let folder = Corpus.temporaryDirectory("check-folder")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writePack(to: folder)
        let report = PackChecker.check(path: folder, options: Self.options)
        #expect(report.kind == .directory)
        try expectFileFindings(report, file: folder + "/TestVendor.TestPack.pdsc")
    }

    @Test func severalDescriptionsInOnePackAreAnError() throws {
        let folder = Corpus.temporaryDirectory("check-two")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writePack(to: folder + "/content", extraDescription: true)
        let pack = folder + "/TestVendor.TestPack.1.0.0.pack"
        try FileManager.default.zipItem(at: URL(fileURLWithPath: folder + "/content"), to: URL(fileURLWithPath: pack), shouldKeepParent: false)

        let report = PackChecker.check(path: pack, options: Self.options)
        let several = report.findings.filter { $0.id == "PM005" }
        #expect(several.count == 1)
        #expect(several.first?.severity == .error)
        #expect(several.first?.line == nil)
        #expect(several.first?.message.contains("TestVendor.Copy.pdsc") == true)
        var ignoring = Self.options
        ignoring.ignoreOtherDescriptions = true
        #expect(!PackChecker.check(path: pack, options: ignoring).findings.contains { $0.id == "PM005" })
    }

    @Test func aFolderOfDescriptionsHasEachCheckedAlone() throws {
        let folder = Corpus.temporaryDirectory("check-descriptions")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writePack(to: folder, extraDescription: true)
        let reports = PackChecker.reports(for: folder, options: Self.options)
        #expect(reports.map { ($0.descriptionPath as NSString).lastPathComponent } == ["TestVendor.Copy.pdsc", "TestVendor.TestPack.pdsc"])
        #expect(reports.allSatisfy { !$0.filesChecked && !$0.findings.contains { ["PM005", "PM401", "PM402"].contains($0.id) } })
        // A .pdsc among other descriptions is alone too.
        #expect(!PackChecker.check(path: folder + "/TestVendor.TestPack.pdsc", options: Self.options).filesChecked)
    }

    @Test func aDescriptionBesideItsFilesIsCheckedAgainstThem() throws {
        let folder = Corpus.temporaryDirectory("check-beside")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writePack(to: folder)
        let report = PackChecker.check(path: folder + "/TestVendor.TestPack.pdsc", options: Self.options)
        #expect(report.kind == .pdsc)
        #expect(report.filesChecked)
        try expectFileFindings(report, file: folder + "/TestVendor.TestPack.pdsc")
    }

    @Test func aDescriptionWithoutItsFilesHasEachMissingFileReportedAsPackchkDoes() throws {
        let folder = Corpus.temporaryDirectory("check-pdsc")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/TestVendor.TestPack.pdsc"
        try FileBytes.writeAtomically(Array(Self.description.utf8), to: path)
        let report = PackChecker.check(path: path, options: Self.options)
        #expect(report.filesChecked)
        // The five files of the device and component, the licence and the example's folder.
        #expect(report.findings.filter { $0.id == "PM401" }.count == 7, "\(report.findings.map(\.description))")
        #expect(!report.passed)
        // A versioned name beside the files is packchk's M207 too.
        let versioned = folder + "/TestVendor.TestPack.1.0.0.pdsc"
        try FileManager.default.moveItem(atPath: path, toPath: versioned)
        #expect(PackChecker.check(path: versioned, options: Self.options).findings.contains { $0.id == "PM101" })
    }

    @Test func withNoFileLookupADescriptionWithoutAnyOfItsFilesIsCheckedAlone() throws {
        let folder = Corpus.temporaryDirectory("check-pdsc-alone")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/TestVendor.TestPack.pdsc"
        try FileBytes.writeAtomically(Array(Self.description.utf8), to: path)
        var alone = Self.options
        alone.lookUpAbsentFiles = false
        let report = PackChecker.check(path: path, options: alone)
        #expect(report.kind == .pdsc)
        #expect(!report.filesChecked)
        #expect(!report.findings.contains { ["PM401", "PM402"].contains($0.id) }, "\(report.findings.map(\.description))")
        #expect(report.passed)

        // The file-name rule applies to a .pdsc alone; the cache's versioned name passes.
        let renamed = folder + "/TestVendor.Other.pdsc"
        try FileManager.default.moveItem(atPath: path, toPath: renamed)
        #expect(PackChecker.check(path: renamed, options: alone).findings.contains { $0.id == "PM101" })
        try FileManager.default.moveItem(atPath: renamed, toPath: folder + "/TestVendor.TestPack.1.0.0.pdsc")
        #expect(!PackChecker.check(path: folder + "/TestVendor.TestPack.1.0.0.pdsc", options: alone).findings.contains { $0.id == "PM101" })
    }

    @Test func unusableInputsAreReportedAsUnreadable() throws {
        let folder = Corpus.temporaryDirectory("check-bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(PackChecker.check(path: folder + "/none.pdsc", options: Self.options).findings.map(\.id) == ["PM001"])
        let empty = PackChecker.check(path: folder, options: Self.options)
        #expect(empty.findings.map(\.id) == ["PM001"])
        #expect(empty.findings.first?.message.contains("no .pdsc") == true)
        let fakePack = folder + "/Fake.Pack.1.0.0.pack"
        try FileBytes.writeAtomically(Array("not a zip".utf8), to: fakePack)
        #expect(PackChecker.check(path: fakePack, options: Self.options).findings.map(\.id) == ["PM001"])
    }

    @Test func suppressionAndPromotion() throws {
        let text = CheckFixture.text().replacingOccurrences(of: "https://example.com/packs/", with: "http://example.com/packs")
        // Per element: without packchk's per-device startup check (PM614 for the fixture).
        let report = CheckReport(input: "x", kind: .pdsc, descriptionPath: "x", schemaPath: nil,
                                 findings: CheckFixture.findings(text, perElement: true))
        #expect(report.findings.map(\.id) == ["PM003", "PM111", "PM112"])
        #expect(report.passed)
        let promoted = report.applying(suppress: [], warningsAsErrors: true)
        #expect(promoted.counts[.error] == 2)
        #expect(promoted.counts[.info] == 1)
        #expect(!promoted.passed)
        // By our id, or by packchk's (PM112 is packchk's M316).
        let suppressed = report.applying(suppress: ["PM111", "M316"], warningsAsErrors: true)
        #expect(suppressed.findings.map(\.id) == ["PM003"])
        #expect(suppressed.suppressed == 2)
        #expect(suppressed.passed)
        #expect(suppressed.summary == "0 errors, 0 warnings, 1 info (2 suppressed)")
    }
}
