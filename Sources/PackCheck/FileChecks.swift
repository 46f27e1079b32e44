import CMSISPack
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
        // Big packs name the same file from many devices: each path is resolved and looked up once.
        var resolved: [String: (PackPath.Resolved, PackFileTree.Lookup?)] = [:]
        for reference in FileReference.all(in: context.pack) {
            checkWriting(reference, into: &log)
            if let parent = reference.parent, reportedPaths.contains(parent) { continue }
            let place: (PackPath.Resolved, PackFileTree.Lookup?)
            if let known = resolved[reference.path] {
                place = known
            } else {
                let target = PackPath.resolve(reference.path)
                var lookup: PackFileTree.Lookup?
                if case .inside(let path) = target, !path.isEmpty { lookup = context.files?.lookup(path) }
                place = (target, lookup)
                resolved[reference.path] = place
            }
            checkSlash(reference, lookup: place.1, into: &log)
            if checkPath(reference, resolved: place.0, lookup: place.1, into: &log) {
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
    }

    /// packchk asks for the final '/' only of an include path that is a
    /// folder of the pack; without the pack's files, of every include path.
    private static func checkSlash(_ reference: FileReference, lookup: PackFileTree.Lookup?, into log: inout FindingLog) {
        let raw = reference.written
        guard reference.expectation == .includeFolder, !(raw.hasSuffix("/") || raw.hasSuffix("\\")) else { return }
        if let lookup, case .directory = lookup {} else if lookup != nil { return }
        log.add(.includeWithoutSlash, line: reference.line, "include path '\(raw)' does not end with '/'")
    }

    /// Where the path leads, and whether the pack has it. True when reported.
    private static func checkPath(_ reference: FileReference, resolved: PackPath.Resolved, lookup: PackFileTree.Lookup?,
                                  into log: inout FindingLog) -> Bool {
        let what = "\(reference.role) '\(reference.path)'"
        switch resolved {
        case .absolute:
            log.add(.pathOutsidePack, line: reference.line, "\(what) is absolute; paths are relative to the .pdsc file")
            return true
        case .outside:
            log.add(.pathOutsidePack, line: reference.line, "\(what) leads outside the pack", packchk: "M313")
            return true
        case .inside:
            break
        }
        guard let lookup else { return false }
        switch lookup {
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
            // packchk also says that a missing include path is no folder.
            if reference.expectation == .includeFolder {
                log.add(.includeIsFile, line: reference.line, "include path '\(reference.path)' is not a folder of the pack")
            }
        }
        return true
    }
}
