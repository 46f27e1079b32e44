import ArgumentParser
import CMSISPack
import PackCheck
import Foundation
import OwnedFiles
import PackCache

/// Finding the pack a command reads files from (`algo`, `export`).
enum PackOpening {
    /// Whether `text` names a `.pack` file rather than a device or pack of the index.
    static func isPackFile(_ text: String) -> Bool {
        // A name ending in .pack, or a path to a file (a device name has no '/').
        text.lowercased().hasSuffix(".pack") || (text.contains("/") && FileStat(text)?.isFile == true)
    }

    /// Device `name` of the `.pack` file `file`, else of the index (its pack from the cache or a pack root).
    static func device(_ name: String, file: String?, _ options: LocationOptions) throws -> (OpenedPack, EffectiveDevice) {
        if let file {
            let pack = try OpenedPack.file(file)
            guard let device = pack.device(named: name) else {
                throw CacheError.invalidPath(path: file, reason: "defines no device \(name); it defines \(summary(pack.devices.map(\.name)))")
            }
            return (pack, device)
        }
        return try OpenedPack.containing(device: name, in: try loadIndex(options), locations: options.locations)
    }

    /// A `.pack` file, a pack of the index (`Vendor.Name`) with all its
    /// devices, or a device of the index with its pack.
    static func target(_ text: String, _ options: LocationOptions) throws -> (OpenedPack, [EffectiveDevice]) {
        if isPackFile(text) {
            let pack = try OpenedPack.file(text)
            return (pack, pack.devices)
        }
        let index = try loadIndex(options)
        let isDevice = index.devices[text] != nil || index.devices.keys.contains { $0.lowercased() == text.lowercased() }
        if !isDevice, (try? PackSummary.find(text, in: index)) != nil {
            let pack = try OpenedPack.indexed(text, in: index, locations: options.locations)
            return (pack, pack.devices)
        }
        guard isDevice else {
            Terminal.error("no device or pack named '\(text)' in the index, and no .pack file of that name; "
                + "run `pack-manager find \(text)` to search, or `pack-manager cache descriptors` to update")
            throw ExitCode(1)
        }
        let (pack, device) = try OpenedPack.containing(device: text, in: index, locations: options.locations)
        return (pack, [device])
    }

    private static func summary(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.prefix(8).joined(separator: ", ") + (names.count > 8 ? " and \(names.count - 8) more" : "")
    }
}
