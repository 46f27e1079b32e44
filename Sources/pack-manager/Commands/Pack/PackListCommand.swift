import ArgumentParser
import CMSISPack
import PackCache

struct PackListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List installed packs (or cached, public, updatable or deprecated ones)."
    )

    @OptionGroup var root: PackRootOptions

    @Flag(help: "Archives in .Download.")
    var cached = false
    @Flag(name: .customLong("public"), help: "Every pack of the public index.")
    var publicIndex = false
    @Flag(help: "Installed packs with a newer version available.")
    var updates = false
    @Flag(help: "Installed packs that are deprecated.")
    var deprecated = false

    @Option(help: ArgumentHelp("Only packs whose ID contains this text (repeatable: all must match).", valueName: "text"))
    var filter: [String] = []

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if [cached, publicIndex, updates, deprecated].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --cached, --public, --updates, --deprecated")
        }
    }

    func run() throws {
        let scope: PackRootListing.Scope = cached ? .cached : publicIndex ? .public : updates ? .updates : deprecated ? .deprecated : .installed
        let rows = PackRootListing(layout: root.layout).rows(scope, filter: filter)
        if json {
            Terminal.json(JSONValue.array(rows.map(\.json)))
            return
        }
        for row in rows {
            var text = "\(row.family.vendor)::\(row.family.name)@\(row.version)"
            switch row.state {
            case "local": text += " (local: \(row.path ?? ""))"
            case "cached", "public": if row.installed { text += " (installed)" }
            default: break
            }
            if let update = row.update { text += " (update: \(update))" }
            if let deprecated = row.deprecated {
                text += " (deprecated \(deprecated)" + (row.replacement.map { "; use \($0)" } ?? "") + ")"
            }
            Terminal.print(text)
        }
    }
}
