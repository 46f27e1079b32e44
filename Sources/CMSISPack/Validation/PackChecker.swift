import Foundation

/// Validates a pack before publication, as Arm's `packchk` does: schema
/// validation against PACK.xsd, then checks of names, releases, devices,
/// files, boards, conditions, parts and requirements, each finding with a
/// stable id (see `CheckRule`).
///
/// ```swift
/// let schema = try SchemaValidator(path: "PACK.xsd")
/// let report = PackChecker.check(path: "MyVendor.MyPack.1.0.0.pack", options: .init(schema: schema))
/// report.findings.forEach { print($0) }   // "…!/MyVendor.MyPack.pdsc:12: error: [PM401] flash algorithm 'Flash/A.FLM' is not in the pack"
/// report.passed                           // false when any error remains
/// ```
///
/// A `.pdsc` alone is checked without its files (only how paths are
/// written); a `.pack`, or the folder of an unpacked pack, also has every
/// referenced file looked up.
public enum PackChecker {
    public static func check(path: String, options: PackCheckOptions) -> CheckReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return report(path, .pdsc, description: path, options,
                          [CheckRule.unreadable.finding(file: path, line: nil, "no such file or folder")])
        }
        if isDirectory.boolValue { return checkDirectory(path, options: options) }
        if isArchive(path) { return checkArchive(path, options: options) }
        let findings: [Finding]
        do {
            let bytes = try FileBytes.read(path)
            findings = checkDescription(bytes: bytes, source: path, fileName: (path as NSString).lastPathComponent, options: options)
        } catch {
            findings = [CheckRule.unreadable.finding(file: path, line: nil, error.description)]
        }
        return report(path, .pdsc, description: path, options, findings)
    }

    /// Checks one description's bytes. `files` are the pack's files seen
    /// from the folder of the `.pdsc`; nil skips the existence checks.
    public static func checkDescription(bytes: [UInt8], source: String, fileName: String, packFileName: String? = nil,
                                        files: PackFileTree? = nil, options: PackCheckOptions) -> [Finding] {
        var log = FindingLog(file: source)
        let root: XMLElement
        do {
            root = try XMLDocumentReader.parse(bytes, name: source)
        } catch {
            log.add(.unreadable, line: error.line, error.column > 0 ? "\(error.reason) (column \(error.column))" : error.reason)
            return log.findings
        }
        if let schema = options.schema {
            for problem in schema.validate(bytes, name: source) {
                log.add(Finding(rule: .schemaViolation, severity: problem.isError ? nil : .warning, file: source,
                                line: problem.line, message: Self.shortened(problem.message)))
            }
        } else {
            log.add(.schemaSkipped, line: nil, options.schemaSkipReason ?? "schema validation skipped: no PACK.xsd given")
        }
        var decoder = PackDescriptionDecoder(source: source)
        let pack: PackDescription
        do {
            pack = try decoder.decode(root, source: source)
        } catch {
            log.add(.unreadable, line: error.line, error.reason)
            return sorted(log.findings)
        }
        let context = CheckContext(root: root, pack: pack, fileName: fileName, packFileName: packFileName, files: files, today: options.today,
                                   devices: pack.devices.effectiveDevices())
        let groups: [CheckGroup.Type] = [
            HeaderChecks.self, ReleaseChecks.self, DeviceChecks.self, MemoryLayoutChecks.self, FileChecks.self,
            BoardChecks.self, ConditionChecks.self, PartChecks.self, RequirementChecks.self,
        ]
        for group in groups { group.run(context, into: &log) }
        // The reader's own warnings, unless a check or the schema already
        // says something (more precise) about that line.
        let covered = Set(log.findings.compactMap(\.line))
        for diagnostic in decoder.diagnostics where !covered.contains(diagnostic.line ?? -1) {
            let severity: CheckSeverity = diagnostic.severity == .error ? .error : diagnostic.severity == .warning ? .warning : .info
            log.add(Finding(rule: .readerWarning, severity: severity, file: source, line: diagnostic.line, message: diagnostic.message))
        }
        return sorted(log.findings)
    }

    // MARK: Inputs

    private static func isArchive(_ path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".pack") || lowered.hasSuffix(".zip") { return true }
        if lowered.hasSuffix(".pdsc") { return false }
        // Otherwise by content: a zip starts with "PK\3\4".
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    private static func checkArchive(_ path: String, options: PackCheckOptions) -> CheckReport {
        let archive: PackArchive
        let member: String
        do {
            archive = try PackArchive(path: path)
            member = try archive.descriptionMemberPath()
        } catch {
            return report(path, .pack, description: path, options, [CheckRule.unreadable.finding(file: path, line: nil, error.reason)])
        }
        let source = "\(path)!/\(member)"
        let base = (member as NSString).deletingLastPathComponent
        let members = archive.memberPaths
        var findings: [Finding]
        do {
            let bytes = try archive.read(member: member)
            findings = checkDescription(bytes: bytes, source: source, fileName: (member as NSString).lastPathComponent,
                                        packFileName: (path as NSString).lastPathComponent,
                                        files: PackFileTree(members: members, base: base), options: options)
        } catch {
            findings = [CheckRule.unreadable.finding(file: source, line: nil, error.reason)]
        }
        let siblings = members.filter { $0.lowercased().hasSuffix(".pdsc") && ($0 as NSString).deletingLastPathComponent == base }
        if siblings.count > 1 {
            findings.insert(CheckRule.severalDescriptions.finding(
                file: path, line: nil, "the pack holds \(siblings.count) .pdsc files beside each other (\(siblings.joined(separator: ", "))); it may hold one"), at: 0)
        }
        return report(path, .pack, description: source, options, findings)
    }

    private static func checkDirectory(_ path: String, options: PackCheckOptions) -> CheckReport {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let descriptions = entries.filter { $0.lowercased().hasSuffix(".pdsc") }
        guard let first = descriptions.first else {
            return report(path, .directory, description: path, options,
                          [CheckRule.unreadable.finding(file: path, line: nil, "the folder holds no .pdsc file at its top, so it is not an unpacked pack")])
        }
        let file = (path as NSString).appendingPathComponent(first)
        var findings: [Finding]
        do {
            let bytes = try FileBytes.read(file)
            findings = checkDescription(bytes: bytes, source: file, fileName: first, files: PackFileTree(directory: path), options: options)
        } catch {
            findings = [CheckRule.unreadable.finding(file: file, line: nil, error.description)]
        }
        if descriptions.count > 1 {
            findings.insert(CheckRule.severalDescriptions.finding(
                file: path, line: nil, "the folder holds \(descriptions.count) .pdsc files (\(descriptions.joined(separator: ", "))); a pack holds one, \(first) was checked"), at: 0)
        }
        return report(path, .directory, description: file, options, findings)
    }

    private static func report(_ input: String, _ kind: CheckReport.InputKind, description: String, _ options: PackCheckOptions,
                               _ findings: [Finding]) -> CheckReport {
        CheckReport(input: input, kind: kind, descriptionPath: description, schemaPath: options.schema?.path, findings: findings)
    }

    /// File-level findings first, then by line; one line's findings in rule order.
    private static func sorted(_ findings: [Finding]) -> [Finding] {
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
    public var schemaSkipReason: String?
    public var today: CalendarDate

    public init(schema: SchemaValidator? = nil, schemaSkipReason: String? = nil, today: CalendarDate = .today()) {
        self.schema = schema
        self.schemaSkipReason = schemaSkipReason
        self.today = today
    }
}
