/// The component attributes of a condition expression (Cvendor, Cbundle,
/// Cclass, Cgroup, Csub, Cvariant with wildcards; Cversion and Capiversion
/// as `min` or `min:max` ranges) matched against a component.
public struct ComponentFilter {
    public let attributes: [String: String]
    /// The patterns, compiled once: a filter is matched against many components.
    private let patterns: [(key: String, pattern: WildcardPattern)]

    public init(_ attributes: [String: String]) {
        self.attributes = attributes
        patterns = ["Cvendor", "Cbundle", "Cclass", "Cgroup", "Csub", "Cvariant"].compactMap { key in
            attributes[key].map { (key, WildcardPattern($0)) }
        }
    }

    public func matches(_ component: Component) -> Bool {
        for (key, pattern) in patterns {
            let value: String?
            switch key {
            case "Cvendor": value = component.vendor
            case "Cbundle": value = component.bundleName
            case "Cclass": value = component.componentClass
            case "Cgroup": value = component.group
            case "Csub": value = component.subGroup
            default: value = component.variant
            }
            guard let value, pattern.matches(value) else { return false }
        }
        if let range = attributes["Cversion"], !VersionRange(range).contains(component.version) { return false }
        if let range = attributes["Capiversion"], !VersionRange(range).contains(component.apiVersion) { return false }
        return true
    }
}

/// A `min[:max]` version range of conditions and requirements: `min` alone
/// means that version or newer; both bounds are inclusive.
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    public let minimum: SemanticVersion?
    public let maximum: SemanticVersion?
    public let text: String

    public init(_ text: String) {
        self.text = text
        let bounds = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        minimum = bounds.first.flatMap { $0.isEmpty ? nil : SemanticVersion($0) }
        maximum = bounds.count > 1 ? SemanticVersion(bounds[1]) : nil
    }

    public func contains(_ version: String?) -> Bool {
        guard let version, let parsed = SemanticVersion(version) else { return minimum == nil && maximum == nil }
        return contains(parsed)
    }

    public func contains(_ version: SemanticVersion) -> Bool {
        if let minimum, version < minimum { return false }
        if let maximum, version > maximum { return false }
        return true
    }

    public var description: String { text }
}
