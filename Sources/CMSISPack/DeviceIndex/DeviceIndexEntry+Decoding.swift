// Reading entries back from `index.json` (ours or the reference's), tolerant
// of missing fields and of numbers written as strings.

extension DeviceIndexEntry {
    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.name = name
        var memories: [String: IndexMemory] = [:]
        for (key, value) in json["memories"]?.objectValue ?? [:] {
            guard let start = Self.number(value["start"]), let size = Self.number(value["size"]) else { continue }
            let access = value["access"]
            var letters = ""
            for (flag, letter) in [("read", "r"), ("write", "w"), ("execute", "x"), ("peripheral", "p"),
                                   ("secure", "s"), ("non_secure", "n"), ("non_secure_callable", "c")]
            where access?[flag]?.boolValue == true {
                letters += letter
            }
            memories[key] = IndexMemory(
                access: MemoryAccess(letters), isDefault: value["default"]?.boolValue ?? false,
                processorName: value["p_name"]?.stringValue, size: size, start: start,
                startup: value["startup"]?.boolValue ?? false)
        }
        self.memories = memories
        algorithms = (json["algorithms"]?.arrayValue ?? []).compactMap { value in
            guard let fileName = value["file_name"]?.stringValue, let start = Self.number(value["start"]),
                  let size = Self.number(value["size"]) else { return nil }
            return IndexAlgorithm(
                isDefault: value["default"]?.boolValue ?? false, fileName: fileName,
                ramSize: Self.number(value["ram_size"]), ramStart: Self.number(value["ram_start"]),
                size: size, start: start, style: value["style"]?.stringValue ?? "Keil")
        }
        processors = (json["processors"]?.arrayValue ?? []).map { value in
            var accessPort = IndexProcessor.AccessPortLocation.index(0)
            if let address = Self.number(value["ap"]?["Address"]) { accessPort = .address(address) }
            if let index = Self.number(value["ap"]?["Index"]) { accessPort = .index(index) }
            return IndexProcessor(
                address: Self.number(value["address"]), accessPort: accessPort,
                core: value["core"]?.stringValue ?? "", defaultResetSequence: value["default_reset_sequence"]?.stringValue,
                debugPort: Self.number(value["dp"]) ?? 0, fpu: value["fpu"]?.stringValue ?? "None",
                mpu: value["mpu"]?.stringValue ?? "NotPresent", name: value["name"]?.stringValue,
                svd: value["svd"]?.stringValue, unit: Int(clamping: Self.number(value["unit"]) ?? 0))
        }
        fromPack = FromPack(json: json["from_pack"]) ?? FromPack(pack: "", url: "", vendor: "", version: "")
        vendor = json["vendor"]?.stringValue ?? ""
        family = json["family"]?.stringValue ?? ""
        subFamily = json["sub_family"]?.stringValue
    }

    private static func number(_ value: JSONValue?) -> UInt64? {
        switch value {
        case .number(let text)?: return UInt64(text) ?? Double(text).flatMap { $0 >= 0 ? UInt64(exactly: $0.rounded()) : nil }
        case .string(let text)?: return SpecNumber.value(text)
        default: return nil
        }
    }
}

extension DeviceIndex.Device {
    /// The entry with typed fields.
    public var entry: DeviceIndexEntry? {
        switch self {
        case .entry(let entry): return entry
        case .json(let value): return DeviceIndexEntry(json: value)
        }
    }
}
