import CMSISPack
import Foundation

extension ProbeRSTarget {
    /// A target description and what had to be left out of it, and why.
    public struct Built: Sendable {
        public var target: ProbeRSTarget
        public var warnings: [String]
    }

    /// probe-rs adds a header (at most 8 bytes) before an algorithm's code;
    /// `load_address` is where the code itself goes, so a RAMstart from the
    /// pack moves by this much (as target-gen does).
    static let largestHeader: UInt64 = 8

    /// The description of `devices` of `pack`, with target-gen's rules: a
    /// memory marked default is RAM when writable, flash (`Nvm`) when read-only
    /// and executable, else `Generic`, except that memory a flash algorithm
    /// programs is always flash; one RAM region alone is executable;
    /// algorithms are named after their file and listed once. A device
    /// whose cores probe-rs cannot drive, or that has no memory, is left out
    /// with a warning; so is an algorithm whose file cannot be read.
    /// Reads no file: `parsed` holds the algorithms, read once per pack.
    public static func build(_ parsed: ParsedPack, devices: [EffectiveDevice]) -> Built {
        var builder = Builder(parsed: parsed)
        for device in devices { builder.add(device) }
        let families = Set(devices.map(\.family))
        let name = families.count == 1 ? families.first! : "\(parsed.vendor).\(parsed.name)"
        let target = ProbeRSTarget(name: name, packFileRelease: parsed.release,
                                   variants: builder.variants, flashAlgorithms: builder.algorithms)
        return Built(target: target, warnings: builder.warnings)
    }

    /// The RawFlashAlgorithm of a parsed algorithm, as target-gen makes it.
    static func raw(_ algorithm: FlashAlgorithm, declared: Algorithm, name: String, cores: [String]) -> RawFlashAlgorithm {
        func offset(_ function: FlashAlgorithm.Function) -> UInt64? { algorithm.entryPoints[function].map(UInt64.init) }
        let device = algorithm.device
        return RawFlashAlgorithm(
            name: name, description: device.name, isDefault: declared.isDefault, instructions: algorithm.image,
            loadAddress: declared.ramStart.map { $0 + largestHeader },
            pcInit: offset(.initialize), pcUninit: offset(.uninitialize), pcProgramPage: offset(.programPage) ?? 0,
            pcEraseSector: offset(.eraseSector) ?? 0, pcEraseAll: offset(.eraseChip), pcVerify: offset(.verify),
            pcBlankCheck: offset(.blankCheck), dataSectionOffset: UInt64(algorithm.staticBase),
            flashProperties: FlashProperties(
                addressRange: UInt64(device.start)..<device.end, pageSize: device.pageSize, erasedByteValue: device.erasedValue,
                programPageTimeout: device.programTimeout, eraseSectorTimeout: device.eraseTimeout,
                sectors: device.sectors.map { (UInt64($0.size), UInt64($0.offset)) }),
            cores: cores)
    }

    /// probe-rs's `CoreType` for a core as `index.json` spells it; nil for one probe-rs cannot drive.
    static func coreType(_ indexSpelling: String) -> String? {
        switch indexSpelling {
        case "CortexM0", "CortexM0Plus", "CortexM1", "SC000": return "armv6m"
        case "CortexM3", "SC300": return "armv7m"
        case "CortexM4", "CortexM7": return "armv7em"
        case "CortexM23", "CortexM33", "CortexM35P", "CortexM52", "CortexM55", "CortexM85", "StarMC1", "StarMC3",
             "ARMV8MBL", "ARMV8MML", "ARMV81MML": return "armv8m"
        case "CortexA5", "CortexA7", "CortexA8", "CortexA9", "CortexA15", "CortexA17": return "armv7a"
        case "CortexR4", "CortexR5", "CortexR7", "CortexR8": return "armv7r"
        default: return nil
        }
    }
}

/// Collects variants and algorithms device by device.
private struct Builder {
    let parsed: ParsedPack
    var variants: [ProbeRSTarget.Chip] = []
    var algorithms: [ProbeRSTarget.RawFlashAlgorithm] = []
    var warnings: [String] = []
    private var names = Set<String>()

    init(parsed: ParsedPack) {
        self.parsed = parsed
    }

    mutating func add(_ device: EffectiveDevice) {
        guard names.insert(device.name.lowercased()).inserted else { return }
        guard let entry = parsed.entries[device.name], !entry.processors.isEmpty else {
            warnings.append("\(device.name): left out, it names no core")
            return
        }
        let cores: [ProbeRSTarget.Core]
        do { cores = try Self.cores(entry.processors) } catch {
            warnings.append("\(device.name): left out, \(error.reason)")
            return
        }
        let memoryMap = memoryMap(of: device, cores: cores)
        guard !memoryMap.isEmpty else {
            warnings.append("\(device.name): left out, it has no memory with a start and a size")
            return
        }
        var algorithmNames: [String] = []
        for declared in device.properties.algorithms {
            guard let name = algorithm(declared, of: device, cores: cores), !algorithmNames.contains(name) else { continue }
            algorithmNames.append(name)
        }
        variants.append(.init(name: device.name, cores: cores, memoryMap: memoryMap, flashAlgorithms: algorithmNames))
    }

