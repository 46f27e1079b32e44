import ArgumentParser
import CMSISPack
import PackCache

struct DumpPartsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-parts",
        abstract: "Write a folder with an index.json of the matching devices and their flash algorithm files.",
        discussion: "Names match as in find-part, but any word is enough unless --and is given (as in the reference). Flash algorithms come from the cached packs (`cache devices` downloads them)."
    )

    @OptionGroup var options: LocationOptions
    @OptionGroup var match: MatchOptions

    @Argument(help: ArgumentHelp("Folder to write.", valueName: "out"))
    var out: String

    @Argument(help: ArgumentHelp("Words naming the devices.", valueName: "part"))
    var parts: [String]

    func run() throws {
        let locations = options.locations
        let index = try loadIndex(options)
        let names = NameMatcher(terms: parts, mode: match.mode(default: .any)).filter(index.devices.keys)
        // Nothing is written when nothing matches: an empty folder would look like a result.
        if names.isEmpty {
            Terminal.error("no device matches \(parts.joined(separator: " ")); nothing written to \(out)")
            throw ExitCode(1)
        }
        let report = try PartDump.dump(names, from: index, locations: locations, to: out)
        if options.verbose {
            for file in report.algorithmFiles { Terminal.print("wrote \(out)/\(file)") }
        }
        Terminal.print("\(report.devices.count) device\(report.devices.count == 1 ? "" : "s") and \(report.algorithmFiles.count) flash algorithm\(report.algorithmFiles.count == 1 ? "" : "s") written to \(out)")
        report.problems.forEach { Terminal.warning($0) }
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}
