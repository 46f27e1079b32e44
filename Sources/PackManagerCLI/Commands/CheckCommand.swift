import ArgumentParser
import CMSISPack
import PackCheck
import OwnedFiles
import Foundation
import PackCache

/// `pack-manager check`: packchk's checks and options, with ours beside them.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a pack before publishing it, as packchk does: schema, names, releases, devices, files, boards, components.",
        discussion: """
            Takes .pdsc files, .pack files (read in place) and folders (an unpacked pack, or a folder of \
            descriptions: each .pdsc at its top). A .pdsc is checked against the files beside it when it is \
            the only description in its folder. Validates against PACK.xsd from --schema (--xsd), else \
            $CMSIS_PACK_SCHEMA, else the newest ARM.CMSIS pack in the pack root ($CMSIS_PACK_ROOT, else \
            $CPACKGET_DEFAULT_MODE_PATH, else $XDG_CACHE_HOME/arm/packs, else ~/.cache/arm/packs); without one, schema validation is skipped with a note. Prints \
            file:line: severity: [ID/packchk ID] message for each finding. packchk's options are accepted as \
            packchk spells them. With --online, what publishing requires is checked against the real URLs too: the \
            description at <url>, every release's archive (HEAD requests), a rehosted pack at its old and new URL, a \
            deprecated pack's replacement (PM120-PM132; the download options apply). Exit status 0 when no errors \
            remain, 1 otherwise (usage errors included, as packchk).
            """
    )

    @Argument(help: ArgumentHelp(".pdsc files, .pack files, or folders.", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.customLong("schema"), .customShort("s"), .customLong("xsd")],
            help: ArgumentHelp("The XML schema to validate against (PACK.xsd).", valueName: "file"))
    var schema: String?

    @Flag(name: .customLong("disable-validation"), help: "Skip the validation against PACK.xsd.")
    var disableValidation = false

    @Option(name: [.customShort("i"), .customLong("include")],
            help: ArgumentHelp("A pack description the checked packs refer to (devices, boards, components, requirements); repeatable.", valueName: "file"))
    var references: [String] = []

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Leave out findings with this id (PM…, or packchk's M…), errors included; repeatable, or comma-separated.", valueName: "id"))
    var suppress: [String] = []

    @Option(name: [.customShort("x"), .customLong("diag-suppress")], parsing: .upToNextOption,
            help: ArgumentHelp("packchk's suppression: leave out warnings and infos with this id (errors too with --allow-suppress-error); !ID lists only that id.", valueName: "id"))
    var packchkSuppress: [String] = []

    @Flag(name: .customLong("allow-suppress-error"), help: "Let -x leave out errors.")
    var allowSuppressError = false

    @Option(name: [.customShort("w", allowingJoined: true), .customLong("warning")],
            help: ArgumentHelp("The findings to list: 0 errors, 1 or 2 warnings too, 3 or all infos too (default).", valueName: "level"))
    var warningLevel: String?

    @Flag(name: [.customLong("warnings-as-errors"), .customLong("pedantic")], help: "Count warnings as errors.")
    var warningsAsErrors = false

    @Option(name: [.customShort("u"), .customLong("url")], help: ArgumentHelp("The URL the description's <url> must match.", valueName: "url"))
    var url: String?

    @Option(name: [.customShort("n"), .customLong("name")],
            help: ArgumentHelp("Write the pack's standard file name (<vendor>.<name>.<version>.pack) to this file.", valueName: "file"))
    var nameFile: String?

    @Option(name: [.customShort("b"), .customLong("log")], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var logFile: String?

    @Flag(name: .customLong("ignore-other-pdsc"), help: "No error for a pack holding several .pdsc files.")
    var ignoreOtherDescriptions = false

    @Flag(name: .customLong("no-file-lookup"),
          help: "A .pdsc whose folder holds none of the files it names is checked alone: no PM401 for each file (packchk reports M323).")
    var noFileLookup = false

    @Flag(name: .customLong("per-element"),
          help: "Report a problem devices inherit once per element, with the number of devices, not once per device as packchk; no per-device startup check (PM614–PM618).")
    var perElement = false

    @Flag(help: "Also check the published files at <url>: the description, every release's archive, a rehost, a deprecated pack's replacement.")
    var online = false

    @Option(name: .customLong("rehosted-from"), help: ArgumentHelp("With --online: the <url> the pack was published at before it moved; the rehosting rules are checked.", valueName: "url"))
    var rehostedFrom: String?

    @OptionGroup(title: "Download options (with --online)") var network: NetworkOptions

    @Flag(name: .customShort("V"), help: "Print the version and exit, as packchk's -V (and --version) do.")
    var printVersionShort = false
    // The long spelling prints packchk's form too; hidden, as the built-in --version already has a line in --help.
    @Flag(name: .customLong("version"), help: .hidden)
    var printVersionLong = false
    var printVersion: Bool { printVersionShort || printVersionLong }

    /// packchk's exit status for every failure, usage errors included.
    static let usageErrorStatus: Int32 = 1

    /// packchk's `-x M334 M324 M362 file.pdsc`: what follows -x is an id
    /// when it looks like one, else a path.
    var inputs: [String] { paths + FindingFilter.packchkArguments(packchkSuppress).paths }

    func filter() throws -> FindingFilter {
        var filter = FindingFilter()
        do {
            filter.suppress = try FindingFilter.ids(suppress)
            let packchk = try FindingFilter.packchkIDs(FindingFilter.packchkArguments(packchkSuppress).ids)
            filter.packchkSuppress = packchk.suppress
            filter.showOnly = packchk.showOnly
        } catch {
            throw ValidationError("--suppress/-x: \(error.description)")
        }
        filter.allowSuppressError = allowSuppressError
        filter.warningsAsErrors = warningsAsErrors
        guard let lowest = FindingFilter.lowestListed(forLevel: warningLevel) else {
            throw ValidationError("-w: '\(warningLevel?.lowercased() ?? "")' is not 0, 1, 2, 3 or all")
        }
        filter.lowestListed = lowest
        return filter
    }

    func validate() throws {
        if printVersion { return }
        guard !inputs.isEmpty else { throw ValidationError("give a .pdsc file, a .pack file or a folder to check") }
        for path in inputs + references where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no such file or folder: \(path)")
        }
        if rehostedFrom != nil && !online { throw ValidationError("--rehosted-from goes with --online") }
        if !disableValidation, let schema, !FileManager.default.isReadableFile(atPath: schema) {
            throw ValidationError("--schema: no such readable file: \(schema)")
        }
        _ = try filter()
    }

    func run() async throws {
        if printVersion {
            Terminal.print("pack-manager \(PackManagerVersion.current)")
            return
        }
        var options = try SchemaChoice.options(schema: schema, disabled: disableValidation)
        if !references.isEmpty {
            do {
                options.references = try PackCatalog.reading(references)
                options.hasReferences = true
            } catch {
                throw ValidationError("-i: \(error.description)")
            }
        }
        options.urlReference = url
        options.ignoreOtherDescriptions = ignoreOtherDescriptions
        options.lookUpAbsentFiles = !noFileLookup
        options.findingPerDevice = !perElement
        let filter = try filter()
        var reports = PackChecker.check(paths: inputs, options: options)
        if online {
            reports = try await withFetcher(network, quiet: true) { fetcher, _ in
                var checked: [CheckReport] = []
                for var report in reports {
                    report.addOnlineFindings(await OnlineCheck(fetcher: fetcher).check(report, rehostedFrom: rehostedFrom))
                    checked.append(report)
                }
                return checked
            }
        }
        reports = reports.map { $0.applying(filter) }
        try write(CheckOutput.render(reports, json: json))
        if let nameFile {
            let names = reports.compactMap(\.packFileName)
            try OutputFile.check(nameFile, holds: .packFileNames)
            try OutputFile.write(Array(names.map { $0 + "\n" }.joined().utf8), to: nameFile)
        }
        if !reports.allSatisfy(\.passed) { throw ExitCode(1) }
    }

    private func write(_ text: String) throws {
        if let logFile {
            try OutputFile.check(logFile, holds: .checkLog)
            try OutputFile.write(Array(text.utf8), to: logFile)
        } else {
            Terminal.write(Array(text.utf8))
        }
    }
}
