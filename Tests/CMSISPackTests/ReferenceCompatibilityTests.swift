@testable import CMSISPack
import Foundation
import Testing
import TestSupport

/// Compares our `index.json` and `aliases.json` with the reference's
/// (cmsis-pack-manager 0.6.0) for every corpus file. Every difference must be
/// a listed correction of a reference bug, and every listed correction must
/// still occur (so the list stays true).
@Suite struct ReferenceCompatibilityTests {
    /// A field of some devices in one file where we deliberately differ.
    struct Correction {
        let file: String
        /// Device names, or nil for every device of the file.
        let devices: Set<String>?
        /// A device field ("memories", "processors"…), or "only-ours" for
        /// devices the reference does not write at all.
        let field: String
        let reason: String
    }

    static let corrections: [Correction] = [
        Correction(file: "ARM.Cortex_DFP.pdsc", devices: nil, field: "only-ours",
                   reason: "the reference drops the whole pack because Dcore 'Cortex-M52' and 'Cortex-A55' (both in the schema) are unknown to it"),
        Correction(file: "Microchip.PIC32MX_DFP.pdsc", devices: nil, field: "only-ours",
                   reason: "the reference drops the whole pack for Dcore '32xxxx' (a MIPS core); we keep every device and warn"),
        Correction(file: "older-versions/ARM-software+CMSIS_5/ARM.CMSIS.pdsc", devices: nil, field: "only-ours",
                   reason: "the reference drops the whole pack because one device has Dcore 'ARMV81MML' (in the schema)"),
        Correction(file: "Keil.S32K118_SDK_DFP.pdsc", devices: nil, field: "memories",
                   reason: "the reference ignores the properties of <variant> elements; the RAM of these devices is declared only there"),
        Correction(file: "test-fixtures/Open-CMSIS-Pack+devtools/ARM.RteTest_DFP.pdsc", devices: ["RteTest_ARMCM4_NOFP"], field: "algorithms",
                   reason: "the variant redefines the algorithm's size; the reference ignores variant properties"),
        Correction(file: "test-fixtures/Open-CMSIS-Pack+devtools/ARM.RteTest_DFP.pdsc", devices: ["RteTest_ARMCM4_FP"], field: "processors",
                   reason: "the variant sets Dfpu=SP_FPU (ignored by the reference) and the sub-family's <debug svd> is dropped by the reference because access ports are declared beside it"),
        Correction(file: "test-fixtures/Open-CMSIS-Pack+devtools/ARM.RteTest_DFP.pdsc", devices: ["RteTest_ARMCM4_NOFP", "RteTest_ARMCM3"], field: "processors",
                   reason: "the reference drops a <debug> (and its svd) when <accessportV1/V2> elements sit beside it and its __apid names none of them"),
    ]

    struct Difference: Hashable, CustomStringConvertible {
        let file: String
        let device: String
        let field: String
        var description: String { "\(file): \(device): \(field)" }
    }

    static var comparedFiles: [String] {
        Corpus.pdscFiles.filter { FileManager.default.fileExists(atPath: referencePath($0, "index")) }
    }

    static func referencePath(_ file: String, _ kind: String) -> String {
        Corpus.path("reference/" + file.dropLast(5) + ".\(kind).json")
    }

    static func ourIndex(_ file: String) throws -> DeviceIndex {
        let read = try PackDescriptionReader.read(path: Corpus.path("pdsc/" + file))
        var index = DeviceIndex()
        index.add(IndexedPack(read.description))
        return index
    }

    static func differences(_ file: String) throws -> [Difference] {
        let index = try ourIndex(file)
        let ours = try JSONParser.parse(index.indexJSON()).objectValue ?? [:]
        let theirs = try JSONParser.parse(FileBytes.read(referencePath(file, "index"))).objectValue ?? [:]
        var result: [Difference] = []
        for name in ours.keys where theirs[name] == nil {
            result.append(Difference(file: file, device: name, field: "only-ours"))
        }
        for name in theirs.keys where ours[name] == nil {
            result.append(Difference(file: file, device: name, field: "only-reference"))
        }
        for (name, our) in ours {
            guard let their = theirs[name], let ourFields = our.objectValue, let theirFields = their.objectValue else { continue }
            for field in Set(ourFields.keys).union(theirFields.keys) where ourFields[field] != theirFields[field] {
                result.append(Difference(file: file, device: name, field: field))
            }
        }
        let ourBoards = try JSONParser.parse(index.aliasesJSON())
        let theirBoards = try JSONParser.parse(FileBytes.read(referencePath(file, "aliases")))
        if ourBoards != theirBoards {
            result.append(Difference(file: file, device: "*", field: "aliases"))
        }
        return result
    }

    static func correction(for difference: Difference) -> Correction? {
        corrections.first { correction in
            correction.file == difference.file && correction.field == difference.field
                && (correction.devices?.contains(difference.device) ?? true)
        }
    }

    @Test func corpusHasReferenceOutputs() throws {
        try Corpus.requireAvailable()
        #expect(Self.comparedFiles.count >= 45)
    }

    @Test(arguments: comparedFiles)
    func matchesTheReference(file: String) throws {
        for difference in try Self.differences(file) {
            #expect(Self.correction(for: difference) != nil, "unexplained difference from the reference: \(difference)")
        }
    }

    @Test func everyListedCorrectionStillOccurs() throws {
        try Corpus.requireAvailable()
        let files = Set(Self.corrections.map(\.file))
        var seen: [Int: Bool] = [:]
        for file in files {
            for difference in try Self.differences(file) {
                for (position, correction) in Self.corrections.enumerated()
                where correction.file == difference.file && correction.field == difference.field
                    && (correction.devices?.contains(difference.device) ?? true) {
                    seen[position] = true
                }
            }
        }
        for (position, correction) in Self.corrections.enumerated() {
            #expect(seen[position] == true, "listed correction no longer observed: \(correction.file) \(correction.field)")
        }
    }

    /// The reference crashes on these (no <release>); we read them.
    @Test func filesTheReferenceCrashesOnAreRead() throws {
        try Corpus.requireAvailable()
        for file in ["test-fixtures/pyocd+pyOCD/Test1.pdsc", "test-fixtures/pyocd+pyOCD/Test2_algo_overlaps_alias.pdsc"] {
            let index = try Self.ourIndex(file)
            #expect(index.devices.count == 1, "\(file)")
        }
        let dual = try Self.ourIndex("test-fixtures/pyocd+pyOCD/Test1.pdsc").devices.values.first?.entry
        #expect(dual?.processors.count == 2)
    }

    /// For files with no differences the output is byte-identical to the
    /// reference's (as normalised in the corpus: sorted keys, one-space indent).
    @Test func identicalFilesAreByteIdentical() throws {
        try Corpus.requireAvailable()
        for file in ["WestBerry.WB32F10x_DFP.pdsc", "Keil.STM32F4xx_DFP.pdsc", "Nuvoton.NuMicro_DFP.pdsc"] {
            let ours = try Self.ourIndex(file).indexJSON()
            let theirs = try FileBytes.read(Self.referencePath(file, "index"))
            #expect(ours == theirs, "\(file)")
        }
    }
}
