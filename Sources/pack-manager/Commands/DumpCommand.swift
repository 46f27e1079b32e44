import ArgumentParser
import CMSISPack
import PackCache

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print boards or parts of the indexed packs as JSON.",
        discussion: "Reads the pack descriptions behind the index (the cached .pdsc files and the files add-packs read)."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case boards, parts
    }

    @OptionGroup var options: LocationOptions

    @Argument(help: ArgumentHelp("What to print: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: Kind

    @Argument(help: ArgumentHelp("Only entries whose name contains every word.", valueName: "word"))
    var words: [String] = []

    func run() throws {
        let locations = options.locations
        let index = try loadIndex(locations)
        let loaded = PackInventory.load(locations: locations, index: index)
        loaded.problems.forEach(Terminal.diagnostic)
        var items: [(String, JSONValue)] = []
        for description in loaded.descriptions {
            let pack = "\(description.vendor).\(description.name).\(description.latestRelease?.version ?? "")"
            switch kind {
            case .boards:
                for board in description.boards { items.append((board.name, board.json(pack: pack))) }
            case .parts:
                for part in description.parts { items.append((part.name, part.json(pack: pack))) }
            }
        }
        if !words.isEmpty {
            let keep = Set(DeviceSearch.find(words, in: items.map(\.0), mode: .allWords))
            items = items.filter { keep.contains($0.0) }
        }
        items.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        Terminal.write(JSONValue.array(items.map(\.1)).serialized())
        Terminal.print("")
        if !loaded.problems.isEmpty { throw ExitCode(1) }
    }
}
