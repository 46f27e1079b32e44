import Foundation

/// The device index: `index.json` (devices), `aliases.json` (boards) and
/// `packs.json` (which pack versions it was built from).
///
/// ```swift
/// var index = try DeviceIndex.read(IndexPaths(directory: jsonPath))
/// index.add(IndexedPack(description))   // merge, keeping everything else
/// try index.write(IndexPaths(directory: jsonPath))
/// ```
///
/// When several packs define one device, the winner is chosen by
/// `PackRecord.wins(over:)`, so the result does not depend on the order in
/// which packs were added.
public struct DeviceIndex: Sendable {
    /// A device entry: built here, or kept as read from an existing file.
    public enum Device: Sendable {
        case entry(DeviceIndexEntry)
        case json(JSONValue)

        public var fromPack: FromPack? {
            switch self {
            case .entry(let entry): return entry.fromPack
            case .json(let value): return FromPack(json: value["from_pack"])
            }
        }

        public func write(to writer: inout JSONWriter) {
            switch self {
            case .entry(let entry): entry.write(to: &writer)
            case .json(let value): value.write(to: &writer)
            }
        }

        /// The JSON value, for callers that read fields generically.
        public var json: JSONValue {
            switch self {
            case .entry(let entry): return entry.jsonValue
            case .json(let value): return value
            }
        }
    }

    public enum BoardEntry: Sendable {
        case alias(BoardAlias)
        case json(JSONValue)

        public func write(to writer: inout JSONWriter) {
            switch self {
            case .alias(let alias): alias.write(to: &writer)
            case .json(let value): value.write(to: &writer)
            }
        }

        public var mountedDevices: [String] {
            switch self {
            case .alias(let alias): return alias.mountedDevices
            case .json(let value): return value["mounted_devices"]?.arrayValue?.compactMap(\.stringValue) ?? []
            }
        }
    }

    /// Devices by name. Read from `index.json` on first use, so a run that
    /// changes nothing never parses it.
    public var devices: [String: Device] {
        get { deviceStorage.devices }
        _modify {
            if !isKnownUniquelyReferenced(&deviceStorage) { deviceStorage = deviceStorage.copy() }
            yield &deviceStorage.devices
        }
        set {
            if !isKnownUniquelyReferenced(&deviceStorage) { deviceStorage = deviceStorage.copy() }
            deviceStorage.devices = newValue
        }
    }
    var deviceStorage = DeviceStorage()
    public internal(set) var boards: [String: BoardEntry] = [:]
    /// Pack records by `Vendor.Name.version`.
    public internal(set) var packs: [String: PackRecord] = [:]

    public init() {}

    /// The record of the pack an entry came from (from `packs.json`, else
    /// from the entry's own `from_pack`).
    public func record(of device: Device) -> PackRecord? {
        guard let fromPack = device.fromPack else { return nil }
        return packs["\(fromPack.vendor).\(fromPack.pack).\(fromPack.version)"] ?? PackRecord(fromPack: fromPack)
    }

    /// Every pack version that defines `device`, the winner first.
    public func packs(defining device: String) -> [PackRecord] {
        var result = packs.values.filter { $0.devices.contains(device) }
        if let current = devices[device], let record = record(of: current), !result.contains(where: { $0.key == record.key }) {
            result.append(record)
        }
        let winner = devices[device].flatMap { record(of: $0)?.key }
        return result.sorted { a, b in
            if a.key == winner { return true }
            if b.key == winner { return false }
            return a.wins(over: b)
        }
    }

