/// `<family>`: properties common to its sub-families and devices.
public struct DeviceFamily: Sendable {
    public var name: String
    public var vendor: String
    public var properties: DeviceProperties
    public var subFamilies: [DeviceSubFamily]
    public var devices: [DeviceDefinition]
    public var line: Int
}

/// `<subFamily>`: an optional grouping inside a family.
public struct DeviceSubFamily: Sendable {
    public var name: String
    /// `Dvendor` when this level states one (the schema has it on families;
    /// some files repeat it lower down, and the deepest one counts).
    public var vendor: String?
    public var properties: DeviceProperties
    public var devices: [DeviceDefinition]
    public var line: Int
}

/// `<device>`: one silicon device, possibly with variants.
public struct DeviceDefinition: Sendable {
    public var name: String
    public var vendor: String?
    public var properties: DeviceProperties
    public var variants: [DeviceVariant]
    public var line: Int
}

/// `<variant>`: a package, temperature range or OEM variant of a device.
public struct DeviceVariant: Sendable {
    public var name: String
    public var vendor: String?
    public var properties: DeviceProperties
    public var line: Int
}

/// A device as a tool sees it: a device without variants, or a variant, with
/// everything inherited from the levels above it.
public struct EffectiveDevice: Sendable {
    public let name: String
    public let vendor: String
    public let family: String
    public let subFamily: String?
    /// The `<device>` a variant belongs to; nil for a device itself.
    public let variantOf: String?
    public let properties: DeviceProperties
    public let line: Int
}

extension Array where Element == DeviceFamily {
    /// Every selectable device: variants where a device has them, else the
    /// device itself (a device with variants is not a target of its own).
    public func effectiveDevices() -> [EffectiveDevice] {
        var result: [EffectiveDevice] = []
        for family in self {
            func add(_ device: DeviceDefinition, subFamily: DeviceSubFamily?, above: DeviceProperties) {
                let deviceProperties = device.properties.inheriting(from: above)
                let deviceVendor = device.vendor ?? subFamily?.vendor ?? family.vendor
                if device.variants.isEmpty {
                    result.append(EffectiveDevice(
                        name: device.name, vendor: deviceVendor, family: family.name, subFamily: subFamily?.name,
                        variantOf: nil, properties: deviceProperties, line: device.line))
                    return
                }
                for variant in device.variants {
                    result.append(EffectiveDevice(
                        name: variant.name, vendor: variant.vendor ?? deviceVendor, family: family.name, subFamily: subFamily?.name,
                        variantOf: device.name, properties: variant.properties.inheriting(from: deviceProperties),
                        line: variant.line))
                }
            }
            for device in family.devices {
                add(device, subFamily: nil, above: family.properties)
            }
            for subFamily in family.subFamilies {
                let subProperties = subFamily.properties.inheriting(from: family.properties)
                for device in subFamily.devices {
                    add(device, subFamily: subFamily, above: subProperties)
                }
            }
        }
        // Document order, so "the first definition in the file" means what it says.
        return result.sorted { $0.line < $1.line }
    }
}
