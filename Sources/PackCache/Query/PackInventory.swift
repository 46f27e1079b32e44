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
            if let file = file(of: record) { byKey[key] = file }
        }
        return byKey.keys.sorted().map { byKey[$0]! }
    }

    /// The file a record's description was read from, when it still exists
    /// (a description read from inside a .pack is named "file.pack!/member").
    public static func file(of record: PackRecord) -> String? {
        guard let source = record.source else { return nil }
        let file = source.components(separatedBy: "!/").first ?? source
        return FileManager.default.fileExists(atPath: file) ? file : nil
    }

    public static func load(locations: CacheLocations, index: DeviceIndex) -> Loaded {
        load(files: sources(locations: locations, index: index))
    }

    /// Reads the given `.pdsc` and `.pack` files, in parallel, keeping their order.
    public static func load(files: [String]) -> Loaded {
        let results = PackLoader.readDescriptions(files)
        var loaded = Loaded(descriptions: [], problems: [])
        for result in results {
            switch result {
            case .success(let read): loaded.descriptions.append(read.description)
            case .failure(let error): loaded.problems.append(error.diagnostic)
            }
        }
        return loaded
    }
}


extension PackInventory {
    /// One description per pack (vendor and name): the highest version.
    public static func newestOfEachPack(_ descriptions: [PackDescription]) -> [PackDescription] {
        var best: [String: PackDescription] = [:]
        for description in descriptions {
            let key = "\(description.vendor).\(description.name)"
            guard let current = best[key] else {
                best[key] = description
                continue
            }
            let mine = description.latestRelease?.semanticVersion
            let theirs = current.latestRelease?.semanticVersion
            if let mine, theirs.map({ mine > $0 }) ?? true { best[key] = description }
        }
        return best.keys.sorted().map { best[$0]! }
    }
}
