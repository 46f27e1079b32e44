/// The device tree: unique names, populated families, processors and
/// memories as written on each level, and what every device ends up with
/// after inheritance.
enum DeviceChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let families = context.pack.devices
        checkNames(families, into: &log)
        for level in DeviceLevel.all(in: families) {
            checkProcessors(level, into: &log)
            checkMemories(level, into: &log)
        }
        for device in context.devices {
            if device.properties.processors.isEmpty {
                log.add(.missingProcessor, line: device.line, "device '\(device.name)' has no <processor>, not even inherited from its family")
            }
            if device.properties.memories.isEmpty {
                log.add(.missingMemory, line: device.line, "device '\(device.name)' has no <memory>, not even inherited from its family")
            }
        }
    }

    /// Devices and variants are selected by name, so each name may appear once.
    private static func checkNames(_ families: [DeviceFamily], into log: inout FindingLog) {
        var seen: [String: (kind: String, line: Int)] = [:]
        func note(_ name: String, kind: String, line: Int) {
            if let first = seen[name] {
                log.add(.duplicateDevice, line: line, "\(kind) '\(name)' is defined again (first as a \(first.kind) on line \(first.line))")
            } else {
                seen[name] = (kind, line)
            }
        }
        for family in families {
            let devices = family.devices + family.subFamilies.flatMap(\.devices)
            if devices.isEmpty {
                log.add(.emptyFamily, line: family.line, "family '\(family.name)' has no devices")
            }
            for subFamily in family.subFamilies where subFamily.devices.isEmpty {
                log.add(.emptyFamily, line: subFamily.line, "sub-family '\(subFamily.name)' has no devices")
            }
            for device in devices.sorted(by: { $0.line < $1.line }) {
                note(device.name, kind: "device", line: device.line)
                for variant in device.variants { note(variant.name, kind: "variant", line: variant.line) }
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

    private static func checkMemories(_ level: DeviceLevel, into log: inout FindingLog) {
        var seen: [String: Int] = [:]
        for memory in level.properties.memories {
            var missing: [String] = []
            if memory["start"] == nil { missing.append("start") }
            if memory["size"] == nil { missing.append("size") }
            if memory["name"] == nil && memory["id"] == nil { missing.append("name (or the deprecated id)") }
            if !missing.isEmpty {
                log.add(.incompleteMemory, line: memory.line, "<memory> of \(level.label) has no \(missing.joined(separator: ", "))")
            }
            guard let name = memory.name else { continue }
            // The same name for two cores is two memories.
            let key = "\(name)|\(memory.processorName ?? "")"
            if let first = seen[key] {
                log.add(.duplicateMemory, line: memory.line, "memory '\(name)' of \(level.label) is defined again (first on line \(first))")
            } else {
                seen[key] = memory.line
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
