extension CatalogSearch {
    /// What `show` looks up by name.
    public enum Subject: String, Sendable, CaseIterable {
        case device, pack, board
    }

    /// Names like `name` for an answer that found nothing: devices or boards
    /// that match it (`find`'s rule), or packs (`Vendor.Name`) whose name
    /// holds it; sorted, at most `limit`. When none holds it, the names a
    /// few edits away (`NameSuggestions`: a mistyped letter, two swapped).
    ///
    /// ```swift
    /// CatalogSearch.suggestions(for: "f407", as: .device, in: index)   // ["STM32F407IGHx", …]
    /// ```
    public static func suggestions(for name: String, as subject: Subject, in index: DeviceIndex, limit: Int = 8) -> [String] {
        let similar: [String]
        switch subject {
        case .pack:
            let matcher = NameMatcher(terms: [name])
            similar = index.packs.values.map(\.family.description).filter(matcher.matches)
        case .board:
            similar = CatalogSearch(terms: [name], kinds: [.board]).run(on: index).map(\.name)
        case .device:
            similar = CatalogSearch(terms: [name], kinds: [.device]).run(on: index).map(\.name)
        }
        if similar.isEmpty {
            let names: [String]
            switch subject {
            case .pack: names = index.packs.values.map(\.family.description)
            case .board: names = Array(index.boards.keys) + index.packs.values.flatMap(\.boards)
            case .device: names = Array(index.devices.keys)
            }
            return NameSuggestions.closest(to: name, in: names, limit: limit)
        }
        return Array(Array(Set(similar)).sorted().prefix(limit))
    }

    /// The same name (any case) as another kind of thing than the one asked
    /// for (a board asked for as a device…), spelled as the index spells it.
    public static func otherSubject(named name: String, than subject: Subject, in index: DeviceIndex) -> (subject: Subject, name: String)? {
        let wanted = name.lowercased()
        if subject != .board, let board = index.boards.keys.first(where: { $0.lowercased() == wanted }) { return (.board, board) }
        if subject != .device, let device = index.devices.keys.first(where: { $0.lowercased() == wanted }) { return (.device, device) }
        if subject != .pack, let key = PackFamily(lenient: name)?.lookupKey,
           let record = index.packs.values.first(where: { $0.family.lookupKey == key }) {
            return (.pack, record.family.description)
        }
        return nil
    }
}
