import Foundation
import Testing
import TestSupport

/// Every `pack-manager` command line in README.md and docs/ parses with the
/// program's parser: a renamed or removed option, a wrong subcommand or a
/// value the option refuses fails here, naming the page and line.
@Suite struct DocumentedCommandTests {
    @Test func everyDocumentedCommandParses() throws {
        let sandbox = Corpus.temporaryDirectory("documented-commands")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let check = DocumentedCommandCheck(sandbox: sandbox)
        var found: [DocumentedCommand] = []
        for page in Documentation.pages {
            found += DocumentedCommands.find(in: try Documentation.read(page), file: page)
        }
        let commands = found
        // A parse takes milliseconds in a debug build: use every core.
        let problems = Results(count: commands.count)
        DispatchQueue.concurrentPerform(iterations: commands.count) { index in
            problems.set(index, check.problems(of: commands[index]))
        }
        for problem in problems.all.joined() {
            Issue.record(Comment(rawValue: problem))
        }
        let counts = Dictionary(grouping: commands, by: \.file).mapValues(\.count)
        // The pages of the command families show their commands: finding
        // none would mean the reading of the pages broke, not that all is well.
        for page in ["README.md", "docs/cache.md", "docs/query.md", "docs/pack-root.md", "docs/check.md",
                     "docs/publishing.md", "docs/flash-algorithms.md", "docs/cli-reference.md"] {
            #expect(counts[page, default: 0] > 0, "no pack-manager command found in \(page)")
        }
        print("DocumentedCommandTests: \(commands.count) documented command lines checked: "
            + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    @Test func aWrongCommandIsReportedWithItsPageAndLine() {
        let page = """
        # Example

            pack-manager cache descriptors --index-url https://example.com/index.pidx
            pack-manager cache descriptors --index-ur https://example.com/index.pidx
            pack-manager pack ad ARM::CMSIS
            pack-manager pack list [-c | -x]

        Run `pack-manager find-part
        --lnog stm32` to see it.
        """
        let sandbox = Corpus.temporaryDirectory("documented-commands")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let check = DocumentedCommandCheck(sandbox: sandbox)
        let problems = DocumentedCommands.find(in: page, file: "docs/example.md").map(check.problems(of:))
        #expect(problems.count == 5)
        #expect(problems[0] == [])
        #expect(problems[1].count == 1 && problems[1][0].hasPrefix("docs/example.md:4: `pack-manager cache descriptors --index-ur https://example.com/index.pidx` does not parse: "), "\(problems[1])")
        #expect(problems[1].first?.contains("--index-ur") == true)
        #expect(problems[2].first?.hasPrefix("docs/example.md:5: `pack-manager pack ad ARM::CMSIS` does not parse") == true, "\(problems[2])")
        // Of the synopsis, only the combination with the unknown flag.
        #expect(problems[3].count == 1 && problems[3][0].hasPrefix("docs/example.md:6: `pack-manager pack list -x` does not parse"), "\(problems[3])")
        #expect(problems[4].first?.hasPrefix("docs/example.md:8: `pack-manager find-part --lnog stm32` does not parse") == true, "\(problems[4])")
    }

    @Test func aFragmentNamesCommandsAndOptionsThatExist() {
        let page = """
        Use `pack add/rm --skip-touch`, `pack list --updates`, `index build --site` or `show pack|board`;
        not `pack list --update`, `pack ad` or `index biuld`. `pack add --bogus` is shown as a mistake.
        """
        let check = DocumentedCommandCheck(sandbox: NSTemporaryDirectory())
        let problems = DocumentedCommands.find(in: page, file: "f.md").map(check.problems(of:))
        #expect(problems.count == 8)
        #expect(problems.prefix(4).allSatisfy { $0.isEmpty }, "\(problems)")
        #expect(problems[1] == [])
        #expect(problems[4].first?.hasPrefix("f.md:2: `pack list --update`: unknown option '--update' for 'pack-manager pack list'. Did you mean '--updates'?") == true, "\(problems[4])")
        #expect(problems[5] == ["f.md:2: `pack ad`: 'ad' is not a command of 'pack-manager pack'"])
        #expect(problems[6] == ["f.md:2: `index biuld`: 'biuld' is not a command of 'pack-manager index'"])
        #expect(problems[7] == [], "a documented mistake that stays one")
    }

    @Test func helpOfACommandThatDoesNotExistIsReported() {
        let check = DocumentedCommandCheck(sandbox: NSTemporaryDirectory())
        #expect(check.parseProblem(["pack", "update-index", "--help"]) == nil)
        #expect(check.parseProblem(["cache", "desc", "--help"]) == nil, "a word of a command's own arguments")
        #expect(check.parseProblem(["--version"]) == nil)
        #expect(check.parseProblem(["cach", "--help"]) == "'cach' is not a command of 'pack-manager'")
        #expect(check.parseProblem(["pack", "updte-index", "-h"]) == "'updte-index' is not a command of 'pack-manager pack'")
    }

    @Test func checkIsGivenTheFilesItWantsToExist() {
        let sandbox = Corpus.temporaryDirectory("documented-commands")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let check = DocumentedCommandCheck(sandbox: sandbox)
        #expect(check.parseProblem(["check", "path/to/MyVendor.MyPack.pdsc", "-i", "ARM.CMSIS.pdsc", "C/", "-x", "M382"]) == nil)
        #expect(check.parseProblem(["check", "MyVendor.MyPack.pdsc", "--suppress", "NO-SUCH-ID"]) != nil, "an unknown id is still refused")
        #expect(check.parseProblem(["check", "MyVendor.MyPack.pdsc", "--bogus"]) != nil)
        // A certificate file that exists, whose content (the stand-in's: nothing) is refused.
        #expect(check.parseProblem(["cache", "descriptors", "--cacert", "/etc/company/ca-bundle.pem"]) == nil)
        #expect(check.parseProblem(["cache", "descriptors", "--cacert"]) != nil, "its value is still required")
    }

    @Test func commandLinesAreFoundInCodeAndInlineCodeOnly() {
        let page = """
        pack-manager in prose is not a command.

            $ pack-manager show STM32F407VGTx
            STM32F407VGTx
              Vendor:      STMicroelectronics:13
            pack-manager index build https://a/A.pidx \\
                -o index.pidx   # a comment
            swift run -c release pack-manager cache descriptors   # build first
            install -m 755 .build/release/pack-manager ~/.local/bin/
            python3 bench.py --candidate '.build/release/pack-manager add-packs --json-path {json} {files}'
            note: download it with `pack-manager cache devices WB32F103CB`, then run dump-parts again

        ```console
        $ COLUMNS=80 pack-manager find-part --help
        ```

        - a list item with `pack-manager print-cache-dir`, and `pack-manager` alone.
        - fragments: `pack add/update --force-reinstall`, `find` alone, `index build`, `Python code`, `pack-manager pack add`,
          not Python: `index = cache.index`, `find(name)`.
        """
        let found = DocumentedCommands.find(in: page, file: "p.md").map { "\($0.line) \($0.kind == .fragment ? "fragment " : "")\($0.arguments)" }
        #expect(found == [
            "3 show STM32F407VGTx",
            "6 index build https://a/A.pidx  -o index.pidx   # a comment",
            "8 cache descriptors   # build first",
            "10 add-packs --json-path {json} {files}",
            "11 cache devices WB32F103CB",
            "14 find-part --help",
            "17 fragment print-cache-dir",
            "18 fragment pack add/update --force-reinstall",
            "18 fragment index build",
            "18 fragment pack add",
        ])
    }

