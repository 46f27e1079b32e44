import CMSISPack

/// What `show DEVICE` prints: the device's entry, every pack that defines it
/// (the one in use first) and the boards that carry it.
public struct DeviceSummary: Sendable {
    public let entry: DeviceIndexEntry
    public let packs: [PackRecord]
    public let boards: [String]

    /// The device by exact name, else by name ignoring case.
    public static func find(_ name: String, in index: DeviceIndex) throws(CacheError) -> DeviceSummary {
        let key = index.devices[name] != nil ? name : index.devices.keys.first { $0.lowercased() == name.lowercased() }
        guard let key, let device = index.devices[key], let entry = device.entry else { throw .noDevice(name) }
        let boards = index.boards.filter { $0.value.mountedDevices.contains(key) }.map(\.key).sorted()
        return DeviceSummary(entry: entry, packs: index.packs(defining: key), boards: boards)
    }

    public var json: JSONValue {
        .object([
            "device": entry.jsonValue,
            "packs": .array(packs.map { record in
                var members: [String: JSONValue] = [
                    "vendor": .string(record.vendor), "pack": .string(record.pack), "version": .string(record.version),
                    "url": .string(record.url),
                ]
                members["date"] = record.date.map(JSONValue.string) ?? .null
                members["deprecated"] = record.deprecated.map(JSONValue.string) ?? .null
                members["replacement"] = record.replacement.map(JSONValue.string) ?? .null
                return .object(members)
            }),
            "boards": .array(boards.map(JSONValue.string)),
        ])
    }
}
