import CMSISPack
import Foundation

/// The inputs `check` takes, and which files each one's description is
/// checked against:
///
/// - a `.pack`: read in place, against its members;
/// - a `.pdsc`: against the files of its folder when it is the only
///   description there (as packchk does), unless none of the files it names
///   is there (a description alone, not an unpacked pack); alone otherwise;
/// - a folder: each `.pdsc` at its top, as above (the folder of an unpacked
///   pack, or a folder of descriptions such as the cache's).
extension PackChecker {
    /// One report per description the inputs hold, in order.
    public static func check(paths: [String], options: PackCheckOptions) -> [CheckReport] {
        paths.flatMap { reports(for: $0, options: options) }
    }

    /// The report of one input; for a folder of several descriptions, the first.
    public static func check(path: String, options: PackCheckOptions) -> CheckReport {
        reports(for: path, options: options)[0]
    }

    /// Every report of one input (several for a folder of descriptions).
    public static func reports(for path: String, options: PackCheckOptions) -> [CheckReport] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return [report(path, .pdsc, description: path, options,
                           Outcome(findings: [CheckRule.unreadable.finding(file: path, line: nil, "no such file or folder")], filesChecked: false))]
        }
        if isDirectory.boolValue { return checkDirectory(path, options: options) }
        if isArchive(path) { return [checkArchive(path, options: options)] }
        let folder = (path as NSString).deletingLastPathComponent
        let others = descriptions(in: folder.isEmpty ? "." : folder).filter { $0 != (path as NSString).lastPathComponent }
        return [checkFile(path, input: path, kind: .pdsc, others: others, options: options)]
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

    /// The `.pdsc` files at the top of a folder, by name.
    private static func descriptions(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.lowercased().hasSuffix(".pdsc") }.sorted()
    }

    private static func checkArchive(_ path: String, options: PackCheckOptions) -> CheckReport {
        let archive: PackArchive
        let member: String
        do {
            archive = try PackArchive(path: path)
            member = try archive.descriptionMemberPath()
        } catch {
            return report(path, .pack, description: path, options,
                          Outcome(findings: [CheckRule.unreadable.finding(file: path, line: nil, error.reason)], filesChecked: false))
        }
        let source = "\(path)!/\(member)"
        let base = (member as NSString).deletingLastPathComponent
        let members = archive.memberPaths
        var outcome: Outcome
        do {
            let bytes = try archive.read(member: member)
            outcome = check(bytes: bytes, source: source, fileName: (member as NSString).lastPathComponent,
                            packFileName: (path as NSString).lastPathComponent,
                            files: PackFileTree(members: members, base: base), options: options)
        } catch {
            outcome = Outcome(findings: [CheckRule.unreadable.finding(file: source, line: nil, error.reason)], filesChecked: false)
        }
        let siblings = members.filter { $0.lowercased().hasSuffix(".pdsc") && ($0 as NSString).deletingLastPathComponent == base }
        if siblings.count > 1 && !options.ignoreOtherDescriptions {
            outcome.findings.insert(CheckRule.severalDescriptions.finding(
                file: path, line: nil, "the pack holds \(siblings.count) .pdsc files beside each other (\(siblings.joined(separator: ", "))); it may hold one"), at: 0)
        }
        return report(path, .pack, description: source, options, outcome)
    }

    private static func checkDirectory(_ path: String, options: PackCheckOptions) -> [CheckReport] {
        let found = descriptions(in: path)
        guard !found.isEmpty else {
            return [report(path, .directory, description: path, options, Outcome(findings: [CheckRule.unreadable.finding(
                file: path, line: nil, "the folder holds no .pdsc file at its top: neither an unpacked pack nor a folder of descriptions")],
                filesChecked: false))]
        }
        // One description: an unpacked pack, whose missing files are findings.
        return found.map { name in
            checkFile((path as NSString).appendingPathComponent(name), input: path, kind: .directory,
                      others: found.filter { $0 != name }, filesMayBeAbsent: found.count > 1, options: options)
        }
    }

    /// A `.pdsc` on disk: with the files of its folder when it is the only
    /// description there.
    private static func checkFile(_ file: String, input: String, kind: CheckReport.InputKind, others: [String],
                                  filesMayBeAbsent: Bool = true, options: PackCheckOptions) -> CheckReport {
        let name = (file as NSString).lastPathComponent
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file)
        } catch {
            return report(input, kind, description: file, options,
                          Outcome(findings: [CheckRule.unreadable.finding(file: file, line: nil, error.description)], filesChecked: false))
        }
        let folder = (file as NSString).deletingLastPathComponent
        let files = others.isEmpty ? PackFileTree(directory: folder.isEmpty ? "." : folder) : nil
        let outcome = check(bytes: bytes, source: file, fileName: name, files: files, filesMayBeAbsent: filesMayBeAbsent, options: options)
        return report(input, kind, description: file, options, outcome)
    }

    static func report(_ input: String, _ kind: CheckReport.InputKind, description: String, _ options: PackCheckOptions,
                       _ outcome: Outcome) -> CheckReport {
        var report = CheckReport(input: input, kind: kind, descriptionPath: description, schemaPath: options.schema?.path,
                                 findings: outcome.findings)
        report.filesChecked = outcome.filesChecked
        report.packFileName = outcome.pack.flatMap(\.standardPackFileName)
        return report
    }
}

extension PackChecker.Outcome {
    init(findings: [Finding], filesChecked: Bool) {
        self.init(findings: findings, pack: nil, filesChecked: filesChecked)
    }
}

extension PackDescription {
    /// `<vendor>.<name>.<version>.pack` with the newest release (the first
    /// listed), the name packchk's `-n` writes; nil without a release.
    public var standardPackFileName: String? {
        guard let version = releases.first?.version, !version.isEmpty, !vendor.isEmpty, !name.isEmpty else { return nil }
        return "\(vendor).\(name).\(version).pack"
    }
}
