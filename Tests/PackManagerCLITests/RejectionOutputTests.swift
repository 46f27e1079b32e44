import CMSISPack
import Foundation
@testable import PackCache
@testable import PackManagerCLI
import Testing
import TestSupport

/// `index build` prints a rejected pack in short lines, identical findings once with their count.
@Suite struct RejectionOutputTests {
    @Test func identicalFindingsAreCountedOnOneShortLine() async throws {
        let work = Workspace()
        defer { work.remove() }
        // Forty devices, each with the same element PACK.xsd does not know.
        let devices = (0..<40).map { "<device Dname=\"W\($0)\"><gadget/></device>" }.joined(separator: "\n")
        let text = String(decoding: ZipBuilder.pdsc(), as: UTF8.self)
            .replacingOccurrences(of: "<device Dname=\"Widgets_DEV\"/>", with: devices)
        let pdsc = work.path + "/Acme.Widgets.pdsc"
        try Data(text.utf8).write(to: URL(fileURLWithPath: pdsc))
        let result = await InProcess.run(["index", "build", "-q", pdsc, "-o", work.path + "/index.pidx", "--schema", Corpus.path("schema/PACK.xsd"),
                                          "--vendor", "Acme", "--url", "https://packs.example.com/", "--report", work.path + "/report.json"])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("error: Acme.Widgets rejected (") == true, "\(result.standardError)")
        #expect(lines.first?.hasSuffix("): 40 findings") == true, "\(result.standardError)")
        #expect(lines.contains { $0.hasPrefix("  [PM002]") && $0.contains("gadget") && $0.contains("(40 times: lines 9, 10, 11, 12, 13, …)") },
                "\(result.standardError)")
        #expect(lines.count <= 4, "\(result.standardError)")
        #expect(lines.allSatisfy { $0.count <= 320 }, "\(lines.map(\.count))")
        // The report keeps each finding.
        let report = try JSONParser.parse(FileBytes.read(work.path + "/report.json"))
        #expect(report["rejected"]?.arrayValue?.first?["reasons"]?.arrayValue?.count == 40)
    }

    @Test func groupsFindingsAndCutsLongMessages() {
        let long = String(repeating: "x", count: 500)
        let rejection = IndexBuild.Rejection(pack: "Acme.Pack", url: "https://example.com/Acme.Pack.pdsc",
                                             reasons: ["line 3: [M1] same", "line 9: [M1] same", "line 4: [M2] other", "[M3] " + long, "line 12: [M1] same"])
        #expect(RejectionText.lines(rejection) == [
            "error: Acme.Pack rejected (https://example.com/Acme.Pack.pdsc): 5 findings",
            "  [M1] same (3 times: lines 3, 9, 12)",
            "  line 4: [M2] other",
            "  [M3] " + String(repeating: "x", count: 195) + " …",
        ])
        let one = IndexBuild.Rejection(pack: "Solo.Pack", url: "u", reasons: ["cannot read this index"])
        #expect(RejectionText.lines(one) == ["error: Solo.Pack rejected (u): cannot read this index"])
    }
}
