/// Paths the description names: how they are written (always), and whether
/// they exist in the pack with exactly that case (when the pack's files are
/// at hand: a `.pack` or an unpacked folder).
///
/// Each distinct path is reported once, at its first use, with how often
/// it is named: a family's flash algorithm is often named by every device.
enum FileChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let references = FileReference.all(in: context.pack)
        var uses: [String: Int] = [:]
        for reference in references { uses[reference.path, default: 0] += 1 }
        var reported = Set<String>()
        var missingFolders: [String] = []
        for reference in references where reported.insert(reference.path).inserted {
            let times = uses[reference.path]! > 1 ? " (named \(uses[reference.path]!) times)" : ""
            check(reference, times: times, files: context.files, missingFolders: &missingFolders, into: &log)
        }
    }

    private static func check(_ reference: FileReference, times: String, files: PackFileTree?, missingFolders: inout [String],
                              into log: inout FindingLog) {
        let raw = reference.path
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
        let path: String
        switch PackPath.resolve(raw) {
        case .absolute:
            log.add(.pathOutsidePack, line: reference.line, "\(what) is absolute; paths are relative to the .pdsc file\(times)")
            return
        case .outside:
            log.add(.pathOutsidePack, line: reference.line, "\(what) leads outside the pack\(times)")
            return
        case .inside(let resolved):
            path = resolved
        }
        guard let files, !path.isEmpty else { return }
        switch files.lookup(path) {
        case .file:
            if reference.expectation == .includeFolder {
                log.add(.includeIsFile, line: reference.line, "include path '\(raw)' names a file; an include path is a folder\(times)")
            }
        case .directory:
            break
        case .differentCase(let actual, _):
            log.add(.fileCaseMismatch, line: reference.line,
                    "\(what) is in the pack only as '\(actual)'; names are case-sensitive on Linux\(times)")
        case .missing:
            // A file in a folder already reported missing adds nothing (an example's document, say).
            guard !missingFolders.contains(where: { path.hasPrefix($0 + "/") }) else { return }
            if reference.expectation != .any { missingFolders.append(path) }
            log.add(.missingFile, line: reference.line, "\(what) is not in the pack\(times)")
        }
    }
}
