import CMSISPack
import OwnedFiles
import Foundation

/// The reference's `dump-parts`: a folder with an `index.json` of the chosen
/// devices and their flash algorithm files, taken from the cached packs.
///
/// Every pack the algorithms come from is found before anything is written:
/// when one is not in the cache, nothing is written (the report names the
/// packs and the devices that need them), so a folder is either complete
/// or untouched, except for files that fail one by one (an unsafe path, a
/// damaged archive member), which the report lists.
public enum PartDump {
    public struct Report: Sendable {
        public var devices: [String] = []
        public var algorithmFiles: [String] = []
        /// Distinct flash algorithm files the devices name.
        public var algorithmsWanted = 0
        /// Files that could not be written, and why.
        public var problems: [String] = []
        /// Chosen devices that have no flash algorithm (not a failure: there is nothing to copy).
        public var withoutAlgorithms: [String] = []
        /// Packs that are not in the cache, with the devices that need them;
        /// when there are any, nothing was written.
        public var missingPacks: [MissingPack] = []
        /// Whether `index.json` (and the algorithms that could be read) were written.
        public var wrote: Bool { missingPacks.isEmpty }
    }

    public struct MissingPack: Sendable, Equatable {
        /// `Vendor.Name.version`.
        public var pack: String
        /// Where the cache would hold it.
        public var path: String
        public var devices: [String]
    }

    public static func dump(_ names: [String], from index: DeviceIndex, locations: CacheLocations,
                            to output: String) throws(CacheError) -> Report {
        var report = Report()
        var sources: [String: PackFileSource] = [:]
        var missing: [String: MissingPack] = [:]
        var chosen: [(name: String, device: DeviceIndex.Device)] = []
        for name in JSONWriter.sortedKeys(names) {
            guard let device = index.devices[name] else { continue }
            chosen.append((name, device))
            guard let entry = device.entry else { continue }
            if entry.algorithms.isEmpty {
                report.withoutAlgorithms.append(name)
                continue
            }
            let key = "\(entry.fromPack.vendor).\(entry.fromPack.pack).\(entry.fromPack.version)"
            if sources[key] != nil { continue }
            if missing[key] != nil {
                missing[key]?.devices.append(name)
                continue
            }
            do {
                sources[key] = try PackFileSource.locate(entry.fromPack, in: index, locations: locations)
            } catch .packNotCached(let pack, let path) {
                missing[key] = MissingPack(pack: pack, path: path, devices: [name])
            } catch {
                report.problems.append("\(name): \(error.description)")
            }
        }
        report.algorithmsWanted = Set(chosen.flatMap { $0.device.entry?.algorithms.map(\.fileName) ?? [] }).count
        report.missingPacks = missing.values.sorted { $0.pack < $1.pack }
        guard report.missingPacks.isEmpty else {
            // A folder that can never be written (`/`, home) is refused first, as when something is written.
            let path = URL(fileURLWithPath: output).standardizedFileURL.path
            try folderStep { () throws(FolderError) in try ProtectedFolders.check(path, as: FolderRole.parts.title) }
            return report
        }

        // The folder is new, empty, or one this command filled before.
        let folder = try folderStep { () throws(FolderError) in try OwnedFolder.claim(output, for: .parts)! }
        var writer = JSONWriter()
        writer.beginObject()
        var written = Set<String>()
        for (name, device) in chosen {
            writer.key(name)
            device.write(to: &writer)
            report.devices.append(name)
            guard let entry = device.entry,
                  let source = sources["\(entry.fromPack.vendor).\(entry.fromPack.pack).\(entry.fromPack.version)"] else { continue }
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
