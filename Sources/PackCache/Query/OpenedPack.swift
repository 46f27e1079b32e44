import CMSISPack
import Foundation

/// A pack whose files can be read: its description, its devices with
/// inheritance resolved, and where its files are. What `algo` and `export`
/// work from: a device of the index (its pack from the cache or a pack
/// root), an indexed pack by name, or a `.pack` file.
///
/// ```swift
/// let pack = try OpenedPack.containing(device: "GD32F103C8", in: index, locations: locations)
/// let algorithm = try pack.flashAlgorithm("Flash/GD32F10x_MD.FLM")
/// ```
public struct OpenedPack {
    // Not Sendable: PackArchive (ZIPFoundation's Archive) reads from one
    // thread at a time. What is made from it (`ParsedPack`) is Sendable.
    let files: PackFileSource
    public let description: PackDescription
    public let devices: [EffectiveDevice]

    init(files: PackFileSource, description: PackDescription) {
        self.files = files
        self.description = description
        devices = description.devices.effectiveDevices()
    }

    /// Where its files are: the archive's path or the installed folder.
    public var location: String { files.location }

    /// The pack that defines `device` in the index (any case), opened.
    public static func containing(device name: String, in index: DeviceIndex, locations: CacheLocations) throws(CacheError) -> (OpenedPack, EffectiveDevice) {
        let summary = try DeviceSummary.find(name, in: index)
        let files = try PackFileSource.locate(summary.entry.fromPack, in: index, locations: locations)
        let pack = OpenedPack(files: files, description: try files.readDescription())
        guard let device = pack.device(named: summary.entry.name) else {
            // The index is older than the pack it names.
            throw .invalidPath(path: pack.location, reason: "does not define \(summary.entry.name), which the index says it does; "
                + "update the index with `pack-manager cache descriptors`")
        }
        return (pack, device)
    }

    /// A pack of the index, `Vendor.Name` (the version the index uses).
    public static func indexed(_ name: String, in index: DeviceIndex, locations: CacheLocations) throws(CacheError) -> OpenedPack {
        let record = try PackSummary.find(name, in: index).record
        let files = try PackFileSource.locate(record.fromPack, in: index, locations: locations)
        return OpenedPack(files: files, description: try files.readDescription())
    }

    /// A `.pack` file.
    public static func file(_ path: String) throws(CacheError) -> OpenedPack {
        let archive: PackArchive
        do { archive = try PackArchive(path: path) } catch { throw .invalidPath(path: path, reason: error.reason) }
        let files = PackFileSource.archive(archive)
        return OpenedPack(files: files, description: try files.readDescription())
    }

    public func device(named name: String) -> EffectiveDevice? {
        devices.first { $0.name == name } ?? devices.first { $0.name.lowercased() == name.lowercased() }
    }

    /// One of its flash algorithms, parsed; the error names the file.
    public func flashAlgorithm(_ path: String) throws(FlashAlgorithmError) -> FlashAlgorithm {
        try files.flashAlgorithm(path)
    }

    /// Any file of the pack (an SVD file, say), up to `limit` bytes.
    public func read(_ path: String, limit: UInt64 = PackArchive.defaultMemberLimit) throws -> [UInt8] {
        try files.read(path, limit: limit)
    }
}
