import Foundation
import ZIPFoundation

/// Limits that keep a hostile archive from filling the disk or the inode table.
public struct ExtractionLimits: Sendable {
    /// Total uncompressed bytes of all members.
    public var totalBytes: UInt64 = 16 << 30
    public var entryCount = 500_000
    /// A member larger than `ratioFloor` that expands more than this many
    /// times is treated as a zip bomb (real packs compress text about 10:1).
    public var maximumRatio: UInt64 = 1_000
    public var ratioFloor: UInt64 = 64 << 20

    public init() {}
}

/// Where an extraction writes: a folder that makes sub-folders and new files
/// by relative path (`a/b/c.h`), never following a link and never replacing
/// a file. pack-manager's file layer implements it for its staging folder.
public protocol ExtractionTarget {
    /// Creates the folder `relative` (its parents exist already).
    func makeFolder(_ relative: String) throws(FileError)
    /// Creates the new file `relative` and returns it open for writing; the caller closes it.
    func createFile(_ relative: String) throws(FileError) -> Int32
}

/// What extracting a pack will write: checked before anything is written.
public struct PackExtractionPlan: Sendable {
    /// The folder inside the archive that holds `<Vendor>.<Name>.pdsc` ("" for the root).
    public let base: String
    /// The description member, relative to `base`.
    public let descriptionName: String
    /// Folders and files to create, relative to the destination.
    public let directories: [String]
    public let files: [PlannedFile]
    public var totalBytes: UInt64 { files.reduce(0) { $0 + $1.size } }

    public struct PlannedFile: Sendable {
        /// Path in the archive as stored.
        let storedPath: String
        public let path: String
        public let size: UInt64
    }
}

extension PackArchive {
    /// Checks every member and finds the pack's folder. Refused: absolute
    /// paths, `..`, links, duplicate names (also names that differ only in
    /// case, which collide on Windows and macOS), too many members, sizes
    /// over the limits, and archives without `<Vendor>.<Name>.pdsc` at the
    /// root or in a single top folder (cpackget's rule).
    ///
    /// - Parameter family: the pack expected; nil takes the single `.pdsc`
    ///   at the root (or in the single top folder).
    public func extractionPlan(for family: PackFamily?, limits: ExtractionLimits = ExtractionLimits()) throws(PackArchiveError) -> PackExtractionPlan {
        guard storedEntries.count <= limits.entryCount else {
            throw PackArchiveError(path: path, reason: "the archive has \(storedEntries.count) members, more than the limit of \(limits.entryCount)")
        }
        var byLoweredPath: [String: String] = [:]
        var members: [(components: [String], entry: Entry)] = []
        var declaredTotal: UInt64 = 0
        for entry in storedEntries {
            let components = try Self.safeComponents(entry.path, archive: path)
            guard !components.isEmpty else { continue }
            if entry.type == .symlink {
                throw PackArchiveError(path: path, reason: "member '\(entry.path)' is a symbolic link; packs may not contain links")
            }
            let joined = components.joined(separator: "/")
            if let first = byLoweredPath[joined.lowercased()] {
                let detail = first == joined ? "" : " (as '\(first)')"
                throw PackArchiveError(path: path, reason: "member '\(joined)' appears twice\(detail); refusing an ambiguous archive")
            }
            byLoweredPath[joined.lowercased()] = joined
            if entry.type == .file {
                let size = UInt64(entry.uncompressedSize)
                let (sum, overflow) = declaredTotal.addingReportingOverflow(size)
                guard !overflow, sum <= limits.totalBytes else {
                    throw PackArchiveError(path: path, reason: "the archive expands to more than \(limits.totalBytes) bytes")
                }
                declaredTotal = sum
                let compressed = max(UInt64(entry.compressedSize), 1)
                if size > limits.ratioFloor, size / compressed > limits.maximumRatio {
                    throw PackArchiveError(path: path, reason: "member '\(joined)' expands \(size / compressed) times (\(size) bytes): refused as a zip bomb")
                }
            }
            members.append((components, entry))
        }
        // A file must not also be a folder of other members.
        let folders = Set(members.flatMap { member in
            (1..<max(member.components.count, 1)).map { member.components.prefix($0).joined(separator: "/").lowercased() }
        })
        for member in members where member.entry.type == .file && folders.contains(member.components.joined(separator: "/").lowercased()) {
            throw PackArchiveError(path: path, reason: "member '\(member.components.joined(separator: "/"))' is both a file and a folder")
        }

        let base = try packFolder(members.filter { $0.entry.type == .file }.map(\.components), family: family)
        var directories = Set<String>()
        var files: [PackExtractionPlan.PlannedFile] = []
        for member in members {
            guard member.components.starts(with: base.folder) else { continue }
            let relative = Array(member.components.dropFirst(base.folder.count))
            guard !relative.isEmpty else { continue }
            for depth in 1..<relative.count { directories.insert(relative.prefix(depth).joined(separator: "/")) }
            switch member.entry.type {
            case .directory: directories.insert(relative.joined(separator: "/"))
            case .file:
                // The description lands under its exact name, so tools that open
                // <Vendor>.<Name>.pdsc find it on case-sensitive file systems too.
                var path = relative.joined(separator: "/")
                if let family, relative == [base.description] { path = family.pdscFileName }
                files.append(.init(storedPath: member.entry.path, path: path, size: UInt64(member.entry.uncompressedSize)))
            case .symlink: break
            }
        }
        return PackExtractionPlan(base: base.folder.joined(separator: "/"), descriptionName: base.description,
                                  directories: directories.sorted { $0.count < $1.count || ($0.count == $1.count && $0 < $1) },
                                  files: files)
    }

