@testable import CMSISPack
import Foundation
import Testing
import TestSupport

/// Extraction checks every member before writing anything: hostile archives
/// are refused with a reason, and nothing lands outside the folder.
@Suite struct PackExtractionTests {
    let folder = Corpus.temporaryDirectory("extract")
    var pack: String { folder + "/Acme.Widgets.1.0.0.pack" }
    var target: String { folder + "/out" }

    func plan(_ members: [ZipBuilder.Member], limits: ExtractionLimits = ExtractionLimits()) throws -> PackExtractionPlan {
        try ZipBuilder.write(members, to: pack)
        return try PackArchive(path: pack).extractionPlan(for: PackFamily(vendor: "Acme", name: "Widgets"), limits: limits)
    }

    func refusal(_ members: [ZipBuilder.Member], limits: ExtractionLimits = ExtractionLimits()) -> String {
        do {
            _ = try plan(members, limits: limits)
            return "accepted"
        } catch {
            return (error as? PackArchiveError)?.reason ?? "\(error)"
        }
    }

    static let description = ZipBuilder.Member.file("Acme.Widgets.pdsc", ZipBuilder.pdsc())

    @Test func aGoodPackIsExtractedWhole() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planned = try plan([Self.description, .directory("Flash/"), .file("Flash/W.FLM", Data(repeating: 7, count: 5000)),
                                .file("Docs\\readme.txt", Data("hi".utf8))])
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try PackArchive(path: pack).extract(planned, into: PlainFolder(target))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target + "/Flash/W.FLM")) == Data(repeating: 7, count: 5000))
        #expect(FileManager.default.fileExists(atPath: target + "/Docs/readme.txt"), "backslashes are folders")
        #expect(planned.totalBytes == UInt64(ZipBuilder.pdsc().count + 5002))
    }

    @Test func aPackInASingleTopFolderIsTakenFromThere() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planned = try plan([.file("Widgets-1.0.0/Acme.Widgets.pdsc", ZipBuilder.pdsc()), .file("Widgets-1.0.0/a.c", Data("x".utf8))])
        #expect(planned.base == "Widgets-1.0.0")
        #expect(planned.files.map(\.path).sorted() == ["Acme.Widgets.pdsc", "a.c"])
    }

    @Test func hostileArchivesAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(refusal([Self.description, .file("../evil.txt", Data())]).contains("contains '..'"))
        #expect(refusal([Self.description, .file("Flash/../../evil.txt", Data())]).contains("contains '..'"))
        #expect(refusal([Self.description, .file("/etc/evil", Data())]).contains("absolute path"))
        #expect(refusal([Self.description, .file("C:\\evil.txt", Data())]).contains("absolute path"))
        #expect(refusal([Self.description, .symlink("link", target: "/etc/passwd")]).contains("symbolic link"))
        #expect(refusal([Self.description, .file("a.txt", Data()), .file("a.txt", Data())]).contains("appears twice"))
        #expect(refusal([Self.description, .file("A.txt", Data()), .file("a.txt", Data())]).contains("appears twice"))
        #expect(refusal([Self.description, .file("x", Data()), .file("x/y", Data())]).contains("both a file and a folder"))
        #expect(refusal([.file("Other.Thing.pdsc", ZipBuilder.pdsc(vendor: "Other", name: "Thing"))]).contains("no 'Acme.Widgets.pdsc'"))
        #expect(refusal([.file("readme.txt", Data())]).contains("no 'Acme.Widgets.pdsc'"))
    }

    @Test func bombsAndOversizedArchivesAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var limits = ExtractionLimits()
        limits.ratioFloor = 1 << 20
        limits.maximumRatio = 100
        let zeros = Data(count: 4 << 20)
        #expect(refusal([Self.description, .file("zeros.bin", zeros)], limits: limits).contains("zip bomb"))
        limits = ExtractionLimits()
        limits.totalBytes = 1 << 20
        #expect(refusal([Self.description, .file("zeros.bin", zeros)], limits: limits).contains("expands to more than"))
        limits = ExtractionLimits()
        limits.entryCount = 3
        #expect(refusal([Self.description, .file("a", Data()), .file("b", Data()), .file("c", Data())], limits: limits).contains("members"))
    }

    @Test func aMemberLargerThanItClaimsIsStopped() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ZipBuilder.write([Self.description, .file("big.bin", Data(repeating: 1, count: 100_000))], to: pack)
        // Lower the stated size of big.bin in the central directory to 1000 bytes.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: pack))
        let name = Data("big.bin".utf8)
        var patched = false
        var index = 0
        while index + 46 < bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02,
               bytes.subdata(in: (index + 46)..<(index + 46 + name.count)) == name {
                let size = UInt32(1000)
                for offset in 0..<4 { bytes[index + 24 + offset] = UInt8((size >> (8 * offset)) & 0xFF) }
                patched = true
            }
            index += 1
        }
        #expect(patched)
        try bytes.write(to: URL(fileURLWithPath: pack))
        let archive = try PackArchive(path: pack)
        let planned = try archive.extractionPlan(for: PackFamily(vendor: "Acme", name: "Widgets"))
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let error = #expect(throws: PackArchiveError.self) { try archive.extract(planned, into: PlainFolder(target)) }
        #expect(error?.reason.contains("big.bin") == true)
    }
}
