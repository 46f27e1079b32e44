import CMSISPack
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
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw .filesystem(path: output, reason: "cannot create the folder: \(error.localizedDescription)")
        }
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
            let packPath = CacheLayout(dataPath: locations.dataPath).packPath(entry.fromPack)
            let archive: PackArchive
            do {
                archive = try PackArchive(path: packPath)
            } catch {
                report.problems.append(CacheError.packNotCached(pack: "\(entry.fromPack.vendor).\(entry.fromPack.pack).\(entry.fromPack.version)", path: packPath).description)
                continue
            }
            for algorithm in entry.algorithms where !written.contains(algorithm.fileName) {
                guard let relative = SafePath.relative(algorithm.fileName) else {
                    report.problems.append("\(name): algorithm path '\(algorithm.fileName)' leaves the output folder; skipped")
                    continue
                }
                do {
                    let bytes = try archive.read(member: algorithm.fileName)
                    let destination = (output as NSString).appendingPathComponent(relative)
                    try FileManager.default.createDirectory(
                        atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try FileBytes.writeAtomically(bytes, to: destination)
                    written.insert(algorithm.fileName)
                    report.algorithmFiles.append(relative)
                } catch {
                    report.problems.append("\(name): \(error)")
                }
            }
        }
        writer.endObject()
        do {
            try FileBytes.writeAtomically(writer.bytes, to: (output as NSString).appendingPathComponent("index.json"))
        } catch {
            throw .filesystem(path: error.path, reason: error.description)
        }
        return report
    }
}

/// Paths from pack files that become local file names: relative, inside the
/// destination, no '..' components.
public enum SafePath {
    /// The normalised relative path, or nil when it would leave the folder.
    public static func relative(_ path: String) -> String? {
        let normalized = path.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("/") || normalized.contains("\0") { return nil }
        if normalized.count >= 2, normalized.dropFirst().first == ":" { return nil }  // C:/...
        var components: [Substring] = []
        for component in normalized.split(separator: "/") {
            switch component {
            case "", ".": continue
            case "..": return nil
            default: components.append(component)
            }
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }
}
