import CMSISPack
import Foundation

/// The pack descriptions behind an index: the cached `.pdsc` files in the
/// data folder and the files recorded in `packs.json`, newest version of each
/// pack first. Used by commands that need more than `index.json` holds.
public enum PackInventory {
    public struct Loaded: Sendable {
        public var descriptions: [PackDescription]
        public var problems: [Diagnostic]
    }

    /// Source files, one per pack version.
    public static func sources(locations: CacheLocations, index: DeviceIndex) -> [String] {
        var byKey: [String: String] = [:]
        let manager = FileManager.default
        if let names = try? manager.contentsOfDirectory(atPath: locations.dataPath) {
            for name in names where name.lowercased().hasSuffix(".pdsc") {
                if let parsed = try? PackNaming.parsePDSCFileName(name), let version = parsed.version {
                    byKey["\(parsed.family).\(version)"] = (locations.dataPath as NSString).appendingPathComponent(name)
                }
            }
        }
        for (key, record) in index.packs where byKey[key] == nil {
            guard let source = record.source else { continue }
            // A description read from inside a .pack is named "file.pack!/member".
            let file = source.components(separatedBy: "!/").first ?? source
            if manager.fileExists(atPath: file) { byKey[key] = file }
        }
        return byKey.keys.sorted().map { byKey[$0]! }
    }

    public static func load(locations: CacheLocations, index: DeviceIndex) -> Loaded {
        let files = sources(locations: locations, index: index)
        let results = ResultSlots<Result<PackDescriptionReader.Result, PackReadError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { position in
            results.set(position, PackLoader.readDescription(files[position]))
        }
        var loaded = Loaded(descriptions: [], problems: [])
        for (file, result) in zip(files, results.values) {
            switch result {
            case .success(let read): loaded.descriptions.append(read.description)
            case .failure(let error): loaded.problems.append(IndexUpdate.diagnostic(for: error, source: file))
            }
        }
        return loaded
    }
}