    /// Adds an algorithm to the family unless the same one is there; its name.
    private mutating func algorithm(_ declared: Algorithm, of device: EffectiveDevice, cores: [ProbeRSTarget.Core]) -> String? {
        guard let file = declared.fileName, let result = parsed.algorithms[file] else { return nil }
        let algorithm: FlashAlgorithm
        switch result {
        case .success(let value): algorithm = value
        case .failure(let error):
            let warning = "flash algorithm left out: \(error)"
            if !warnings.contains(warning) { warnings.append(warning) }
            return nil
        }
        let coreNames = declared.processorName.map { Self.cores(named: $0, in: cores) } ?? []
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        var candidate = ProbeRSTarget.raw(algorithm, declared: declared, name: stem, cores: coreNames)
        var suffix = 1
        while let existing = algorithms.first(where: { $0.name == candidate.name }) {
            if existing == candidate { return existing.name }
            suffix += 1
            candidate.name = "\(stem)_\(suffix)"
        }
        algorithms.append(candidate)
        return candidate.name
    }

    /// The cores: named after Pname (lower case) or "main"; units of one
    /// processor get their number appended.
    static func cores(_ processors: [IndexProcessor]) throws(LeftOut) -> [ProbeRSTarget.Core] {
        var result: [ProbeRSTarget.Core] = []
        for processor in processors {
            guard let type = ProbeRSTarget.coreType(processor.core) else {
                throw LeftOut("probe-rs cannot drive its \(processor.core) core")
            }
            let base = processor.name?.lowercased() ?? "main"
            let shared = processors.filter { $0.name == processor.name }.count > 1
            let accessPort: ProbeRSTarget.AccessPort
            switch processor.accessPort {
            case .index(let index):
                guard index <= 255 else { throw LeftOut("access port index \(index) is out of range") }
                accessPort = .v1(UInt8(index))
            case .address(let address):
                accessPort = .v2(address)
            }
            if (type == "armv7a" || type == "armv7r") && processor.address == nil {
                throw LeftOut("its \(processor.core) core needs the address of its debug registers (<debug address>), which the pack does not give")
            }
            result.append(.init(name: shared ? "\(base)_\(processor.unit)" : base, type: type, accessPort: accessPort,
                                debugBase: type.hasPrefix("armv7a") || type.hasPrefix("armv7r") ? processor.address : nil))
        }
        return result
    }

    /// The cores of processor `pname`: itself, or its numbered units.
    static func cores(named pname: String, in cores: [ProbeRSTarget.Core]) -> [String] {
        let base = pname.lowercased()
        return cores.filter { $0.name == base || $0.name.hasPrefix(base + "_") }.map(\.name)
    }

    /// target-gen's memory map: sorted RAM, then flash, then other regions.
    private func memoryMap(of device: EffectiveDevice, cores: [ProbeRSTarget.Core]) -> [ProbeRSTarget.MemoryRegion] {
        var regions: [(region: ProbeRSTarget.MemoryRegion, processor: String, line: Int)] = []
        for memory in device.properties.memories {
            guard let start = memory.start, let size = memory.size, size > 0, start <= UInt64(UInt32.max) else { continue }
            var access = ProbeRSTarget.Access(read: memory.access.read, write: memory.access.write, execute: memory.access.execute,
                                              boot: memory.isStartup)
            // The deprecated id IRAMn means read, write and execute (the specification's table).
            if memory.attributes["access"] == nil, memory.id?.contains("RAM") == true { access.execute = true }
            let kind: ProbeRSTarget.MemoryRegion.Kind
            let programmed = device.properties.algorithms.contains { algorithm in
                guard let from = algorithm.start, let length = algorithm.size else { return false }
                return from < start + size && start < from + length
            }
            if programmed {
                // A flash algorithm programs it: flash, whatever its access letters say (pyOCD's rule;
                // target-gen would make a writable one RAM, and probe-rs could not program it).
                kind = .nvm
            } else if memory.isDefault && access.read && access.write && !memory.access.peripheral {
                kind = .ram
            } else if memory.isDefault && access.read && access.execute && !access.write {
                kind = .nvm
            } else {
                kind = .generic
            }
            let owners = memory.processorName.map { Self.cores(named: $0, in: cores) } ?? cores.map(\.name)
            guard !owners.isEmpty else { continue }
            let region = ProbeRSTarget.MemoryRegion(kind: kind, name: memory.name, range: start..<(start + size), cores: owners, access: access)
            if let same = regions.firstIndex(where: { $0.region.kind == kind && $0.region.name == region.name && $0.region.access == access
                && $0.region.range == region.range }) {
                regions[same].region.cores += owners.filter { !regions[same].region.cores.contains($0) }
            } else {
                regions.append((region, memory.processorName ?? "", memory.line))
            }
        }
        let order: [ProbeRSTarget.MemoryRegion.Kind] = [.ram, .nvm, .generic]
        // Compared key by key: a comparison of the four-element tuples crashes
        // the Swift 6.3 compiler in release builds (a SIL verifier failure).
        regions.sort { a, b in
            let kinds = (order.firstIndex(of: a.region.kind)!, order.firstIndex(of: b.region.kind)!)
            if kinds.0 != kinds.1 { return kinds.0 < kinds.1 }
            if a.processor != b.processor { return a.processor < b.processor }
            let boots = (a.region.access.boot ? 1 : 0, b.region.access.boot ? 1 : 0)
            if boots.0 != boots.1 { return boots.0 < boots.1 }
            return a.region.range.lowerBound < b.region.range.lowerBound
        }
        var result = regions.map(\.region)
        // Algorithms run from RAM: a lone RAM region must be executable.
        if result.filter({ $0.kind == .ram }).count == 1, let index = result.firstIndex(where: { $0.kind == .ram }) {
            result[index].access.execute = true
        }
        return result
    }
}

/// Why a device is left out of the description (without the device's name).
private struct LeftOut: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
