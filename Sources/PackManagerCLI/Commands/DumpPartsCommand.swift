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
        guard report.wrote else {
            // Nothing is written when a pack is missing: a folder without its flash algorithms would look complete.
            for missing in report.missingPacks {
                Terminal.error("pack \(missing.pack) is not in the cache (\(missing.path)); "
                    + "its flash algorithms are needed by \(Self.named(missing.devices))")
            }
            let devices = report.missingPacks.map { $0.devices[0] }
            Terminal.error("nothing written to \(out): \(report.missingPacks.count == 1 ? "a pack is" : "\(report.missingPacks.count) packs are") not in the cache")
            let command = "pack-manager cache devices \(Self.shown(devices))" + (options.dataPath.map { " --data-path \($0)" } ?? "")
                + (options.jsonPath.map { " --json-path \($0)" } ?? "")
            Terminal.note("download \(report.missingPacks.count == 1 ? "it" : "them") with `\(command)`, then run dump-parts again")
            throw ExitCode(1)
        }
        if options.verbose {
            for file in report.algorithmFiles { Terminal.print("wrote \(out)/\(file)") }
        }
        for name in report.withoutAlgorithms { Terminal.warning("\(name) has no flash algorithm") }
        let devices = "\(report.devices.count) device\(report.devices.count == 1 ? "" : "s")"
        guard !report.problems.isEmpty else {
            let algorithms = "\(report.algorithmFiles.count) flash algorithm\(report.algorithmFiles.count == 1 ? "" : "s")"
            Terminal.print("\(devices) and \(algorithms) written to \(out)")
            return
        }
        report.problems.forEach { Terminal.error($0) }
        Terminal.print("partly written to \(out): index.json with \(devices), \(report.algorithmFiles.count) of \(report.algorithmsWanted) "
            + "flash algorithm\(report.algorithmsWanted == 1 ? "" : "s") (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") above)")
        throw ExitCode(1)
    }

    /// Device names for a sentence: all of a few, the first of many.
    static func named(_ devices: [String]) -> String {
        devices.count <= 3 ? devices.joined(separator: ", ") : devices.prefix(3).joined(separator: ", ") + " and \(devices.count - 3) more"
    }

    /// Device names for a command line: one per pack is enough, as `cache devices` downloads a device's pack.
    static func shown(_ devices: [String]) -> String {
        devices.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
