import ArgumentParser
import CMSISPack
import PackCache

struct PackRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove installed packs (every version, or the ones named) or local registrations.",
        discussion: "Vendor::Name removes every installed version; Vendor::Name@1.2.3 or Vendor.Name.1.2.3 one; path/to/Vendor.Name.pdsc a local registration (so do the other forms, when the registered description has that version). With --purge, downloaded copies go too, also of versions that are only cached."
    )

    @OptionGroup var root: PackRootOptions
    @OptionGroup var signal: ChangeSignalOptions

    @Flag(name: [.customShort("p"), .customLong("purge")], help: "Also delete the downloaded archives and descriptions in .Download (and .Local).")
    var purge = false

    @Argument(help: ArgumentHelp("Packs to remove.", valueName: "pack"))
    var packs: [PackSpecifier]

    func run() throws {
        let lock = try root.lock(create: false)
        defer { lock.release() }
        var failed = false
        var changed = false
        for specifier in packs {
            do {
                let report = try PackRemover(root: try root.claimed(create: false)).remove(specifier, purge: purge)
                for reference in report.removed { Terminal.print("removed \(reference.packID)") }
                for family in report.unregistered { Terminal.print("unregistered \(family.vendor)::\(family.name)") }
                if purge { for file in report.purgedFiles { Terminal.print("deleted \(file)") } }
                for failure in report.failures { Terminal.error(failure) }
                if !report.failures.isEmpty { failed = true }
                changed = true
            } catch {
                Terminal.error("\(error)")
                failed = true
            }
        }
        if changed {
            root.syncIndex()
            signal.touch(root)
        }
        if failed { throw ExitCode(1) }
    }
}
