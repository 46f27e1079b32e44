import ArgumentParser
import CMSISPack
import PackCache

struct FindPartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find-part",
        abstract: "Find devices and boards whose names contain the given words (ignoring case)."
    )

    @OptionGroup var options: LocationOptions
    @OptionGroup var match: MatchOptions

    @Flag(name: [.short, .long], help: "Print each match's details (for a board, those of the first device it carries).")
    var long = false

    @Flag(name: [.customShort("p"), .customLong("parts-only")], help: "Only devices, no boards.")
    var partsOnly = false

    @Flag(name: [.customShort("a"), .customLong("aliases-only")], help: "Only boards, no devices.")
    var aliasesOnly = false

    @Flag(help: "Print JSON instead of YAML.")
    var json = false

    @Argument(help: ArgumentHelp("Words to match.", valueName: "word"))
    var matches: [String]

    func run() throws {
        let index = try loadIndex(options)
        // The reference's rule: each word anywhere in the name (here ignoring case), names sorted.
        let matcher = NameMatcher(terms: matches, mode: match.mode(default: .all))
        let devices = aliasesOnly ? [] : matcher.filter(index.devices.keys)
        let boards = partsOnly ? [] : matcher.filter(index.boards.keys)

        if !long {
            let names = devices + boards
            if json {
                Terminal.json(JSONValue.array(names.map(JSONValue.string)))
            } else {
                // print(yaml.safe_dump(...)), as the reference: the document, then an empty line.
                Terminal.print(YAMLText.list(names))
            }
            noteDeprecations(devices, in: index)
            return
        }
        let entries = index.partEntries(devices: devices, boards: boards)
        if json {
            Terminal.json(.object(Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })))
        } else {
            Terminal.print(YAMLText.render(entries: entries))
        }
    }
}
