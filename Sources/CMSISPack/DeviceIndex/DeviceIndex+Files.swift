import Foundation

/// Where the index files live: `index.json` and `aliases.json` as the
/// reference names them, and our `packs.json` beside them.
public struct IndexPaths: Sendable, Equatable {
    public var index: String
    public var aliases: String
    public var packs: String

    public init(directory: String) {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        index = base + "/index.json"
        aliases = base + "/aliases.json"
        packs = base + "/packs.json"
    }
}

/// An index file that exists but cannot be used.
public struct IndexFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

extension DeviceIndex {
    /// Reads the index files; missing files mean an empty index.
    public static func read(_ paths: IndexPaths) throws(IndexFileError) -> DeviceIndex {
        var index = DeviceIndex()
        if let bytes = try readBytes(paths.index) {
            // Checked now (a corrupt file is an error here, not later), parsed
            // into entries only when a device is needed.
            do { try JSONValidator.validateObject(bytes) } catch {
                throw IndexFileError(path: paths.index, reason: "not valid JSON (\(error)); delete it to start a new index")
            }
            index.deviceStorage = DeviceStorage(pending: bytes)
        }
        if let boards = try readObject(paths.aliases) {
            for (name, value) in boards { index.boards[name] = .json(value) }
        }
        if let packs = try readObject(paths.packs), let list = packs["packs"]?.objectValue {
            for (key, value) in list {
                if let record = PackRecord(json: value) { index.packs[key] = record }
            }
        }
        return index
    }

    private static func readBytes(_ path: String) throws(IndexFileError) -> [UInt8]? {
        do {
            return try FileBytes.read(path)
        } catch {
            if error.code == ENOENT { return nil }
            throw IndexFileError(path: path, reason: error.description)
        }
    }

    private static func readObject(_ path: String) throws(IndexFileError) -> [String: JSONValue]? {
        guard let bytes = try readBytes(path) else { return nil }
        do {
            guard let object = try JSONParser.parse(bytes).objectValue else {
                throw IndexFileError(path: path, reason: "not a JSON object")
            }
            return object
        } catch let error as JSONParseError {
            throw IndexFileError(path: path, reason: "not valid JSON (\(error)); delete it to start a new index")
        } catch {
            throw error as! IndexFileError
        }
    }

    public func indexJSON() -> [UInt8] {
        var writer = JSONWriter(capacity: devices.count * 3000)
        writer.beginObject()
        for name in JSONWriter.sortedKeys(devices.keys) {
            writer.key(name)
            devices[name]!.write(to: &writer)
        }
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    public func aliasesJSON() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        for name in JSONWriter.sortedKeys(boards.keys) {
            writer.key(name)
            boards[name]!.write(to: &writer)
        }
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    public func packsJSON() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("format")
        writer.number(1)
        writer.key("packs")
        writer.beginObject()
        for key in JSONWriter.sortedKeys(packs.keys) {
            writer.key(key)
            packs[key]!.write(to: &writer)
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    /// Whether `index.json` has been parsed (or built) in this process.
    public var devicesLoaded: Bool { !deviceStorage.isPending }

    /// The three files' contents, by file name (`index.json`, `aliases.json`,
    /// `packs.json`), for the file layer to write; refused when `index.json`
    /// was read and is not valid JSON (it is left for the user to look at).
    public func files(_ paths: IndexPaths) throws(FileError) -> [(name: String, bytes: [UInt8])] {
        if let error = deviceStorage.parseError {
            throw FileError(path: paths.index, operation: "update", code: EINVAL,
                            detail: "the existing file is not valid JSON (\(error)); it was left as it is, delete it to start a new index")
        }
        return [("index.json", indexJSON()), ("aliases.json", aliasesJSON()), ("packs.json", packsJSON())]
    }
}