    /// Writes the planned members into `target` (an empty folder), checking
    /// each member's size and CRC as it streams. Where and how files are
    /// made is the target's business (pack-manager's file layer walks there
    /// without following links); this only says what to make.
    public func extract(_ plan: PackExtractionPlan, into target: some ExtractionTarget) throws(PackArchiveError) {
        for directory in plan.directories {
            do { try target.makeFolder(directory) } catch {
                throw PackArchiveError(path: path, reason: "cannot create folder '\(directory)': \(error)")
            }
        }
        let entriesByPath = Dictionary(storedEntries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for file in plan.files {
            guard let entry = entriesByPath[file.storedPath] else { continue }
            let descriptor: Int32
            do { descriptor = try target.createFile(file.path) } catch {
                throw PackArchiveError(path: path, reason: "cannot create '\(file.path)': \(error)")
            }
            defer { close(descriptor) }
            var written: UInt64 = 0
            try extract(entry, named: file.path) { chunk in
                written += UInt64(chunk.count)
                // The stated size is what was checked against the limits; a member may not grow past it.
                guard written <= file.size else {
                    throw PackArchiveError(path: self.path, reason: "member '\(file.path)' expands past its stated size of \(file.size) bytes")
                }
                if let code = chunk.withUnsafeBytes({ FileBytes.writeAll(descriptor, $0) }) {
                    throw PackArchiveError(path: self.path, reason: "cannot write '\(file.path)': \(String(cString: strerror(code)))")
                }
            }
        }
    }

    /// The member path split into safe components (backslashes as separators, "." dropped).
    static func safeComponents(_ stored: String, archive: String) throws(PackArchiveError) -> [String] {
        if stored.utf8.contains(0) {
            throw PackArchiveError(path: archive, reason: "a member name contains a NUL character")
        }
        let normalized = stored.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("/") || (normalized.count >= 2 && normalized.dropFirst().first == ":" && normalized.first!.isLetter) {
            throw PackArchiveError(path: archive, reason: "member '\(stored)' has an absolute path; it would be written outside the pack folder")
        }
        var components: [String] = []
        for component in normalized.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            if component == ".." {
                throw PackArchiveError(path: archive, reason: "member '\(stored)' contains '..'; it would be written outside the pack folder")
            }
            if component.utf8.count > 255 {
                throw PackArchiveError(path: archive, reason: "member '\(stored)' has a name longer than 255 bytes")
            }
            components.append(String(component))
        }
        return components
    }

    /// The folder (components) holding the pack's description, and its file name.
    private func packFolder(_ files: [[String]], family: PackFamily?) throws(PackArchiveError) -> (folder: [String], description: String) {
        func descriptions(in folder: [String]) -> [String] {
            files.filter { $0.count == folder.count + 1 && $0.starts(with: folder) && $0.last!.lowercased().hasSuffix(".pdsc") }
                .map { $0.last! }
        }
        func pick(_ names: [String]) -> String? {
            // A name differing only in case is accepted, as cpackget accepts it;
            // the plan installs it under the exact name (see extractionPlan).
            if let family {
                return names.first { $0 == family.pdscFileName } ?? names.first { $0.lowercased() == family.pdscFileName.lowercased() }
            }
            return names.count == 1 ? names[0] : nil
        }
        if let name = pick(descriptions(in: [])) { return ([], name) }
        let topFolders = Set(files.filter { $0.count > 1 }.map { $0[0] })
        let topFiles = files.filter { $0.count == 1 }
        if topFolders.count == 1, let folder = topFolders.first, let name = pick(descriptions(in: [folder])) {
            if topFiles.isEmpty || family != nil { return ([folder], name) }
        }
        let wanted = family.map { "'\($0.pdscFileName)'" } ?? "a single .pdsc file"
        throw PackArchiveError(path: path, reason: "the archive has no \(wanted) at its root or in a single top folder, so it is not that pack")
    }
}
