import CMSISPack
import Foundation

/// Validates a pack before publication, as Arm's `packchk` does: schema
/// validation against PACK.xsd, then checks of names, releases, devices,
/// files, boards, conditions, components, parts, requirements and licences,
/// each finding with a stable id (see `CheckRule`).
///
/// ```swift
/// let schema = try SchemaValidator(path: "PACK.xsd")
/// let report = PackChecker.check(path: "MyVendor.MyPack.1.0.0.pack", options: .init(schema: schema))
/// report.findings.forEach { print($0) }   // "…!/MyVendor.MyPack.pdsc:12: error: [PM401/M323] flash algorithm 'Flash/A.FLM' is not in the pack"
/// report.passed                           // false when any error remains
/// ```
///
/// Inputs (see `PackChecker+Inputs.swift`): a `.pack`, read in place; the
/// folder of an unpacked pack; a `.pdsc`, with the files beside it when it
/// is the only description in its folder; a folder of descriptions.
public enum PackChecker {
    /// What checking one description found, and whether its files were looked up.
    struct Outcome {
        var findings: [Finding]
        var pack: PackDescription?
        var filesChecked: Bool
    }

    /// Checks one description's bytes. `files` are the pack's files seen
    /// from the folder of the `.pdsc`; nil skips the existence checks.
    public static func checkDescription(bytes: [UInt8], source: String, fileName: String, packFileName: String? = nil,
                                        files: PackFileTree? = nil, options: PackCheckOptions) -> [Finding] {
        check(bytes: bytes, source: source, fileName: fileName, packFileName: packFileName, files: files, options: options).findings
    }

    /// `filesMayBeAbsent`: with `--no-file-lookup`, a `.pdsc` whose folder
    /// holds none of the files it names is a description alone, not an
    /// unpacked pack: its files are not looked up. By default they are, as
    /// packchk does, and each missing one is PM401.
    static func check(bytes: [UInt8], source: String, fileName: String, packFileName: String? = nil,
                      files: PackFileTree?, filesMayBeAbsent: Bool = false, options: PackCheckOptions) -> Outcome {
        var log = FindingLog(file: source)
        let root: XMLElement
        do {
            root = try XMLDocumentReader.parse(bytes, name: source)
        } catch {
            log.add(Finding(rule: .unreadable, file: source, line: error.line, column: error.column, message: error.reason))
            return Outcome(findings: log.findings, pack: nil, filesChecked: false)
        }
        if let schema = options.schema {
            for problem in schema.validate(bytes, name: source) {
                log.add(Finding(rule: .schemaViolation, severity: problem.isError ? nil : .warning, file: source,
                                line: problem.line, message: Self.shortened(problem.message), packchk: problem.isError ? "M511" : "M510"))
            }
        } else if let reason = options.schemaSkipReason {
            log.add(.schemaSkipped, line: nil, reason)
        }
        // The reader needs a vendor and a name; say which is missing, as packchk does.
        var headerMissing = false
        if root.name == "package" {
            for (element, rule) in [("vendor", CheckRule.missingVendor), ("name", .missingName)] where (root.child(element)?.text ?? "").isEmpty {
                log.add(rule, line: root.child(element)?.line ?? root.line, "<\(element)> of the package is missing or empty")
                headerMissing = true
            }
        }
        var decoder = PackDescriptionDecoder(source: source)
        let pack: PackDescription
        do {
            pack = try decoder.decode(root, source: source)
        } catch {
            if !headerMissing { log.add(.unreadable, line: error.line, error.reason) }
            return Outcome(findings: sorted(log.findings), pack: nil, filesChecked: false)
        }
        var files = files
        if filesMayBeAbsent, !options.lookUpAbsentFiles, let tree = files {
            let paths = FileReference.all(in: pack).compactMap { reference -> String? in
                if case .inside(let path) = PackPath.resolve(reference.path), !path.isEmpty { return path }
                return nil
            }
            if !paths.isEmpty, paths.allSatisfy({ tree.lookup($0) == .missing }) { files = nil }
        }
        var catalog = options.references
        catalog.add(pack)
        let context = CheckContext(root: root, pack: pack, fileName: fileName, packFileName: packFileName, files: files, today: options.today,
                                   devices: pack.devices.effectiveDevices(), catalog: catalog, hasReferences: options.hasReferences,
                                   urlReference: options.urlReference, findingPerDevice: options.findingPerDevice)
        let groups: [CheckGroup.Type] = [
            HeaderChecks.self, LinkChecks.self, ReleaseChecks.self, DeviceChecks.self, MemoryChecks.self,
            MemoryLayoutChecks.self, ProcessorChecks.self, DevicePropertyChecks.self, FileChecks.self, ComponentFileChecks.self,
            BoardChecks.self, ConditionChecks.self, ComponentChecks.self, PartChecks.self, RequirementChecks.self,
            LicenseChecks.self, TextChecks.self, CsolutionChecks.self, DeviceStartupChecks.self,
            ComponentResolutionChecks.self,
        ]
        for group in groups { group.run(context, into: &log) }
        // A date the schema already rejects is said once, by the schema, as packchk does.
        let schemaLines = Set(log.findings.filter { $0.rule == .schemaViolation && $0.severity == .error }.compactMap(\.line))
        log.removeAll { $0.rule == .invalidDate && schemaLines.contains($0.line ?? -1) }
        // The reader's own warnings, unless a check or the schema already
        // says something (more precise) about that line.
        let covered = Set(log.findings.compactMap(\.line))
        for diagnostic in decoder.diagnostics where !covered.contains(diagnostic.line ?? -1) {
            let severity: CheckSeverity = diagnostic.severity == .error ? .error : diagnostic.severity == .warning ? .warning : .info
            log.add(Finding(rule: .readerWarning, severity: severity, file: source, line: diagnostic.line, message: diagnostic.message))
        }
        return Outcome(findings: sorted(log.findings), pack: pack, filesChecked: files != nil)
    }

