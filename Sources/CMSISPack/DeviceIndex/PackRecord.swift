import Foundation

/// What the index remembers about one pack version it was built from: enough
/// to choose between packs that define the same device, and to list them.
public struct PackRecord: Sendable, Equatable {
    public var vendor: String
    public var pack: String
    public var version: String
    public var url: String
    /// Date of the newest release (YYYY-MM-DD), when given.
    public var date: String?
    /// Deprecation date of the pack, from its newest release.
    public var deprecated: String?
    public var replacement: String?
    /// The file it was read from.
    public var source: String?
    /// Size and modification time of `source` when it was read, so an
    /// update re-reads only files that changed.
    public var sourceSize: Int64?
    public var sourceModified: Double?
    /// Where the `.pack` of this version is published: the release's own
    /// `url`, else `<url>/<Vendor>.<Name>.<version>.pack`.
    public var packURL: String?
    public var devices: [String]
    public var boards: [String]
    /// Parts (`<parts>`) as `Hvendor::Hname`.
    public var parts: [String] = []
    /// Component IDs (`Cvendor::Cclass&Cbundle:Cgroup:Csub&Cvariant@Cversion`).
    public var components: [String] = []
    /// The pack's one-line `<description>`.
    public var summary: String?
    /// "pack-root" for packs read from a CMSIS pack root (installed, or
    /// registered in its local repository), which follow that root.
    public var origin: String?

    public var key: String { "\(vendor).\(pack).\(version)" }
    public var fromPack: FromPack { FromPack(pack: pack, url: url, vendor: vendor, version: version) }

    public init(vendor: String, pack: String, version: String, url: String, date: String? = nil,
                deprecated: String? = nil, replacement: String? = nil, source: String? = nil,
                devices: [String] = [], boards: [String] = []) {
        self.vendor = vendor
        self.pack = pack
        self.version = version
        self.url = url
        self.date = date
        self.deprecated = deprecated
        self.replacement = replacement
        self.source = source
        self.devices = devices
        self.boards = boards
    }

    /// A record known only from an entry's `from_pack` (an index written by
    /// another tool): no date, not deprecated.
    public init(fromPack: FromPack) {
        self.init(vendor: fromPack.vendor, pack: fromPack.pack, version: fromPack.version, url: fromPack.url)
    }

    /// Whether this pack's definition of a device wins over `other`'s.
    ///
    /// The newest non-deprecated pack wins: a pack that is not deprecated beats
    /// one that is; between versions of one pack the higher version wins;
    /// between different packs the newer release date wins (a pack without a
    /// date counts as oldest), then the higher version, then the pack name in
    /// alphabetical order. The order does not depend on the order packs are read.
    public func wins(over other: PackRecord) -> Bool {
        if (deprecated == nil) != (other.deprecated == nil) { return deprecated == nil }
        let mine = SemanticVersion(version)
        let theirs = SemanticVersion(other.version)
        if vendor == other.vendor && pack == other.pack, let mine, let theirs, mine != theirs {
            return mine > theirs
        }
        if (date ?? "") != (other.date ?? "") { return (date ?? "") > (other.date ?? "") }
        if let mine, let theirs, mine != theirs { return mine > theirs }
        if "\(vendor).\(pack)" != "\(other.vendor).\(other.pack)" { return "\(vendor).\(pack)" < "\(other.vendor).\(other.pack)" }
        return version > other.version
    }
}

extension PackRecord {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("boards")
        writer.beginArray()
        for board in boards { writer.string(board) }
        writer.endArray()
        writer.key("components")
        writer.beginArray()
        for component in components { writer.string(component) }
        writer.endArray()
        writer.key("date"); writer.optionalString(date)
        writer.key("deprecated"); writer.optionalString(deprecated)
        writer.key("devices")
        writer.beginArray()
        for device in devices { writer.string(device) }
        writer.endArray()
        writer.key("origin"); writer.optionalString(origin)
        writer.key("pack"); writer.string(pack)
        writer.key("replacement"); writer.optionalString(replacement)
        writer.key("pack_url"); writer.optionalString(packURL)
        writer.key("parts")
        writer.beginArray()
        for part in parts { writer.string(part) }
        writer.endArray()
        writer.key("source"); writer.optionalString(source)
        writer.key("source_modified")
        if let sourceModified { writer.rawNumber(String(format: "%.6f", sourceModified)) } else { writer.null() }
        writer.key("source_size"); writer.optionalNumber(sourceSize.map { UInt64(max(0, $0)) })
        writer.key("summary"); writer.optionalString(summary)
        writer.key("url"); writer.string(url)
        writer.key("vendor"); writer.string(vendor)
        writer.key("version"); writer.string(version)
        writer.endObject()
    }

    init?(json: JSONValue) {
        guard let vendor = json["vendor"]?.stringValue, let pack = json["pack"]?.stringValue,
              let version = json["version"]?.stringValue
        else { return nil }
        self.init(
            vendor: vendor, pack: pack, version: version, url: json["url"]?.stringValue ?? "",
            date: json["date"]?.stringValue, deprecated: json["deprecated"]?.stringValue,
            replacement: json["replacement"]?.stringValue, source: json["source"]?.stringValue,
            devices: json["devices"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            boards: json["boards"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        packURL = json["pack_url"]?.stringValue
        parts = json["parts"]?.arrayValue?.compactMap(\.stringValue) ?? []
        components = json["components"]?.arrayValue?.compactMap(\.stringValue) ?? []
        summary = json["summary"]?.stringValue
        origin = json["origin"]?.stringValue
        if case .number(let text)? = json["source_modified"] { sourceModified = Double(text) }
        sourceSize = json["source_size"]?.uint64Value.map { Int64(clamping: $0) }
    }
}
