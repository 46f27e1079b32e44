/// A pack index: a vendor's or Keil's `.pidx` (a list of pack descriptions),
/// a `.vidx` (a list of vendor `.pidx` files, plus packs), or the legacy
/// `index.idx` (bare `<pdsc>` elements).
///
/// ```swift
/// let index = try PackIndexReader.read(path: "index.pidx").index
/// for entry in index.packs { print(entry.pdscURL) }
/// ```
public struct PackIndexFile: Sendable {
    public enum Kind: String, Sendable { case pidx, vidx, legacy }

    public var kind: Kind
    public var schemaVersion: String?
    public var vendor: String?
    public var url: String?
    public var timestamp: String?
    /// `<pindex><pdsc …/>` entries whose vendor, name and version are usable.
    public var packs: [PackIndexEntry]
    /// `<vindex><pidx …/>` entries.
    public var vendorIndexes: [VendorIndexEntry]
    public var source: String
}

/// `<pdsc url vendor name version …/>`: where one pack's description lives.
public struct PackIndexEntry: Sendable, Hashable {
    public var reference: PackReference
    /// The folder URL as written.
    public var url: String
    public var date: String?
    public var deprecated: String?
    public var replacement: String?
    public var size: UInt64?
    public var line: Int

    public init(reference: PackReference, url: String, date: String? = nil, deprecated: String? = nil,
                replacement: String? = nil, size: UInt64? = nil, line: Int = 0) {
        self.reference = reference
        self.url = url
        self.date = date
        self.deprecated = deprecated
        self.replacement = replacement
        self.size = size
        self.line = line
    }

    /// The folder URL, ending in '/'.
    public var folderURL: String { FolderURL.slashed(url) }
    /// `<url>/<Vendor>.<Name>.pdsc`, as the specification publishes descriptions.
    public var pdscURL: String { folderURL + reference.family.pdscFileName }
    /// `<url>/<Vendor>.<Name>.<version>.pack`.
    public var packURL: String { folderURL + reference.packFileName }
}

/// `<pidx url vendor/>`: a vendor's own pack index.
public struct VendorIndexEntry: Sendable, Hashable {
    public var vendor: String
    public var url: String
    public var date: String?
    public var line: Int

    /// `<url>/<vendor>.pidx`.
    public var pidxURL: String {
        let lowered = url.lowercased()
        if lowered.hasSuffix(".pidx") || lowered.hasSuffix(".vidx") { return url }
        return FolderURL.slashed(url) + vendor + ".pidx"
    }
}
