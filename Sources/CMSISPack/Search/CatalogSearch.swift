/// Searches the device index for devices, boards, parts and components, from
/// `index.json`, `aliases.json` and `packs.json` only (no PDSC is read).
///
/// Terms are compared without regard to case. A term with `*` or `?` is a
/// glob that must match the whole name; any other term matches anywhere in
/// it. With `.all` every term must match, with `.any` one is enough. Results
/// are ranked: a name equal to a term first, then names starting with one,
/// then the rest; devices before boards, parts and components; shorter names
/// first.
///
/// ```swift
/// CatalogSearch(terms: ["stm32f407*"], mode: .all).run(on: index)
/// ```
public struct CatalogSearch: Sendable {
    public typealias Mode = NameMatcher.Mode

    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case device, board, part, component

        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public struct Hit: Sendable, Equatable {
        public let kind: Kind
        public let name: String
        /// The packs (`Vendor.Name.version`) that provide it, the device's winner first.
        public let packs: [String]
        /// 0 = exact, 1 = prefix, 2 = glob or anywhere.
        public let rank: Int

        /// `find --json`'s form, with the deprecation of the first pack.
        public func json(in index: DeviceIndex) -> JSONValue {
            var members: [String: JSONValue] = [
                "kind": .string(kind.rawValue),
                "name": .string(name),
                "packs": .array(packs.map(JSONValue.string)),
                "exact": .bool(rank == 0),
            ]
            if let record = packs.first.flatMap({ index.packs[$0] }), let deprecated = record.deprecated {
                members["deprecated"] = .string(deprecated)
                members["replacement"] = .optional(record.replacement)
            }
            return .object(members)
        }
    }

    /// The matching rule: terms anywhere, or globs for the whole name.
    public var matcher: NameMatcher
    public var kinds: Set<Kind>

    public var terms: [String] { matcher.terms }
    public var mode: Mode { matcher.mode }

    public init(terms: [String], mode: Mode = .all, kinds: Set<Kind> = Set(Kind.allCases)) {
        matcher = NameMatcher(terms: terms, mode: mode, globs: true)
        self.kinds = kinds
    }

    /// The rank of `name`, or nil when it does not match.
    public func rank(_ name: String) -> Int? { matcher.rank(name) }

    public func run(on index: DeviceIndex) -> [Hit] {
        var hits: [Hit] = []
        if kinds.contains(.device) {
            var definedBy: [String: [String]] = [:]
            for record in index.packs.values {
                for name in record.devices { definedBy[name, default: []].append(record.key) }
            }
            for (name, device) in index.devices {
                guard let rank = rank(name) else { continue }
                var packs = device.fromPack.map { ["\($0.vendor).\($0.pack).\($0.version)"] } ?? []
                for key in (definedBy[name] ?? []).sorted() where !packs.contains(key) { packs.append(key) }
                hits.append(Hit(kind: .device, name: name, packs: packs, rank: rank))
            }
        }
        // Boards, parts and components: by name across pack records; boards
        // also from aliases.json, which other tools may have written.
        var named: [Kind: [String: Set<String>]] = [:]
        for record in index.packs.values {
            if kinds.contains(.board) { for name in record.boards { named[.board, default: [:]][name, default: []].insert(record.key) } }
            if kinds.contains(.part) { for name in record.parts { named[.part, default: [:]][name, default: []].insert(record.key) } }
            if kinds.contains(.component) {
                for name in record.components { named[.component, default: [:]][name, default: []].insert(record.key) }
            }
        }
        if kinds.contains(.board) {
            for name in index.boards.keys where named[.board]?[name] == nil { named[.board, default: [:]][name] = [] }
        }
        for (kind, names) in named {
            for (name, packs) in names {
                guard let rank = rank(name) else { continue }
                hits.append(Hit(kind: kind, name: name, packs: packs.sorted(), rank: rank))
            }
        }
        return hits.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.name.count != b.name.count { return a.name.count < b.name.count }
            return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
    }
}
