@testable import CMSISPack
@testable import PackCheck
import Foundation
import Testing
import TestSupport

/// `check` on every real pack description and pack of the corpus, with the
/// corpus's PACK.xsd: the findings per id, and the first schema problem,
/// must be those recorded in Resources/check-corpus.tsv (README explains them).
///
/// After a deliberate change to the checks, regenerate the table with
/// `CHECK_CORPUS_UPDATE=1 swift test --filter CheckCorpusTests` and review the diff.
@Suite struct CheckCorpusTests {
    static let expectationsPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/check-corpus.tsv").path

    static let inputs: [String] = Corpus.pdscFiles.map { "pdsc/" + $0 } + [
        "packs/GigaDevice.GD32F10x_DFP.2.0.2.pack", "packs/HDSC.HC32L110.1.0.3.pack", "packs/Holtek.HT32F675x5_DFP.1.0.5.pack",
        "packs/NXP.MK64F12_DFP.11.0.0.pack", "packs/Nuvoton.NuMicro_M051_BSP.1.0.0.pack",
        "packs/upstream-test-pack-index/MyVendor.MyPack.1.1.0.pack",
    ]

    /// The corpus's PACK.xsd, compiled once for every input (one schema
    /// serves concurrent validations: see SchemaValidationTests).
    static let schema = Result { try SchemaValidator(path: Corpus.path("schema/PACK.xsd")) }

    static func report(for input: String, schema: SchemaValidator) -> CheckReport {
        PackChecker.check(path: Corpus.path(input), options: PackCheckOptions(schema: schema, today: CheckFixture.today))
    }

    /// One row: input, counts per id ("PM002=106 PM111=1"), the first schema problem.
    static func row(for input: String, report: CheckReport) -> String {
        var counts: [String: Int] = [:]
        for finding in report.findings { counts[finding.id, default: 0] += 1 }
        let summary = counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: " ")
        let firstSchemaProblem = report.findings.first { $0.id == "PM002" }.map { "line \($0.line ?? 0): \($0.message)" } ?? "valid"
        return [input, summary.isEmpty ? "-" : summary, firstSchemaProblem].joined(separator: "\t")
    }

    static func expectations() throws -> [String: String] {
        let text = try String(contentsOfFile: expectationsPath, encoding: .utf8)
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            rows[String(line.split(separator: "\t", maxSplits: 1)[0])] = String(line)
        }
        return rows
    }

    @Test(arguments: inputs)
    func findingsMatchTheRecordedExpectations(input: String) throws {
        try Corpus.requireAvailable()
        let schema = try Self.schema.get()
        let report = Self.report(for: input, schema: schema)
        // Every input is read and validated.
        #expect(report.schemaPath == schema.path)
        #expect(!report.findings.contains { $0.id == "PM001" }, "\(input) could not be read")
        let actual = Self.row(for: input, report: report)
        let expected = try #require(try Self.expectations()[input], "no row for \(input); add:\n\(actual)")
        #expect(actual == expected)
    }

    @Test func theTableListsExactlyTheCorpus() throws {
        try Corpus.requireAvailable()
        if ProcessInfo.processInfo.environment["CHECK_CORPUS_UPDATE"] == "1" {
            let schema = try Self.schema.get()
            let header = "# input\tfindings per id (check with the corpus PACK.xsd, today = \(CheckFixture.today))\tfirst schema problem\n"
            let rows = Self.inputs.map { Self.row(for: $0, report: Self.report(for: $0, schema: schema)) }.joined(separator: "\n")
            try FileBytes.writeAtomically(Array((header + rows + "\n").utf8), to: Self.expectationsPath)
        }
        #expect(Set(try Self.expectations().keys) == Set(Self.inputs))
    }
}
