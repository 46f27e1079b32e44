import CMSISPack

/// What `show pack Vendor.Name` prints: the newest indexed version, its
/// description's contents in numbers and names, and the other versions.
public struct PackSummary: Sendable {
    public let record: PackRecord
    /// Every indexed version, newest first.
    public let versions: [PackRecord]
    /// The description, when its file can still be read.
    public let description: PackDescription?

    /// The pack by `Vendor.Name` or `Vendor::Name`, ignoring case.
    public static func find(_ name: String, in index: DeviceIndex) throws(CacheError) -> PackSummary {
        let wanted = PackFamily(lenient: name)?.lookupKey
        let versions = index.packs.values
            .filter { $0.family.lookupKey == wanted }
            .sorted { a, b in
                switch (SemanticVersion(a.version), SemanticVersion(b.version)) {
                case let (x?, y?): x > y
                default: a.version > b.version
                }
            }
        guard let newest = versions.first else { throw .noPack(name) }
        let description = PackInventory.file(of: newest).flatMap { try? PackLoader.readDescription($0).get().description }
        return PackSummary(record: newest, versions: versions, description: description)
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "vendor": .string(record.vendor),
            "name": .string(record.pack),
            "version": .string(record.version),
            "url": .string(record.url),
            "date": .optional(record.date),
            "deprecated": .optional(record.deprecated),
            "replacement": .optional(record.replacement),
            "pack_url": .optional(record.packURL),
            "summary": .optional(record.summary),
            "source": .optional(record.source),
            "versions": .array(versions.map { .string($0.version) }),
            "devices": .array(record.devices.map(JSONValue.string)),
            "boards": .array(record.boards.map(JSONValue.string)),
            "parts": .array(record.parts.map(JSONValue.string)),
            "components": .array(record.components.map(JSONValue.string)),
        ]
        if let description {
            members["license"] = .optional(description.license)
            members["releases"] = .array(description.releases.map { release in
                .object(["version": .string(release.version), "date": .optional(release.date),
                         "deprecated": .optional(release.deprecated), "text": .string(release.text)])
            })
            members["requirements"] = .array(description.requirements.packages.map { requirement in
                .object(["vendor": .string(requirement.vendor), "name": .string(requirement.name),
                         "version": .optional(requirement.version)])
            })
            members["conditions"] = .number(String(description.conditions?.conditions.count ?? 0))
            members["examples"] = .array((description.examples?.items ?? []).map { .string($0.name) })
            members["apis"] = .array((description.apis?.items ?? []).map { .string("\($0.componentClass):\($0.group)") })
        }
        return .object(members)
    }
}

/// What `show board NAME` prints: the board as its pack describes it.
public struct BoardSummary: Sendable {
    public let board: Board
    public let record: PackRecord
    /// Mounted devices that are in the index (the others are named but unknown).
    public let knownDevices: [String]

    public static func find(_ name: String, in index: DeviceIndex) throws(CacheError) -> BoardSummary {
        let wanted = name.lowercased()
        let candidates = index.packs.values
            .filter { $0.boards.contains { $0.lowercased() == wanted } }
            .sorted { $0.wins(over: $1) }
        for record in candidates {
            guard let source = PackInventory.file(of: record),
                  let description = try? PackLoader.readDescription(source).get().description,
                  let board = description.boards.first(where: { $0.name.lowercased() == wanted })
            else { continue }
            let known = board.mountedDevices.compactMap(\.name).filter { index.devices[$0] != nil }
            return BoardSummary(board: board, record: record, knownDevices: known)
        }
        throw .noBoard(name)
    }

    public var json: JSONValue {
        guard case .object(var members) = board.json(pack: record.key) else { return .null }
        members["devices_in_index"] = .array(knownDevices.map(JSONValue.string))
        return .object(members)
    }
}
