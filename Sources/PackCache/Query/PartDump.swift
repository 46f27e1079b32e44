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
            let key = "\(entry.fromPack.vendor).\(entry.fromPack.pack).\(entry.fromPack.version)"
            let packPath = CacheLayout(dataPath: locations.dataPath).packPath(entry.fromPack)
            let source: AlgorithmSource
            if let archive = try? PackArchive(path: packPath) {
                source = .archive(archive)
            } else if let record = index.packs[key], record.origin == "pack-root", let description = record.source,
                      !description.contains("!/") {
                // Installed in a pack root: the files are there, extracted.
                source = .folder((description as NSString).deletingLastPathComponent)
            } else {
                report.problems.append(CacheError.packNotCached(pack: key, path: packPath).description)
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

/// Where a device's flash algorithms are read from: a cached archive, or
/// the folder of a pack installed in a pack root.
enum AlgorithmSource {
    case archive(PackArchive)
    case folder(String)

    func read(_ relative: String) throws -> [UInt8] {
        switch self {
        case .archive(let archive):
            return try archive.read(member: relative)
        case .folder(let folder):
            let path = Self.matchingCase(relative, in: folder) ?? folder + "/" + relative
            // A link inside an installed pack must not lead outside it.
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let base = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
            guard resolved.hasPrefix(base + "/") else {
                throw CacheError.invalidPath(path: path, reason: "leads outside the pack folder")
            }
            return try FileBytes.read(resolved)
        }
    }

    /// Packs are often written on Windows: a name may differ in case from the file.
    static func matchingCase(_ relative: String, in folder: String) -> String? {
        var current = folder
        for component in relative.split(separator: "/").map(String.init) {
            let exact = current + "/" + component
            if FileManager.default.fileExists(atPath: exact) {
                current = exact
                continue
            }
            guard let match = (try? FileManager.default.contentsOfDirectory(atPath: current))?
                .first(where: { $0.lowercased() == component.lowercased() }) else { return nil }
            current += "/" + match
        }
        return current
    }
}
