import ArgumentParser
import CMSISPack
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a pack before publishing it: schema, names, releases, devices, files, boards, conditions.",
        discussion: """
            Takes a .pdsc file (paths are checked as written; files are not looked up), a .pack \
            file (read in place), or the folder of an unpacked pack. Validates against PACK.xsd \
            from --schema, else $CMSIS_PACK_SCHEMA, else the newest ARM.CMSIS pack under \
            $CMSIS_PACK_ROOT (default ~/.cache/arm/packs); without one, schema validation is \
            skipped with a note. Prints file:line: severity: [ID] message for each finding. \
            Exit status 0 when no errors remain, 1 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("A .pdsc file, a .pack file, or the folder of an unpacked pack.", valueName: "path"))
    var path: String

    @Option(help: ArgumentHelp("The XML schema to validate against (PACK.xsd).", valueName: "file"))
    var schema: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Leave out findings with this id (PM…, or packchk's M…); repeatable, or comma-separated.", valueName: "id"))
    var suppress: [String] = []

    @Flag(help: "Count warnings as errors.")
    var warningsAsErrors = false

    var suppressedIDs: Set<String> { Self.ids(suppress) }

    /// `--suppress` values: repeatable, comma-separated, any case.
    static func ids(_ values: [String]) -> Set<String> {
        Set(values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
    }

    func validate() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no such file or folder: \(path)")
        }
        if let schema, !FileManager.default.isReadableFile(atPath: schema) {
            throw ValidationError("--schema: no such readable file: \(schema)")
        }
        let known = Set(CheckRule.all.map(\.id) + CheckRule.all.compactMap(\.packchk))
        if let unknown = suppressedIDs.sorted().first(where: { !known.contains($0) }) {
            throw ValidationError("--suppress: unknown id '\(unknown)' (see the table in README, or the ids in the output)")
        }
    }

    func run() throws {
        let options = try SchemaChoice.options(schema: schema)
        let report = PackChecker.check(path: path, options: options)
            .applying(suppress: suppressedIDs, warningsAsErrors: warningsAsErrors)
        if json {
            Terminal.write(report.json.serialized())
        } else {
            report.findings.forEach { Terminal.print($0.description) }
            let schemaNote = report.schemaPath.map { "validated against \($0)" } ?? "schema validation skipped"
            Terminal.print("\(report.input): \(report.summary); \(schemaNote)")
        }
        if !report.passed { throw ExitCode(1) }
    }
}

/// Which PACK.xsd `check` and `index build` validate against: the one given,
/// else $CMSIS_PACK_SCHEMA, else the newest ARM.CMSIS pack in the pack root;
/// without one, schema validation is skipped with a note.
enum SchemaChoice {
    static func options(schema: String?) throws -> PackCheckOptions {
        var options = PackCheckOptions()
        if let schema {
            do {
                options.schema = try SchemaValidator(path: schema)
            } catch {
                throw ValidationError("--schema: \(error.description)")
            }
            return options
        }
        let found = SchemaLocator.find(explicit: nil, environment: ProcessInfo.processInfo.environment)
        if let path = found.path {
            do {
                options.schema = try SchemaValidator(path: path)
            } catch {
                options.schemaSkipReason = "schema validation skipped: \(error.description)"
            }
        } else {
            options.schemaSkipReason = "schema validation skipped: no PACK.xsd found (looked for "
                + found.searched.joined(separator: ", ") + "); give one with --schema or $\(SchemaLocator.schemaVariable)"
        }
        return options
    }
}
