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

    @Flag(name: [.short, .long], help: "Print each device's details.")
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
        let mode = match.mode(default: .allWords)
        let devices = aliasesOnly ? [] : DeviceSearch.find(matches, in: index.devices.keys, mode: mode)
        let boards = partsOnly ? [] : DeviceSearch.find(matches, in: index.boards.keys, mode: mode)

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
        // The reference dumps the index's own objects: a device reached again
        // through a board is the same object, which PyYAML writes as an alias.
        var entries: [(key: String, value: JSONValue, identity: String?)] = []
        for name in devices { entries.append((name, index.entryJSON(name, includingReplacement: true)!, name)) }
        for board in boards {
            // A board shows its first mounted device, as the reference does.
            guard let mounted = index.boards[board]?.mountedDevices.first else { continue }
            if let entry = index.entryJSON(mounted, includingReplacement: true) {
                entries.append((board, entry, mounted))
            } else {
                entries.append((board, .string("Could not find part: \(mounted)"), nil))
            }
        }
        // A board named like a device replaces it, as dict.update does in the reference.
        var position: [String: Int] = [:]
        for (offset, entry) in entries.enumerated() { position[entry.key] = offset }
        entries = entries.enumerated().filter { position[$0.element.key] == $0.offset }.map(\.element)
        if json {
            Terminal.json(.object(Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })))
        } else {
            Terminal.print(YAMLText.render(entries: entries))
        }
    }
}
