// JSON of components for `pack-manager dump components`: the keys of the
// reference's `dumps_components`, with the values the specification gives
// (see README, "Components"), plus keys the reference leaves out.

extension Component {
    /// - Parameter packVersion: the pack's version, used when neither the
    ///   component nor its bundle states a Cversion (the reference does the same).
    public func json(pack: String, packVersion: String?) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id),
            "pack": .string(pack),
            "vendor": .string(vendor),
            "class": .string(componentClass),
            "group": .string(group),
            "is_default": .bool(isDefaultVariant),
            "deprecated": .bool(isDeprecated),
            "description": .string(description ?? ""),
            "rte_addition": .string(rteComponentsH ?? ""),
            "files": .array(files.map(\.json)),
            "line": .number(String(line)),
        ]
        members["sub_group"] = .optional(subGroup)
        members["variant"] = .optional(variant)
        members["version"] = .optional(version ?? packVersion)
        members["api_version"] = .optional(apiVersion)
        members["condition"] = .optional(condition)
        members["max_instances"] = maxInstances.map { .number(String($0)) } ?? .null
        members["bundle"] = .optional(bundleName)
        members["generator"] = .optional(generator)
        members["license_set"] = .optional(licenseSet)
        members["pre_include_global"] = .optional(preIncludeGlobalH)
        members["pre_include_local"] = .optional(preIncludeLocalH)
        return .object(members)
    }
}

extension ComponentFile {
    /// Category and attr in the reference's spelling (first letter upper
    /// case: `sourceC` → `SourceC`), for every value the schema allows.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["path": .string(name)]
        members["category"] = .optional(category.map(Self.capitalised))
        members["attr"] = .optional(attr.map(Self.capitalised))
        for key in ["condition", "select", "src", "version", "language", "scope"] {
            members[key] = .optional(attributes[key])
        }
        return .object(members)
    }

    static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

extension Condition {
    public func json(pack: String) -> JSONValue {
        .object([
            "id": .string(id),
            "pack": .string(pack),
            "description": .optional(description),
            "expressions": .array(expressions.map { expression in
                .object(["kind": .string(expression.kind.rawValue),
                         "attributes": .object(expression.attributes.mapValues(JSONValue.string))])
            }),
            "line": .number(String(line)),
        ])
    }
}

extension JSONValue {
    /// A string, or null when there is none.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
