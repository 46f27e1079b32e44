/// One pack reduced to what the device index needs: its record, its device
/// entries and its boards. Built once per pack description.
public struct IndexedPack: Sendable {
    public var record: PackRecord
    public var devices: [DeviceIndexEntry]
    public var boards: [BoardAlias]
    public var diagnostics: [Diagnostic]

    public init(_ description: PackDescription) {
        let built = DeviceIndexBuilder.build(description)
        var diagnostics = built.diagnostics
        // Within one pack the first definition of a name counts.
        var seen = Set<String>()
        var devices: [DeviceIndexEntry] = []
        for device in built.devices {
            if seen.insert(device.name).inserted {
                devices.append(device)
            } else {
                diagnostics.append(Diagnostic(.warning, file: description.source, "device '\(device.name)' is defined more than once; the first definition is used"))
            }
        }
        var boardNames = Set<String>()
        let boards = built.boards.filter { boardNames.insert($0.name).inserted }
        let latest = description.latestRelease
        record = PackRecord(
            vendor: description.vendor, pack: description.name, version: latest?.version ?? "",
            url: description.url, date: latest?.date, deprecated: latest?.deprecated,
            replacement: latest?.replacement, source: description.source,
            devices: devices.map(\.name), boards: boards.map(\.name))
        record.parts = description.parts.map { "\($0.vendor)::\($0.name)" }
        record.components = description.allComponents.map(\.id)
        record.summary = description.description.isEmpty ? nil : description.description
        if let version = latest?.version {
            record.packURL = latest?.url.flatMap { $0.isEmpty ? nil : $0 }
                ?? (description.url.isEmpty ? nil : FolderURL.slashed(description.url) + "\(description.vendor).\(description.name).\(version).pack")
        }
        self.devices = devices
        self.boards = boards
        self.diagnostics = diagnostics
    }
}
