// The JSON form of index entries: field names, value types and enum
// spellings as the reference writes them; keys in sorted order.

extension DeviceIndexEntry {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("algorithms")
        writer.beginArray()
        for algorithm in algorithms { algorithm.write(to: &writer) }
        writer.endArray()
        writer.key("family")
        writer.string(family)
        writer.key("from_pack")
        fromPack.write(to: &writer)
        writer.key("memories")
        writer.beginObject()
        for key in JSONWriter.sortedKeys(memories.keys) {
            writer.key(key)
            memories[key]!.write(to: &writer)
        }
        writer.endObject()
        writer.key("name")
        writer.string(name)
        writer.key("processors")
        writer.beginArray()
        for processor in processors { processor.write(to: &writer) }
        writer.endArray()
        writer.key("sub_family")
        writer.optionalString(subFamily)
        writer.key("vendor")
        writer.string(vendor)
        writer.endObject()
    }

    public var jsonValue: JSONValue {
        var writer = JSONWriter(capacity: 4096)
        write(to: &writer)
        // Our own output always parses.
        return try! JSONParser.parse(writer.bytes)
    }
}

extension IndexMemory {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("access")
        writer.beginObject()
        writer.key("execute"); writer.bool(access.execute)
        writer.key("non_secure"); writer.bool(access.nonSecure)
        writer.key("non_secure_callable"); writer.bool(access.nonSecureCallable)
        writer.key("peripheral"); writer.bool(access.peripheral)
        writer.key("read"); writer.bool(access.read)
        writer.key("secure"); writer.bool(access.secure)
        writer.key("write"); writer.bool(access.write)
        writer.endObject()
        writer.key("default"); writer.bool(isDefault)
        writer.key("p_name"); writer.optionalString(processorName)
        writer.key("size"); writer.number(size)
        writer.key("start"); writer.number(start)
        writer.key("startup"); writer.bool(startup)
        writer.endObject()
    }
}

extension IndexAlgorithm {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("default"); writer.bool(isDefault)
        writer.key("file_name"); writer.string(fileName)
        writer.key("ram_size"); writer.optionalNumber(ramSize)
        writer.key("ram_start"); writer.optionalNumber(ramStart)
        writer.key("size"); writer.number(size)
        writer.key("start"); writer.number(start)
        writer.key("style"); writer.string(style)
        writer.endObject()
    }
}

extension IndexProcessor {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("address"); writer.optionalNumber(address)
        writer.key("ap")
        writer.beginObject()
        switch accessPort {
        case .address(let value): writer.key("Address"); writer.number(value)
        case .index(let value): writer.key("Index"); writer.number(value)
        }
        writer.endObject()
        writer.key("core"); writer.string(core)
        writer.key("default_reset_sequence"); writer.optionalString(defaultResetSequence)
        writer.key("dp"); writer.number(debugPort)
        writer.key("fpu"); writer.string(fpu)
        writer.key("mpu"); writer.string(mpu)
        writer.key("name"); writer.optionalString(name)
        writer.key("svd"); writer.optionalString(svd)
        writer.key("unit"); writer.number(unit)
        writer.endObject()
    }
}

extension FromPack {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("pack"); writer.string(pack)
        writer.key("url"); writer.string(url)
        writer.key("vendor"); writer.string(vendor)
        writer.key("version"); writer.string(version)
        writer.endObject()
    }

    /// Reads `from_pack` of an index entry.
    public init?(json: JSONValue?) {
        guard let json, let pack = json["pack"]?.stringValue, let vendor = json["vendor"]?.stringValue,
              let version = json["version"]?.stringValue
        else { return nil }
        self.init(pack: pack, url: json["url"]?.stringValue ?? "", vendor: vendor, version: version)
    }
}

extension BoardAlias {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("mounted_devices")
        writer.beginArray()
        for device in mountedDevices { writer.string(device) }
        writer.endArray()
        writer.key("name"); writer.string(name)
        writer.endObject()
    }
}
