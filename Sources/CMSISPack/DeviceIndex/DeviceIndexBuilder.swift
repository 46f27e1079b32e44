/// Builds the `index.json` entries and `aliases.json` boards of one pack.
///
/// Nothing that the pack defines is dropped for a value we do not know: an
/// unknown core is spelled by the common rule, and a property that cannot be
/// used (a memory without a valid size, say) is left out with a warning that
/// names the device and the line.
public struct DeviceIndexBuilder {
    public struct Result: Sendable {
        public var devices: [DeviceIndexEntry]
        public var boards: [BoardAlias]
        public var diagnostics: [Diagnostic]
    }

    public static func build(_ pack: PackDescription) -> Result {
        var log = DiagnosticLog(file: pack.source)
        let fromPack = FromPack(
            pack: pack.name, url: pack.url, vendor: pack.vendor,
            version: pack.latestRelease?.version ?? "")
        var devices: [DeviceIndexEntry] = []
        for device in pack.devices.effectiveDevices() {
            devices.append(entry(for: device, fromPack: fromPack, log: &log))
        }
        var boards: [BoardAlias] = []
        for board in pack.boards {
            boards.append(BoardAlias(name: board.name, mountedDevices: board.mountedDevices.compactMap(\.name)))
        }
        return Result(devices: devices, boards: boards, diagnostics: log.entries)
    }

    static func entry(for device: EffectiveDevice, fromPack: FromPack, log: inout DiagnosticLog) -> DeviceIndexEntry {
        let properties = device.properties
        var memories: [String: IndexMemory] = [:]
        for memory in properties.memories {
            guard let name = memory.indexKey else {
                log.warning(memory.line, "device '\(device.name)': <memory> without a name or id; skipped")
                continue
            }
            guard let start = number(memory["start"], "start", of: "memory '\(name)'", device, memory.line, &log),
                  let size = number(memory["size"], "size", of: "memory '\(name)'", device, memory.line, &log)
            else { continue }
            memories[name] = IndexMemory(
                access: memory.access, isDefault: memory.isDefault, processorName: memory.processorName,
                size: size, start: start, startup: memory.isStartup)
        }

        var algorithms: [IndexAlgorithm] = []
        for algorithm in properties.algorithms {
            guard let fileName = algorithm.fileName else {
                log.warning(algorithm.line, "device '\(device.name)': <algorithm> without a name; skipped")
                continue
            }
            let what = "algorithm '\(fileName)'"
            guard let start = number(algorithm["start"], "start", of: what, device, algorithm.line, &log),
                  let size = number(algorithm["size"], "size", of: what, device, algorithm.line, &log)
            else { continue }
            let ramStart = optionalNumber(algorithm["RAMstart"], "RAMstart", of: what, device, algorithm.line, &log)
            let ramSize = optionalNumber(algorithm["RAMsize"], "RAMsize", of: what, device, algorithm.line, &log)
            if !["Keil", "IAR", "CMSIS"].contains(algorithm.style) {
                log.warning(algorithm.line, "device '\(device.name)': \(what) has style '\(algorithm.style)', not Keil, IAR or CMSIS")
            }
            algorithms.append(IndexAlgorithm(
                isDefault: algorithm.isDefault, fileName: fileName, ramSize: ramSize, ramStart: ramStart,
                size: size, start: start, style: algorithm.style))
        }

        return DeviceIndexEntry(
            name: device.name, memories: memories, algorithms: algorithms,
            processors: processors(of: device, log: &log), fromPack: fromPack,
            vendor: device.vendor, family: device.family, subFamily: device.subFamily)
    }