    /// File-level findings first, then by line; one line's findings in rule order.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        let order = Dictionary(uniqueKeysWithValues: CheckRule.all.enumerated().map { ($1.id, $0) })
        return findings.enumerated().sorted { a, b in
            let lineA = a.element.line ?? 0, lineB = b.element.line ?? 0
            if lineA != lineB { return lineA < lineB }
            let rankA = order[a.element.id] ?? 0, rankB = order[b.element.id] ?? 0
            return rankA != rankB ? rankA < rankB : a.offset < b.offset
        }.map(\.element)
    }

    /// libxml2 lists every allowed value of an enumeration (the vendor list
    /// has over a hundred); the schema is the place to read them.
    static func shortened(_ message: String) -> String {
        guard message.utf8.count > 300, let open = message.range(of: " is not an element of the set {") else { return message }
        return message[..<open.upperBound] + "…} (the values PACK.xsd allows)."
    }
}

/// How `PackChecker` runs: with which schema (nil skips schema validation,
/// and says why), and which day counts as today for release dates.
public struct PackCheckOptions: Sendable {
    public var schema: SchemaValidator?
    /// Why schema validation is skipped (the PM003 note); nil with no schema
    /// means it was turned off on purpose (`--disable-validation`), without a note.
    public var schemaSkipReason: String?
    public var today: CalendarDate
    /// The packs given with `-i`.
    public var references: PackCatalog
    public var hasReferences: Bool
    /// `-u`: the URL the description's `<url>` must start with.
    public var urlReference: String?
    /// packchk's `--ignore-other-pdsc`: no PM005 for a pack with several descriptions.
    public var ignoreOtherDescriptions = false
    /// False with `--no-file-lookup`: a description whose folder holds none
    /// of its files is checked alone, without PM401 for each file.
    public var lookUpAbsentFiles = true
    /// False with `--per-element`: a problem every device of a family
    /// inherits is one finding per element, not one per device as packchk.
    public var findingPerDevice = true

    public init(schema: SchemaValidator? = nil, schemaSkipReason: String? = "schema validation skipped: no PACK.xsd given",
                today: CalendarDate = .today(), references: PackCatalog? = nil, urlReference: String? = nil) {
        self.schema = schema
        self.schemaSkipReason = schemaSkipReason
        self.today = today
        self.references = references ?? PackCatalog()
        self.hasReferences = references != nil
        self.urlReference = urlReference
    }
}
