/// Paths the description names: how they are written (always), and whether
/// they exist in the pack with exactly that case (when the pack's files are
/// at hand: a `.pack` or an unpacked folder).
///
/// Each distinct path is reported once, at its first use, with how often
/// it is named: a family's flash algorithm is often named by every device.
/// A document inside an example folder that is already reported is not
/// reported again.
enum FileChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let references = FileReference.all(in: context.pack)
        var writings: [String: Int] = [:]
        var paths: [String: Int] = [:]
        for reference in references {
            writings[reference.written, default: 0] += 1
            paths[reference.path, default: 0] += 1
        }
        var seenWritings = Set<String>()
        var seenPaths = Set<String>()
        var reportedPaths = Set<String>()
        for reference in references {
            if seenWritings.insert(reference.written).inserted {
                checkWriting(reference, times: times(writings[reference.written]!), into: &log)
            }
            if let parent = reference.parent, reportedPaths.contains(parent) { continue }
            if seenPaths.insert(reference.path).inserted,
               checkPath(reference, times: times(paths[reference.path]!), files: context.files, into: &log) {
                reportedPaths.insert(reference.path)
            }
        }
    }

    private static func times(_ count: Int) -> String { count > 1 ? " (named \(count) times)" : "" }

    /// How the attribute is written: separators, spaces, include paths.
    private static func checkWriting(_ reference: FileReference, times: String, into log: inout FindingLog) {
        let raw = reference.written
        let what = "\(reference.role) '\(raw)'"
        if raw.contains("\\") {
            log.add(.backslashPath, line: reference.line, "\(what) uses backslashes; write '/' (packs are used on Linux and macOS too)\(times)")
        }
        if raw.contains(" ") {
            log.add(.spaceInPath, line: reference.line, "\(what) contains spaces, which build tools handle badly\(times)")
        }
        if reference.expectation == .includeFolder && !(raw.hasSuffix("/") || raw.hasSuffix("\\")) {
            log.add(.includeWithoutSlash, line: reference.line, "include path '\(raw)' does not end with '/'\(times)")
        }
    }

    /// Where the path leads, and whether the pack has it. True when reported.
    private static func checkPath(_ reference: FileReference, times: String, files: PackFileTree?, into log: inout FindingLog) -> Bool {
        let what = "\(reference.role) '\(reference.path)'"
        let path: String
        switch PackPath.resolve(reference.path) {
        case .absolute:
            log.add(.pathOutsidePack, line: reference.line, "\(what) is absolute; paths are relative to the .pdsc file\(times)")
            return true
        case .outside:
            log.add(.pathOutsidePack, line: reference.line, "\(what) leads outside the pack\(times)")
            return true
        case .inside(let resolved):
            path = resolved
        }
        guard let files, !path.isEmpty else { return false }
        switch files.lookup(path) {
        case .file:
            guard reference.expectation == .includeFolder else { return false }
            log.add(.includeIsFile, line: reference.line, "include path '\(reference.path)' names a file; an include path is a folder\(times)")
        case .directory:
            return false
        case .differentCase(let actual, _):
            log.add(.fileCaseMismatch, line: reference.line,
                    "\(what) is in the pack only as '\(actual)'; names are case-sensitive on Linux\(times)")
        case .missing:
            log.add(.missingFile, line: reference.line, "\(what) is not in the pack\(times)")
        }
        return true
    }
}
