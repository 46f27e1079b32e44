import Foundation
import Testing

/// docs/cli-reference.md is the program's `--help`, command by command: a
/// changed option, abstract or subcommand fails here until the page is
/// regenerated (`scripts/docs-cli-reference`, which runs this suite with
/// PACK_MANAGER_WRITE_CLI_REFERENCE=1 to write the page).
@Suite struct CommandReferenceTests {
    static let writeVariable = "PACK_MANAGER_WRITE_CLI_REFERENCE"

    @Test func theCommandReferenceIsTheProgramsHelp() throws {
        let reference = try CommandReference.current()
        let page = CommandReference.relativePath
        if ProcessInfo.processInfo.environment[Self.writeVariable] == "1" {
            try Documentation.write(reference.markdown, to: page)
            print("wrote \(page): \(reference.sections.count) commands")
            return
        }
        let regenerate = "run \(CommandReference.regenerateCommand) to regenerate it"
        let committed = (try? Documentation.read(page)) ?? ""
        var problems: [String] = []
        let documented = Dictionary(CommandReference.sections(inPage: committed).map { ($0.command, $0.help) }, uniquingKeysWith: { first, _ in first })
        for section in reference.sections {
            guard let text = documented[section.command] else {
                problems.append("\(page) has no section for `\(section.command)`; \(regenerate)")
                continue
            }
            if let difference = Self.firstDifference(documented: text, printed: section.help) {
                problems.append("`\(section.command) --help` differs from \(page) (\(difference)); \(regenerate)")
            }
        }
        let commands = Set(reference.sections.map(\.command))
        for command in documented.keys.sorted() where !commands.contains(command) {
            problems.append("\(page) documents `\(command)`, which the program does not have; \(regenerate)")
        }
        // The rest of the page (title, list of commands, order): as generated.
        if committed != reference.markdown, problems.isEmpty {
            problems.append("\(page) differs from the generated page (\(Self.firstDifference(documented: committed, printed: reference.markdown) ?? "")); \(regenerate)")
        }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }

    @Test func everyCommandAndSubcommandHasASection() throws {
        let commands = try CommandReference.current().sections.map(\.command)
        for command in ["pack-manager", "pack-manager cache", "pack-manager check", "pack-manager pack", "pack-manager pack add",
                        "pack-manager pack update-index", "pack-manager show", "pack-manager index", "pack-manager index build", "pack-manager mirror"] {
            #expect(commands.contains(command), "\(command)")
        }
        #expect(Set(commands).count == commands.count, "each command once")
        let cache = try #require(try CommandReference.current().sections.first { $0.command == "pack-manager cache" })
        #expect(cache.help.hasPrefix("OVERVIEW: "), "\(cache.help)")
        #expect(cache.help.contains("USAGE: pack-manager cache"))
        #expect(cache.help.split(separator: "\n").allSatisfy { $0.count <= CommandReference.columns }, "wrapped at \(CommandReference.columns) columns")
    }

    @Test func aChangedHelpTextIsFoundCommandByCommand() throws {
        let reference = try CommandReference.current()
        var changed = reference
        let index = try #require(changed.sections.firstIndex { $0.command == "pack-manager pack add" })
        changed.sections[index].help += "\n  --new-option            An option added since the page was written."
        let sections = CommandReference.sections(inPage: changed.markdown)
        #expect(sections.map(\.command) == reference.sections.map(\.command))
        let differing = zip(sections, reference.sections).filter { $0.help != $1.help }.map(\.0.command)
        #expect(differing == ["pack-manager pack add"])
    }

    /// Where two texts first differ, by line, for the failure message.
    static func firstDifference(documented: String, printed: String) -> String? {
        guard documented != printed else { return nil }
        let left = documented.split(separator: "\n", omittingEmptySubsequences: false)
        let right = printed.split(separator: "\n", omittingEmptySubsequences: false)
        for line in 0..<max(left.count, right.count) {
            let page = line < left.count ? String(left[line]) : "(nothing)"
            let program = line < right.count ? String(right[line]) : "(nothing)"
            if page != program { return "line \(line + 1): the page has '\(page)', the program prints '\(program)'" }
        }
        return "they differ"
    }
}

