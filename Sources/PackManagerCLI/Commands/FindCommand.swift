import ArgumentParser
import CMSISPack
import PackCache

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find devices, boards, parts and components in the index.",
        discussion: """
            Terms ignore case. A term with * or ? is a glob for the whole name; any other \
            term matches anywhere. The exact name comes first, then names that start with \
            a term, then the rest. Answered from the index; no pack description is read.
            """
    )

    @OptionGroup var options: LocationOptions
    @OptionGroup var match: MatchOptions

    @Option(name: .customLong("kind"),
            help: ArgumentHelp("Only this kind: device, board, part or component; repeat or separate with commas (default all).", valueName: "kind"))
    var kindOptions: [String] = []

    var kinds: [String] { kindOptions.flatMap { $0.split(separator: ",").map(String.init) } }

    @Option(help: ArgumentHelp("At most this many results (0: all).", valueName: "n"))
    var limit = 0

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: ArgumentHelp("Terms to match.", valueName: "term"))
    var terms: [String]

    func validate() throws {
        for kind in kinds where CatalogSearch.Kind(rawValue: kind) == nil {
            throw ValidationError("unknown kind '\(kind)': use device, board, part or component")
        }
    }

    func run() throws {
        let index = try loadIndex(options)
        let chosen = kinds.isEmpty ? Set(CatalogSearch.Kind.allCases) : Set(kinds.compactMap(CatalogSearch.Kind.init))
        var hits = CatalogSearch(terms: terms, mode: match.mode(default: .all), kinds: chosen).run(on: index)
        if limit > 0 { hits = Array(hits.prefix(limit)) }
        if json {
            Terminal.json(JSONValue.array(hits.map { $0.json(in: index) }))
        } else {
            let width = hits.map(\.name.count).max() ?? 0
            for hit in hits {
                let name = hit.name.padding(toLength: max(width, hit.name.count), withPad: " ", startingAt: 0)
                let kind = hit.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                Terminal.print("\(kind) \(name)  \(hit.packs.first ?? "")")
            }
        }
        if hits.isEmpty {
            Terminal.note("nothing matches \(terms.joined(separator: " "))")
            throw ExitCode(1)
        }
    }
}
