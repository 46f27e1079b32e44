import ArgumentParser
import PackCache

struct AddPacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-packs",
        abstract: "Add pack descriptions (.pdsc), packs (.pack) or folders of them to the device index.",
        discussion: "Devices already in the index stay. Files that cannot be read are reported with file, line and column; the others are still added, and the exit status is 1."
    )

    @OptionGroup var options: LocationOptions

    @Argument(help: ArgumentHelp("Pack description files, pack files or folders.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let report = try IndexUpdate.addPacks(paths, locations: options.locations)
        Terminal.warnings(report.warnings, verbose: options.verbose)
        report.failures.forEach(Terminal.diagnostic)
        if options.verbose {
            for pack in report.added {
                Terminal.print("added \(pack.vendor).\(pack.pack) \(pack.version): \(pack.devices.count) devices, \(pack.boards.count) boards")
            }
            Terminal.print("index: \(report.deviceCount) devices, \(report.boardCount) boards in \(options.locations.jsonPath)")
        }
        if !report.failures.isEmpty {
            Terminal.error("\(report.failures.count) of \(report.failures.count + report.added.count) inputs could not be added")
            throw ExitCode(1)
        }
    }
}
