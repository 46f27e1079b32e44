import CMSISPack
import OwnedFiles
import Foundation

/// The reference's `dump-parts`: a folder with an `index.json` of the chosen
/// devices and their flash algorithm files, taken from the cached packs.
public enum PartDump {
    public struct Report: Sendable {
        public var devices: [String] = []
        public var algorithmFiles: [String] = []
        public var problems: [String] = []
    }

    public static func dump(_ names: [String], from index: DeviceIndex, locations: CacheLocations,
                            to output: String) throws(CacheError) -> Report {
        var report = Report()
        // The folder is new, empty, or one this command filled before.
        let folder = try folderStep { () throws(FolderError) in try OwnedFolder.claim(output, for: .parts)! }
        var writer = JSONWriter()
        writer.beginObject()
        var written = Set<String>()
        for name in JSONWriter.sortedKeys(names) {
            guard let device = index.devices[name] else { continue }
            writer.key(name)
            device.write(to: &writer)
            report.devices.append(name)
            guard let entry = device.entry else { continue }
            if entry.algorithms.isEmpty {
                report.problems.append("\(name) has no flash algorithm")
                continue
            }
            let source: PackFileSource
            do { source = try PackFileSource.locate(entry.fromPack, in: index, locations: locations) } catch {
                report.problems.append(error.description)
                continue
            }
            for algorithm in entry.algorithms where !written.contains(algorithm.fileName) {
                guard let relative = SafePath.relative(algorithm.fileName) else {
                    report.problems.append("\(name): algorithm path '\(algorithm.fileName)' leaves the output folder; skipped")
                    continue
                }
                do {
                    let bytes = try source.read(relative)
                    try folder.place(relative).write(bytes)
                    written.insert(algorithm.fileName)
                    report.algorithmFiles.append(relative)
                } catch {
                    report.problems.append("\(name): \(error)")
                }
            }
        }
        writer.endObject()
        try fileStep { () throws(FileError) in try folder.place("index.json").write(writer.bytes) }
        return report
    }
}
