import CMSISPack
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

        let lock = try OwnedFolder.claim(locations.jsonPath, for: .index)!.lock()
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
                report.failures.append(diagnostic(for: error, source: outcome.source))
            }
        }
        do { try index.write(locations.indexPaths) } catch { throw .file(error) }
        report.deviceCount = index.devices.count
        report.boardCount = index.boards.count
        return report
    }

    /// One line for a file that could not be read: file, line, column, reason.
    public static func diagnostic(for error: PackReadError, source: String) -> Diagnostic {
        switch error {
        case .xml(let xml):
            return Diagnostic(.error, file: xml.document, line: xml.line, column: xml.column, xml.reason)
        case .content(let content):
            return Diagnostic(.error, file: content.file, line: content.line, content.reason)
        case .file(let file):
            return Diagnostic(.error, file: file.path, "cannot \(file.operation): \(file.detail ?? String(cString: strerror(file.code)))")
        case .archive(let archive):
            return Diagnostic(.error, file: archive.path, archive.reason)
        }
    }
}