    @Test func synopsesStandForEachCombination() throws {
        func expand(_ line: String) throws -> [String] {
            try CommandSynopsis.expand(ShellWords.split(line)).map { $0.joined(separator: " ") }
        }
        #expect(try expand("algo DEVICE [--file PACK] [--json | --format text|json]") == [
            "algo DEVICE", "algo DEVICE --json", "algo DEVICE --format text", "algo DEVICE --format json",
            "algo DEVICE --file PACK", "algo DEVICE --file PACK --json", "algo DEVICE --file PACK --format text", "algo DEVICE --file PACK --format json",
        ])
        #expect(try expand("pack update-index [-s | -a [-d]]") == ["pack update-index", "pack update-index -s", "pack update-index -a", "pack update-index -a -d"])
        #expect(try expand("pack update [Vendor::Name…]") == ["pack update", "pack update Vendor::Name"])
        #expect(try expand("pack add 'ARM::CMSIS@>=6.0.0' 'a|b' \"[x]\"") == ["pack add ARM::CMSIS@>=6.0.0 a|b [x]"])
        #expect(try expand("find-part stm32 --json | jq . > out.json") == ["find-part stm32 --json"])
        #expect(try expand("find-part stm32 > out.txt 2>&1") == ["find-part stm32"])
        #expect(throws: CommandSynopsis.Malformed.self) { try expand("pack list [-c") }
        #expect(throws: CommandSynopsis.Malformed.self, "alternatives outside brackets") { try expand("dump conditions | examples") }
        #expect(try expand("dump conditions|examples") == ["dump conditions", "dump examples"])
        #expect(throws: ShellWords.UnterminatedQuote.self) { try expand("pack add 'ARM::CMSIS") }
        #expect(ShellWords.withoutComment("find 'a #b' x#y \\# z   # the comment") == "find 'a #b' x#y \\# z")
    }
}

/// The problems of each command, filled in from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[String]]

    init(count: Int) { values = Array(repeating: [], count: count) }

    func set(_ index: Int, _ problems: [String]) { lock.withLock { values[index] = problems } }

    var all: [[String]] { lock.withLock { values } }
}
