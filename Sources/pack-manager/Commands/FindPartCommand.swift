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
                Terminal.write(JSONValue.array(names.map(JSONValue.string)).serialized())
                Terminal.print("")
            } else {
                Terminal.print(YAMLText.list(names))
            }
            noteDeprecations(devices, in: index)
            return
        }
        var details: [String: JSONValue] = [:]
        for name in devices { details[name] = index.devices[name]!.json.withReplacement(in: index) }
        for board in boards {
            // A board shows its first mounted device, as the reference does.
            if let mounted = index.boards[board]?.mountedDevices.first {
                details[board] = index.devices[mounted]?.json ?? .string("Could not find part: \(mounted)")
            }
        }
        if json {
            Terminal.write(JSONValue.object(details).serialized())
            Terminal.print("")
        } else {
            Terminal.print(details.isEmpty ? "{}" : YAMLText.render(.object(details)))
        }
    }
}

/// Tells (on standard error, so the list stays machine-readable) which of
/// the found devices come from a deprecated pack, and what replaces it.
func noteDeprecations(_ devices: [String], in index: DeviceIndex) {
    var byPack: [String: (record: PackRecord, devices: [String])] = [:]
    for name in devices {
        guard let device = index.devices[name], let record = index.record(of: device), record.deprecated != nil else { continue }
        byPack[record.key, default: (record, [])].devices.append(name)
    }
    for key in byPack.keys.sorted() {
        let (record, names) = byPack[key]!
        let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
        let replacement = record.replacement.map { "; use \($0) instead" } ?? ""
        Terminal.note("\(shown) come\(names.count == 1 ? "s" : "") from \(record.vendor).\(record.pack) \(record.version), deprecated since \(record.deprecated!)\(replacement)")
    }
}

/// The device index, with the packs of the pack root brought in (see `PackRootIndexSync`).
func loadIndex(_ options: LocationOptions) throws -> DeviceIndex {
    try PackRootIndexSync.load(options.locations, root: options.packRootLayout)
}

extension JSONValue {
    /// Adds `deprecated`/`replacement` for devices whose pack is deprecated,
    /// so that searches tell the user which pack to use instead.
    func withReplacement(in index: DeviceIndex) -> JSONValue {
        guard case .object(var members) = self, let fromPack = FromPack(json: members["from_pack"]),
              let record = index.packs["\(fromPack.vendor).\(fromPack.pack).\(fromPack.version)"],
              let deprecated = record.deprecated
        else { return self }
        members["deprecated"] = .string(deprecated)
        members["replacement"] = record.replacement.map(JSONValue.string) ?? .null
        return .object(members)
    }
}
