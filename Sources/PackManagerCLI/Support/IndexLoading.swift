import CMSISPack
import PackCache

/// The device index, with the packs of the pack root brought in (see
/// `PackRootIndexSync`). An empty index is said on standard error with how
/// to fill it, so "nothing found" is not mistaken for an answer.
func loadIndex(_ options: LocationOptions) throws -> DeviceIndex {
    let index = try PackRootIndexSync.load(options.locations, root: options.packRootLayout)
    if index.devices.isEmpty && index.boards.isEmpty {
        Terminal.note(EmptyIndex.hint(jsonPath: options.locations.jsonPath))
    }
    return index
}

enum EmptyIndex {
    static func hint(jsonPath: String) -> String {
        "the device index in \(jsonPath) is empty: fill it with 'pack-manager cache descriptors' "
            + "(Keil's index, or --index-url URL for another) or 'pack-manager add-packs FILE...'"
    }
}

/// Tells (on standard error, so the list stays machine-readable) which of
/// the found devices come from a deprecated pack, and what replaces it.
func noteDeprecations(_ devices: [String], in index: DeviceIndex) {
    var byPack: [String: (record: PackRecord, devices: [String])] = [:]
    for name in devices {
        guard let device = index.devices[name], let record = index.record(of: device), record.deprecated != nil else { continue }
        byPack[record.key, default: (record, [])].devices.append(name)
    }
    for key in byPack.keys.sorted() {
        let (record, names) = byPack[key]!
        let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
        let replacement = record.replacement.map { "; use \($0) instead" } ?? ""
        Terminal.note("\(shown) come\(names.count == 1 ? "s" : "") from \(record.vendor).\(record.pack) \(record.version), deprecated since \(record.deprecated!)\(replacement)")
    }
}
