import Foundation
import Testing
import TestSupport

/// The output the pages show for commands that need nothing but corpus
/// files is what the program prints for them, run in process on an index
/// of those files (`…` marks what a page leaves out).
@Suite struct DocumentedOutputTests {
    /// Each example as its page writes it after `$ pack-manager `.
    static let examples: [(page: String, command: String)] = [
        ("README.md", "show STM32F407VGTx"),
        ("docs/query.md", "find-part stm32f407 vg"),
        ("docs/query.md", "show STM32F407VGTx"),
        ("docs/query.md", "find stm32f407vg"),
        ("docs/query.md", "show pack Keil.STM32F4xx_DFP"),
        ("docs/flash-algorithms.md", "algo GD32F103C8"),
        ("docs/flash-algorithms.md", "export probe-rs GD32F103C8 -o gd32f103c8.yaml"),
    ]

    /// The descriptions and packs the examples were made from.
    static let corpusFiles = [
        "pdsc/Keil.STM32F4xx_DFP.pdsc",
        "pdsc/older-versions/xpacks+stm32f4-cmsis/Keil.STM32F4xx_DFP.pdsc",  // 2.11.0: "Also defined by"
        "packs/GigaDevice.GD32F10x_DFP.2.0.2.pack",
    ]

    @Test func theOutputShownIsWhatTheProgramPrints() async throws {
        let work = Workspace()
        defer { work.remove() }
        // Folders of the test's own: no default data folder or pack root is read.
        let folders = ["--data-path", work.path + "/data", "--json-path", work.path + "/data", "--pack-root", work.path + "/no-root"]
        let added = await InProcess.run(["add-packs"] + folders + Self.corpusFiles.map(Corpus.path))
        try #require(added.status == 0, "\(added.standardError)")

        for (page, command) in Self.examples {
            guard let shown = ShownOutput.find(command, in: try Documentation.read(page)) else {
                Issue.record("\(page) no longer shows `$ pack-manager \(command)` and its output: update DocumentedOutputTests.examples")
                continue
            }
            // A file to write (-o) goes to the test's folder, and is named as the page names it.
            var arguments = try ShellWords.split(command).map(\.text)
            if let output = arguments.firstIndex(of: "-o"), output + 1 < arguments.count {
                arguments[output + 1] = work.path + "/" + arguments[output + 1]
            }
            let result = await InProcess.run(arguments + folders)
            let printed = result.standardOutput.replacingOccurrences(of: work.path + "/", with: "")
            if result.status != 0 {
                Issue.record("\(page):\(shown.line): `pack-manager \(command)` exited \(result.status): \(result.standardError)")
            } else if let mismatch = shown.mismatch(printed) {
                Issue.record("\(page):\(shown.line): `pack-manager \(command)`: \(mismatch)")
            }
        }
    }

    @Test func shownOutputLeavesOutOnlyWhatItMarks() {
        let page = """
        Text.

            $ pack-manager show X   # a comment
            X
              A:  1
              …
              D:  4, 5, …

            more
            $ pack-manager other
        """
        let shown = ShownOutput.find("show X", in: page)
        #expect(shown?.line == 3)
        #expect(shown?.lines == ["X", "  A:  1", "  …", "  D:  4, 5, …", "", "more"])
        let matching = ShownOutput(line: 1, lines: ["X", "  A:  1", "  …", "  D:  4, 5, …"])
        #expect(matching.mismatch("X\n  A:  1\n  B:  2\n  C:  3\n  D:  4, 5, 6, 7\n\n") == nil)
        #expect(matching.mismatch("X\n  A:  1\n  D:  4, 5\n") != nil, "'4, 5, …' needs the text after '4, 5, '")
        let strict = ShownOutput(line: 1, lines: ["X", "  A:  1"])
        #expect(strict.mismatch("X\n  A:  1\n  B:  2\n") == "output line 3: the page shows nothing more, the program prints '  B:  2'")
        #expect(strict.mismatch("X\n  A:  2\n") == "output line 2: the page shows '  A:  1', the program prints '  A:  2'")
        #expect(strict.mismatch("X   \n  A:  1\n") == nil, "spaces that end a line do not count")
    }
}
