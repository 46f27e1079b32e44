import CMSISPack
import OwnedFiles
import Foundation

/// `cache clean`: removes what pack-manager put in the data folder and the
/// index folder, and each folder itself when nothing else is left in it.
///
/// Only folders that are pack-manager's are touched (`OwnedFolder`: the
/// marker, or a cache of the reference recognised as a whole); any other
/// folder is refused before anything is deleted. Inside, only the
/// layout's names go: descriptions, packs, the index files, the working
/// folder `.cpm`; a file the user put there stays, and so does a vendor list
/// the user edited. When only the index folder is named, the default data
/// folder is left alone.
///
/// ```swift
/// let report = try CacheClean.run(CacheLocations(dataPath: "/srv/cache"))
/// for folder in report.folders { print(folder.path, folder.removed, folder.kept) }
/// ```
public enum CacheClean {
    public struct Report: Sendable {
        public struct Folder: Sendable {
            public var path: String
            /// Files and folders removed (a folder counts once, with what was in it).
            public var removed = 0
            /// What was left because it is not pack-manager's (relative paths).
            public var kept: [String] = []
            /// Whether the folder itself is gone.
            public var folderRemoved = false
            /// False when there was no such folder.
            public var existed = true
        }
        public var folders: [Folder] = []
        /// The default data folder, when it was left alone because only the index folder was named.
        public var notNamed: String?
    }

    public static func run(_ locations: CacheLocations,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws(CacheError) -> Report {
        var report = Report()
        var targets: [(path: String, roles: [FolderRole])] = []
        if !(locations.dataPathIsDefault && !locations.jsonPathIsDefault) {
            targets.append((locations.dataPath, [.data]))
        } else {
            report.notNamed = locations.dataPath
        }
        if let same = targets.firstIndex(where: { $0.path == locations.jsonPath }) {
            targets[same].roles.append(.index)
        } else {
            targets.append((locations.jsonPath, [.index]))
        }
        // Every folder is checked before anything is deleted in any of them.
        var folders: [OwnedFolder?] = []
        for target in targets {
            var folder: OwnedFolder?
            for role in target.roles {
                folder = try folderStep { () throws(FolderError) in
                    try OwnedFolder.claim(target.path, for: role, create: false, environment: environment)
                }
            }
            folders.append(folder)
        }
        var locks: [DirectoryLock] = []
        for folder in folders {
            if let folder { locks.append(try folderStep { () throws(FolderError) in try folder.lock() }) }
        }
        defer { locks.forEach { $0.release() } }
        for (target, folder) in zip(targets, folders) {
            guard let folder else {
                report.folders.append(Report.Folder(path: target.path, existed: false))
                continue
            }
            report.folders.append(try clean(folder))
        }
        return report
    }

    private static func clean(_ folder: OwnedFolder) throws(CacheError) -> Report.Folder {
        var result = Report.Folder(path: folder.path)
        let contents = try folderStep { () throws(FolderError) in try folder.contents() }
        result.kept = contents.foreign + contents.tolerated
        let keep: Set<String> = [folder.marker.path, folder.lockFile.path]
        for owned in contents.ours where !keep.contains(owned.path) {
            if owned.path == folder.path + "/" + FolderLayout.vendorListName && isEdited(owned.path) {
                result.kept.append(FolderLayout.vendorListName)
                continue
            }
            if try fileStep({ () throws(FileError) in try owned.remove() }) { result.removed += 1 }
        }
        for layoutFolder in contents.layoutFolders where layoutFolder.removeIfEmpty() {
            result.removed += 1
        }
        // The folder goes only when nothing but the marker and the lock is left.
        let left = (try? folder.folder.top.entries()) ?? []
        if Set(left).isSubset(of: [FolderLayout.markerName, FolderLayout.lockName]) {
            _ = try? folder.marker.remove()
            _ = try? folder.lockFile.remove()
            result.folderRemoved = folder.wholeFolder.removeIfEmpty()
        }
        result.kept.sort()
        return result
    }

    /// A vendor list other than the one pack-manager writes is the user's.
    private static func isEdited(_ path: String) -> Bool {
        (try? FileBytes.read(path)) != Array(IndexSources.defaultVendorList.utf8)
    }
}
