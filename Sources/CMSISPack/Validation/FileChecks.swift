/// Paths the description names: how they are written (always), and whether
/// they exist in the pack with exactly that case (when the pack's files are
/// at hand: a `.pack` or an unpacked folder).
///
/// Each use of a path is reported, as packchk does: every line that names a
/// missing file is a line to fix. A document inside an example folder that
/// is already reported missing is not reported again.
enum FileChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        var reportedPaths = Set<String>()
        for reference in FileReference.all(in: context.pack) {
            checkWriting(reference, into: &log)
            if let parent = reference.parent, reportedPaths.contains(parent) { continue }
            if checkPath(reference, files: context.files, into: &log) {
                reportedPaths.insert(reference.path)
            }
        }
    }

    /// How the attribute is written: separators, spaces, include paths.
    private static func checkWriting(_ reference: FileReference, into log: inout FindingLog) {
        let raw = reference.written
        let what = "\(reference.role) '\(raw)'"
        if raw.contains("\\") {
            log.add(.backslashPath, line: reference.line, "\(what) uses backslashes; write '/' (packs are used on Linux and macOS too)")
        }
        if raw.contains(" ") {
            log.add(.spaceInPath, line: reference.line, "\(what) contains spaces, which build tools handle badly")
        }
        if reference.expectation == .includeFolder && !(raw.hasSuffix("/") || raw.hasSuffix("\\")) {
            log.add(.includeWithoutSlash, line: reference.line, "include path '\(raw)' does not end with '/'")
        }
    }

    /// Where the path leads, and whether the pack has it. True when reported.
    private static func checkPath(_ reference: FileReference, files: PackFileTree?, into log: inout FindingLog) -> Bool {
        let what = "\(reference.role) '\(reference.path)'"
        let path: String
        switch PackPath.resolve(reference.path) {
        case .absolute:
            log.add(.pathOutsidePack, line: reference.line, "\(what) is absolute; paths are relative to the .pdsc file")
            return true
        case .outside:
            log.add(.pathOutsidePack, line: reference.line, "\(what) leads outside the pack", packchk: "M313")
            return true
        case .inside(let resolved):
            path = resolved
        }
        guard let files, !path.isEmpty else { return false }
        switch files.lookup(path) {
        case .file:
            guard reference.expectation == .includeFolder else { return false }
            log.add(.includeIsFile, line: reference.line, "include path '\(reference.path)' names a file; an include path is a folder")
        case .directory:
            guard reference.expectation == .file else { return false }
            log.add(.fileIsFolder, line: reference.line, "\(what) names a folder; a file entry names a file (only category=\"include\" names a folder)")
        case .differentCase(let actual, _):
            log.add(.fileCaseMismatch, line: reference.line, "\(what) is in the pack only as '\(actual)'; names are case-sensitive on Linux")
        case .missing:
            log.add(.missingFile, line: reference.line, "\(what) is not in the pack")
        }
        return true
    }
}
