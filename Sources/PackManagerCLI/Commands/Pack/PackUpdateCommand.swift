import ArgumentParser
import CMSISPack
import PackCache

struct PackUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Install the newest version of installed packs (all, or the ones named).",
        discussion: "Older versions stay installed. Deprecated packs are skipped, with their replacement named, unless --include-deprecated. Run `pack update-index` first to learn of new versions."
    )

    @OptionGroup var root: PackRootOptions
    @OptionGroup var network: NetworkOptions

    @OptionGroup var install: InstallOptions
    @OptionGroup var signal: ChangeSignalOptions

    @Option(name: [.customShort("f"), .customLong("packs-list-filename")], help: ArgumentHelp("A file with one pack (Vendor::Name) per line.", valueName: "file"))
    var listFile: String?

    @Flag(name: .customLong("include-deprecated"), help: "Update deprecated packs too.")
    var includeDeprecated = false

    @Argument(help: ArgumentHelp("Packs to update (Vendor::Name); default every installed pack.", valueName: "pack"))
    var packs: [PackSpecifier] = []

    func run() async throws {
        let layout = root.layout
        var packs = packs
        if let listFile {
            guard let text = try? String(contentsOfFile: listFile, encoding: .utf8) else {
                Terminal.error("\(listFile): cannot read the list of packs")
                throw ExitCode(1)
            }
            let entries = ListFile.entries(text)
            // cpackget: a list naming nothing is nothing to do (not "update everything").
            if entries.isEmpty && packs.isEmpty { return }
            for entry in entries {
                guard let specifier = try? PackSpecifier(entry) else {
                    Terminal.error("\(entry): not a pack (Vendor::Name)")
                    throw ExitCode(2)
                }
                packs.append(specifier)
            }
        }
        let lock = try root.lock()
        defer { lock.release() }
        var wanted = Set<PackFamily>()
        for specifier in packs {
            guard case .named(let family, _) = specifier else {
                Terminal.error("\(specifier): name an installed pack (Vendor::Name)")
                throw ExitCode(2)
            }
            wanted.insert(family)
        }
        let plan = PackRootListing(layout: layout).updatePlan(for: wanted, includeDeprecated: includeDeprecated)
        for skipped in plan.skippedDeprecated {
            Terminal.note("\(skipped.family) is deprecated since \(skipped.since); skipped" + (skipped.replacement.map { " (its replacement is \($0))" } ?? "") + "; --include-deprecated updates it anyway")
        }
        for family in plan.notInstalled {
            Terminal.error("\(family.vendor)::\(family.name) is not installed")
        }
        let specifiers = plan.updates
        guard !specifiers.isEmpty else {
            Terminal.print("Everything is up to date.")
            return
        }
        try await install.run(specifiers, root: root, network: network, signal: signal)
    }
}
