/// What `dump KIND` prints: one kind of item from pack descriptions, each
/// as JSON naming the pack (`Vendor.Name.version`) it comes from.
///
/// Components can be narrowed to those whose conditions allow a target
/// device; each then carries `"applies"`. Components and conditions keep
/// their document order within a pack; the other kinds are sorted by name.
///
/// ```swift
/// let dump = DescriptionDump(.boards, words: ["nucleo"]).items(of: descriptions)
/// for item in dump.items { print(item.name) }
/// ```
public struct DescriptionDump: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case components, conditions, boards, parts, examples, devices
    }

    public struct Result: Sendable {
        public var items: [(name: String, value: JSONValue)] = []
        /// Packs whose components could not be evaluated for the target: `source: reason`.
        public var failures: [String] = []
    }

    public var kind: Kind
    /// Only items whose name holds every word (any case).
    public var words: [String]
    /// Components: only those whose conditions allow this target.
    public var target: ConditionTarget?

    public init(_ kind: Kind, words: [String] = [], target: ConditionTarget? = nil) {
        self.kind = kind
        self.words = words
        self.target = target
    }

    public func items(of descriptions: [PackDescription]) -> Result {
        var result = Result()
        for description in descriptions {
            collect(description, into: &result)
        }
        if !words.isEmpty {
            let matcher = NameMatcher(terms: words)
            result.items = result.items.filter { matcher.matches($0.name) }
        }
        if kind != .components && kind != .conditions {
            result.items.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        return result
    }

    private func collect(_ description: PackDescription, into result: inout Result) {
        let version = description.latestRelease?.version
        let pack = "\(description.vendor).\(description.name).\(version ?? "")"
        switch kind {
        case .boards:
            result.items += description.boards.map { ($0.name, $0.json(pack: pack)) }
        case .parts:
            result.items += description.parts.map { ($0.name, $0.json(pack: pack)) }
        case .examples:
            result.items += (description.examples?.items ?? []).map { ($0.name, $0.json.adding("pack", .string(pack))) }
        case .conditions:
            result.items += (description.conditions?.conditions ?? []).map { ($0.id, $0.json(pack: pack)) }
        case .devices:
            result.items += IndexedPack(description).devices.map { ($0.name, $0.jsonValue) }
        case .components:
            guard let target else {
                result.items += description.allComponents.map { ($0.id, $0.json(pack: pack, packVersion: version)) }
                return
            }
            do {
                result.items += try description.applicableComponents(for: target).map {
                    ($0.component.id, $0.json(pack: pack, packVersion: version))
                }
            } catch {
                result.failures.append("\(description.source): \(error)")
            }
        }
    }
}

extension ApplicableComponent {
    /// The component's JSON with `"applies"` on it and on each of its files.
    public func json(pack: String, packVersion: String?) -> JSONValue {
        guard case .object(var members) = component.json(pack: pack, packVersion: packVersion) else { return .null }
        members["applies"] = .string(truth.rawValue)
        members["files"] = .array(files.map { file, truth in file.json.adding("applies", .string(truth.rawValue)) })
        return .object(members)
    }
}

extension JSONValue {
    /// An object with `key` set to `value`; anything else unchanged.
    public func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