    /// Merges one pack: its devices and boards replace the current ones where
    /// it wins, and it is recorded in `packs`. Adding the same pack version
    /// again replaces what it contributed before.
    public mutating func add(_ pack: IndexedPack) {
        let key = pack.record.key
        if let previous = packs[key] {
            // Entries this version no longer defines must not linger.
            let stillDefined = Set(pack.record.devices)
            for name in previous.devices where !stillDefined.contains(name) {
                if let current = devices[name], record(of: current)?.key == key { devices[name] = nil }
            }
            let stillBoards = Set(pack.record.boards)
            for name in previous.boards where !stillBoards.contains(name) && boardOwner(name)?.key == key {
                boards[name] = nil
            }
        }
        let previousBoardOwners = Dictionary(uniqueKeysWithValues: pack.boards.map { ($0.name, boardOwner($0.name)) })
        packs[key] = pack.record
        for entry in pack.devices {
            if let current = devices[entry.name], let owner = record(of: current), owner.key != key,
               !pack.record.wins(over: owner) {
                continue
            }
            devices[entry.name] = .entry(entry)
        }
        for board in pack.boards {
            if boards[board.name] != nil, let owner = previousBoardOwners[board.name] ?? nil, owner.key != key,
               !pack.record.wins(over: owner) {
                continue
            }
            boards[board.name] = .alias(board)
        }
    }

    /// Forgets a pack version: its devices and boards go, unless another
    /// recorded pack defines them too, in which case that pack's entry is
    /// needed from `replacements` (packs re-read by the caller).
    public mutating func remove(packKey key: String) {
        guard let record = packs.removeValue(forKey: key) else { return }
        for name in record.devices {
            if let current = devices[name], self.record(of: current)?.key == key { devices[name] = nil }
        }
        for name in record.boards where boards[name] != nil && boardOwner(name) == nil {
            boards[name] = nil
        }
    }

    /// Marks every recorded version of a pack deprecated (as a pack index
    /// says), or clears it. Returns whether a record changed, and the
    /// devices other packs also define: their entries must be re-read,
    /// since the winner may change.
    public mutating func setDeprecation(vendor: String, pack: String, deprecated: String?, replacement: String?)
        -> (changed: Bool, contested: Set<String>) {
        var changed = false
        var contested = Set<String>()
        for (key, record) in packs where record.vendor == vendor && record.pack == pack {
            guard record.deprecated != deprecated || record.replacement != replacement else { continue }
            changed = true
            var updated = record
            updated.deprecated = deprecated
            updated.replacement = replacement
            packs[key] = updated
            let mine = Set(record.devices)
            for other in packs.values where !(other.vendor == vendor && other.pack == pack) {
                contested.formUnion(mine.intersection(other.devices))
            }
        }
        return (changed, contested)
    }

    /// The pack whose board entry is current: the best recorded pack naming it.
    private func boardOwner(_ name: String) -> PackRecord? {
        var best: PackRecord?
        for record in packs.values where record.boards.contains(name) {
            if best == nil || record.wins(over: best!) { best = record }
        }
        return best
    }
}

/// The device entries, parsed from `index.json` bytes when first needed.
/// Readers may share one storage (copies of an index), so parsing happens
/// under its lock; `DeviceIndex` copies it before any change.
final class DeviceStorage: Sendable {
    private struct State: Sendable {
        var pending: [UInt8]?
        var parsed: [String: DeviceIndex.Device] = [:]
        var parseError: JSONParseError?

        mutating func materialize() {
            guard let bytes = pending else { return }
            pending = nil
            do {
                for (name, value) in try JSONParser.parse(bytes).objectValue ?? [:] { parsed[name] = .json(value) }
            } catch {
                parseError = error
            }
        }
    }

    private let state: Locked<State>

    init(pending: [UInt8]? = nil) { state = Locked(State(pending: pending)) }

    private init(_ copied: State) { state = Locked(copied) }

    var devices: [String: DeviceIndex.Device] {
        get {
            state.withLock { state in
                state.materialize()
                return state.parsed
            }
        }
        _modify {
            // Only a uniquely held storage is modified (see DeviceIndex.devices),
            // so the entries can leave the lock while the caller changes them.
            var devices = state.withLock { state in
                state.materialize()
                defer { state.parsed = [:] }
                return state.parsed
            }
            defer { state.withLock { $0.parsed = devices } }
            yield &devices
        }
        set {
            state.withLock { state in
                state.pending = nil
                state.parsed = newValue
            }
        }
    }

    var parseError: JSONParseError? { state.withLock { $0.parseError } }

    /// Whether the file's bytes are still unparsed.
    var isPending: Bool { state.withLock { $0.pending != nil } }

    func copy() -> DeviceStorage { DeviceStorage(state.withLock { $0 }) }
}
