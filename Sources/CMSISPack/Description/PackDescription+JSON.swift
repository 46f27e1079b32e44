// JSON forms of boards and parts for `pack-manager dump` (our own format:
// attribute names as in the PDSC, so the specification documents them).

extension Board {
    public func json(pack: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name),
            "vendor": .string(vendor),
            "pack": .string(pack),
            "mounted_devices": .array(mountedDevices.map { .object($0.attributes.mapValues(JSONValue.string)) }),
            "compatible_devices": .array(compatibleDevices.map { .object($0.attributes.mapValues(JSONValue.string)) }),
            "debug_interfaces": .array(debugInterfaces.map { .object($0.mapValues(JSONValue.string)) }),
            "features": .array(features.map { .object($0.attributes.mapValues(JSONValue.string)) }),
            "books": .array(books.map { .object($0.attributes.mapValues(JSONValue.string)) }),
            "line": .number(String(line)),
        ]
        members["revision"] = revision.map(JSONValue.string) ?? .null
        members["description"] = description.map(JSONValue.string) ?? .null
        members["sales_contact"] = salesContact.map(JSONValue.string) ?? .null
        members["order_form"] = orderForm.map(JSONValue.string) ?? .null
        members["image"] = image.map { .object($0.mapValues(JSONValue.string)) } ?? .null
        members["debug_probe"] = debugProbe.map { .object($0.mapValues(JSONValue.string)) } ?? .null
        if !mountedParts.isEmpty {
            members["mounted_parts"] = .array(mountedParts.map { .object($0.mapValues(JSONValue.string)) })
        }
        return .object(members)
    }
}

extension Part {
    public func json(pack: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "Hvendor": .string(vendor),
            "Hname": .string(name),
            "pack": .string(pack),
            "features": .array(features.map { .object($0.attributes.mapValues(JSONValue.string)) }),
            "books": .array(books.map { .object($0.attributes.mapValues(JSONValue.string)) }),
            "line": .number(String(line)),
        ]
        for (key, value) in [("Hclass", partClass), ("Hgroup", group), ("Hsub", subGroup),
                             ("Hvariant", variant), ("Hrevision", revision), ("description", description)] {
            members[key] = value.map(JSONValue.string) ?? .null
        }
        members["image"] = image.map { .object($0.mapValues(JSONValue.string)) } ?? .null
        return .object(members)
    }
}
