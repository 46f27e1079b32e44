import ArgumentParser
import CMSISPack
import PackCache

struct PackListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List installed packs (or cached, public, updatable or deprecated ones).",
        discussion: """
            As with cpackget, --public lists the public index without its deprecated packs, --deprecated only its \
            deprecated ones, and both together all of it; a deprecation dated in the future does not count yet. \
            `list required` shows the packs each installed pack requires.
            """,
        subcommands: [PackListRequiredCommand.self]
    )

    @OptionGroup var root: PackRootOptions

    @Flag(name: [.customShort("c"), .customLong("cached")], help: "Archives in .Download.")
    var cached = false
    @Flag(name: [.customShort("p"), .customLong("public")], help: "The packs of the public index, except deprecated ones.")
    var publicIndex = false
    @Flag(name: [.customShort("u"), .customLong("updates")], help: "Installed packs with a newer version available.")
    var updates = false
    @Flag(name: [.customShort("d"), .customLong("deprecated")], help: "The deprecated packs of the public index.")
    var deprecated = false

    @Option(name: [.customShort("f"), .customLong("filter")], help: ArgumentHelp("Only packs whose ID contains these words (space-separated or repeated; all must match, any case).", valueName: "text"))
    var filter: [String] = []

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        let chosen = [cached, publicIndex, updates, deprecated].filter { $0 }.count
        if chosen > 1 && !(chosen == 2 && publicIndex && deprecated) {
            throw ValidationError("choose one of --cached, --public, --updates, --deprecated (only --public and --deprecated go together)")
        }
    }

    func run() throws {
        let scope: PackRootListing.Scope = publicIndex && deprecated ? .publicAndDeprecated
            : cached ? .cached : publicIndex ? .public : updates ? .updates : deprecated ? .deprecated : .installed
        let rows = PackRootListing(layout: root.layout).rows(scope, filter: filter)
        if let problem = PackRootInventory(layout: root.layout).registrationsProblem() {
            Terminal.warning("\(problem); the packs registered in it are not listed")
        }
        if json {
            Terminal.json(JSONValue.array(rows.map(\.json)))
            return
        }
        if rows.isEmpty {
            // Standard error, so that scripts reading the list still get an empty one.
            Terminal.note(emptyNote)
        }
        for row in rows {
            var text = "\(row.family.vendor)::\(row.family.name)@\(row.version)"
            switch row.state {
            case "local": text += " (local: \(row.path ?? ""))"
            case "cached", "public":
                if row.installed { text += " (installed)" } else if row.cached { text += " (cached)" }
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

extension PackListCommand {
    private var emptyNote: String {
        let where_ = root.layout.root
        let filtered = filter.isEmpty ? "" : " matching '\(filter.joined(separator: " "))'"
        if cached { return "no pack archives\(filtered) in \(where_)/.Download" }
        if updates { return "no installed pack\(filtered) has a newer version in the index of \(where_)" }
        if publicIndex || deprecated {
            return "the index of \(where_) lists no such packs\(filtered) (pack update-index refreshes it; pack init URL follows another index)"
        }
        return "no packs\(filtered) are installed in \(where_) (pack add Vendor::Name installs one; pack list --public shows what the index offers)"
    }
}

struct PackListRequiredCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "required",
        abstract: "List the packs installed packs require, and whether each is installed."
    )

    @OptionGroup var root: PackRootOptions

    func run() throws {
        for row in PackRootListing(layout: root.layout).requirements() {
            let needs = row.requirements.map { "\($0.text) (\($0.installed ? "installed" : "missing"))" }
            Terminal.print("\(row.pack) - " + needs.joined(separator: " "))
        }
    }
}