    static func processors(of device: EffectiveDevice, log: inout DiagnosticLog) -> [IndexProcessor] {
        let properties = device.properties
        let singleCore = properties.processors.count == 1
        var result: [IndexProcessor] = []
        if properties.processors.isEmpty {
            // Indexed all the same (the catalogue lists it), with no processors;
            // the Python module does not offer such a device to pyOCD.
            log.warning(device.line, "device '\(device.name)' has no <processor>, even after inheritance: indexed without a core")
        }
        for processor in properties.processors {
            guard let core = processor.core else {
                log.warning(processor.line, "device '\(device.name)': <processor\(processor.name.map { " Pname=\"\($0)\"" } ?? "")> has no Dcore; left out")
                continue
            }
            if !CoreNames.known.contains(core) {
                log.warning(processor.line, "device '\(device.name)': Dcore '\(core)' is not in the schema's list; written as '\(CoreNames.indexSpelling(ofCore: core))'")
            }
            let fpu = CoreNames.indexSpelling(ofFPU: processor.fpu) ?? {
                log.warning(processor.line, "device '\(device.name)': Dfpu '\(processor.fpu ?? "")' is not a schema value; written as None")
                return "None"
            }()
            let mpu = CoreNames.indexSpelling(ofMPU: processor.mpu) ?? {
                log.warning(processor.line, "device '\(device.name)': Dmpu '\(processor.mpu ?? "")' is not a schema value; written as NotPresent")
                return "NotPresent"
            }()
            for unit in 0..<max(processor.units, 1) {
                let debug = debugSettings(for: processor, unit: unit, in: properties, singleCore: singleCore)
                var accessPort = IndexProcessor.AccessPortLocation.index(debug?.accessPortIndex ?? 0)
                var debugPort = debug?.debugPort
                if let id = debug?.accessPortID {
                    if let port = properties.accessPortsV2.last(where: { $0.id == id }) {
                        accessPort = .address(port.address ?? 0)
                        debugPort = debugPort ?? port.debugPort
                    } else if let port = properties.accessPortsV1.last(where: { $0.id == id }) {
                        accessPort = .index(port.index ?? 0)
                        debugPort = debugPort ?? port.debugPort
                    } else if let line = debug?.line {
                        log.warning(line, "device '\(device.name)': <debug __apid=\"\(id)\"> names no access port")
                    }
                }
                result.append(IndexProcessor(
                    address: debug?.address, accessPort: accessPort, core: CoreNames.indexSpelling(ofCore: core),
                    defaultResetSequence: debug?.defaultResetSequence, debugPort: debugPort ?? 0,
                    fpu: fpu, mpu: mpu, name: processor.name, svd: debug?.svd, unit: unit))
            }
        }
        return result
    }

    /// The `<debug>` for one core: one naming this core's Pname, else one
    /// naming no core (it applies to all), else on a single-core device any;
    /// among those, one naming this unit before one naming none.
    static func debugSettings(for processor: Processor, unit: Int, in properties: DeviceProperties, singleCore: Bool) -> Debug? {
        let debugs = properties.debugs
        let tiers: [[Debug]] = [
            processor.name == nil ? [] : debugs.filter { $0.processorName == processor.name },
            debugs.filter { $0.processorName == nil },
            singleCore ? debugs : [],
        ]
        for candidates in tiers where !candidates.isEmpty {
            if let match = candidates.first(where: { $0.unit == unit }) ?? candidates.first(where: { $0.unit == nil }) {
                return match
            }
        }
        return nil
    }

    private static func number(_ text: String?, _ attribute: String, of what: String, _ device: EffectiveDevice,
                               _ line: Int, _ log: inout DiagnosticLog) -> UInt64? {
        guard let text else {
            log.warning(line, "device '\(device.name)': \(what) has no \(attribute); skipped")
            return nil
        }
        guard let parsed = SpecNumber.parse(text) else {
            log.warning(line, "device '\(device.name)': \(what) has \(attribute)='\(text)', not a number; skipped")
            return nil
        }
        if let note = parsed.note { log.warning(line, "device '\(device.name)': \(what) \(attribute): \(note)") }
        return parsed.value
    }

    private static func optionalNumber(_ text: String?, _ attribute: String, of what: String, _ device: EffectiveDevice,
                                       _ line: Int, _ log: inout DiagnosticLog) -> UInt64? {
        guard let text else { return nil }
        guard let parsed = SpecNumber.parse(text) else {
            log.warning(line, "device '\(device.name)': \(what) has \(attribute)='\(text)', not a number; ignored")
            return nil
        }
        if let note = parsed.note { log.warning(line, "device '\(device.name)': \(what) \(attribute): \(note)") }
        return parsed.value
    }
}
