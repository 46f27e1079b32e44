import CMSISPack

/// Deprecations that pack indexes state for whole packs. They are applied to
/// every version added to the device index, before it competes for devices,
/// because the descriptions may not say so themselves.
struct IndexDeprecations {
    private var byFamily: [PackFamily: (date: String, replacement: String?)] = [:]

    init(_ entries: [PackIndexEntry]) {
        for entry in entries {
            if let date = entry.deprecated { byFamily[entry.reference.family] = (date, entry.replacement) }
        }
    }

    func applied(to pack: IndexedPack) -> IndexedPack {
        guard let stated = byFamily[PackFamily(vendor: pack.record.vendor, name: pack.record.pack)] else { return pack }
        var copy = pack
        copy.record.deprecated = stated.date
        copy.record.replacement = stated.replacement
        return copy
    }
}
