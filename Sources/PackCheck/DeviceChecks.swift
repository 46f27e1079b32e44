import CMSISPack
/// The device tree: unique names, populated families, processors as written
/// on each level, and what every device ends up with after inheritance.
enum DeviceChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let families = context.pack.devices
        checkNames(families, into: &log)
        for level in DeviceLevel.all(in: families) {
            checkProcessors(level, into: &log)
        }
        for device in context.devices {
            if device.properties.processors.isEmpty {
                log.add(.missingProcessor, line: device.line, "device '\(device.name)' has no <processor>, not even inherited from its family")
            }
            if device.properties.memories.isEmpty {
                log.add(.missingMemory, line: device.line, "device '\(device.name)' has no <memory>, not even inherited from its family")
            }
            if let odd = device.name.unicodeScalars.first(where: { !isNameCharacter($0) }) {
                log.add(.invalidDeviceName, line: device.line,
                        "device name '\(device.name)' holds '\(odd)'; device names hold letters, digits, '-', '_' and '/'")
            }
        }
        if let devices = context.root.child("devices") { checkDescriptions(in: devices, into: &log) }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == "/")
    }

    /// The `<description>` elements of the device tree's levels are not empty.
    private static func checkDescriptions(in element: XMLElement, into log: inout FindingLog) {
        for child in element.children where child.name == "family" || child.name == "subFamily" || child.name == "device" || child.name == "variant" {
            for description in child.children where description.name == "description" && description.text.isEmpty {
                log.add(.emptyDeviceDescription, line: description.line, "<description> of the device is empty")
            }
            checkDescriptions(in: child, into: &log)
        }
    }

    /// Devices and variants are selected by name, so each name may appear
    /// once; a name used again on any level is noted (packchk's M391).
    private static func checkNames(_ families: [DeviceFamily], into log: inout FindingLog) {
        var devices: [String: (kind: String, line: Int)] = [:]
        var everything: [String: (kind: String, line: Int)] = [:]
        func note(_ name: String, kind: String, line: Int, isDevice: Bool) {
            if let first = everything[name] {
                log.add(.repeatedDeviceName, line: line, "\(kind) name '\(name)' is also used by the \(first.kind) on line \(first.line)")
            } else {
                everything[name] = (kind, line)
            }
            guard isDevice else { return }
            if let first = devices[name] {
                log.add(.duplicateDevice, line: line, "\(kind) '\(name)' is defined again (first as a \(first.kind) on line \(first.line))")
            } else {
                devices[name] = (kind, line)
            }
        }
        for family in families {
            note(family.name, kind: "family", line: family.line, isDevice: false)
            let devices = family.devices + family.subFamilies.flatMap(\.devices)
            if devices.isEmpty {
                log.add(.emptyFamily, line: family.line, "family '\(family.name)' has no devices")
            }
            for subFamily in family.subFamilies {
                note(subFamily.name, kind: "sub-family", line: subFamily.line, isDevice: false)
                if subFamily.devices.isEmpty {
                    log.add(.emptyFamily, line: subFamily.line, "sub-family '\(subFamily.name)' has no devices", packchk: "M360")
                }
            }
            for device in devices.sorted(by: { $0.line < $1.line }) {
                note(device.name, kind: "device", line: device.line, isDevice: true)
                for variant in device.variants { note(variant.name, kind: "variant", line: variant.line, isDevice: true) }
            }
        }
    }

    private static func checkProcessors(_ level: DeviceLevel, into log: inout FindingLog) {
        for processor in level.properties.processors {
            if let core = processor.core, !PackSchemaValues.cores.contains(core) {
                log.add(.unknownCore, line: processor.line,
                        "Dcore '\(core)' of \(level.label) is not a core PACK.xsd lists; tools will not know its architecture")
            }
            if let fpu = processor.fpu, !PackSchemaValues.fpus.contains(fpu) {
                log.add(.unknownFPU, line: processor.line,
                        "Dfpu '\(fpu)' of \(level.label) is not one of \(PackSchemaValues.fpus.sorted().joined(separator: ", "))")
            }
        }
    }
}

/// One level of the device tree as written: family, sub-family, device or variant.
struct DeviceLevel {
    let label: String
    let properties: DeviceProperties
    let line: Int

    static func all(in families: [DeviceFamily]) -> [DeviceLevel] {
        var levels: [DeviceLevel] = []
        func add(_ device: DeviceDefinition) {
            levels.append(DeviceLevel(label: "device '\(device.name)'", properties: device.properties, line: device.line))
            for variant in device.variants {
                levels.append(DeviceLevel(label: "variant '\(variant.name)'", properties: variant.properties, line: variant.line))
            }
        }
        for family in families {
            levels.append(DeviceLevel(label: "family '\(family.name)'", properties: family.properties, line: family.line))
            family.devices.forEach(add)
            for subFamily in family.subFamilies {
                levels.append(DeviceLevel(label: "sub-family '\(subFamily.name)'", properties: subFamily.properties, line: subFamily.line))
                subFamily.devices.forEach(add)
            }
        }
        return levels
    }
}
