import CMSISPack

/// The reference's cache layout, which the Python module and pyOCD expect:
/// `<data>/<Vendor>.<Name>.<version>.pdsc` and `<data>/<Vendor>/<Name>/<version>.pack`.
public struct CacheLayout: Sendable {
    public let dataPath: String

    public init(dataPath: String) {
        self.dataPath = dataPath.hasSuffix("/") && dataPath.count > 1 ? String(dataPath.dropLast()) : dataPath
    }

    public func pdscPath(_ reference: PackReference) -> String {
        "\(dataPath)/\(reference.pdscFileName)"
    }

    public func packPath(_ reference: PackReference) -> String {
        "\(dataPath)/\(reference.packRelativePath)"
    }

    /// Where the pack of an index entry would be (names come from the index,
    /// so they are checked before they become a path).
    public func packPath(_ fromPack: FromPack) -> String {
        if let reference = try? PackReference(vendor: fromPack.vendor, name: fromPack.pack, version: fromPack.version) {
            return packPath(reference)
        }
        return "\(dataPath)/<invalid pack name \(fromPack.vendor).\(fromPack.pack).\(fromPack.version)>"
    }

    public func pdscPath(_ fromPack: FromPack) -> String? {
        guard let reference = try? PackReference(vendor: fromPack.vendor, name: fromPack.pack, version: fromPack.version) else {
            return nil
        }
        return pdscPath(reference)
    }
}
