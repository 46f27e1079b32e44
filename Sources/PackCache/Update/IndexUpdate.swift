import CMSISPack
import OwnedFiles
import Foundation

/// Adds pack descriptions from local files to the device index, as the
/// reference's `add-packs` does, keeping everything already indexed.
public enum IndexUpdate {
    public struct Report: Sendable {
        /// Packs read and merged, in the order given.
        public var added: [PackRecord] = []
        /// Files that could not be read, with the reason.
        public var failures: [Diagnostic] = []
        /// Warnings about packs that were read.
        public var warnings: [Diagnostic] = []
        public var deviceCount = 0
        public var boardCount = 0
    }

    public static func addPacks(_ paths: [String], locations: CacheLocations) throws(CacheError) -> Report {
        var report = Report()
        let (files, problems) = PackLoader.expand(paths)
        for problem in problems {
            if problem.severity == .error { report.failures.append(problem) } else { report.warnings.append(problem) }
        }
        let outcomes = PackLoader.index(files)

        let lock = try folderStep { () throws(FolderError) in try OwnedFolder.claim(locations.jsonPath, for: .index)!.lock() }
        defer { lock.release() }
        var index: DeviceIndex
        do { index = try DeviceIndex.read(locations.indexPaths) } catch { throw .index(error) }
        for outcome in outcomes {
            switch outcome.result {
            case .success(let pack):
                index.add(pack)
                report.added.append(pack.record)
                report.warnings.append(contentsOf: pack.diagnostics)
            case .failure(let error):
                report.failures.append(error.diagnostic)
            }
        }
        try IndexFiles.write(index, to: locations)
        report.deviceCount = index.devices.count
        report.boardCount = index.boards.count
        return report
    }
}
