import CMSISPack
import Foundation

/// ETag and Last-Modified of every file fetched, with the local file they
/// describe, kept in `<data>/.cpm/http.json` so the next run can ask
/// "has it changed?" instead of downloading again.
public final class ValidatorStore: @unchecked Sendable {
    public struct Entry: Sendable, Equatable {
        public var validators: HTTPValidators
        /// The local copy the validators belong to.
        public var file: String
    }

    private let path: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var changed = false

    public init(path: String) {
        self.path = path
        guard let bytes = try? FileBytes.read(path), let object = (try? JSONParser.parse(bytes))?.objectValue else { return }
        for (url, value) in object {
            guard let file = value["file"]?.stringValue else { continue }
            let validators = HTTPValidators(etag: value["etag"]?.stringValue, lastModified: value["last_modified"]?.stringValue)
            entries[url] = Entry(validators: validators, file: file)
        }
    }

    /// Validators for a URL, only when the file they describe still exists.
    public func validators(for url: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[url], FileManager.default.fileExists(atPath: entry.file) else { return nil }
        return entry
    }

    public func set(_ url: String, validators: HTTPValidators?, file: String) {
        lock.lock()
        defer { lock.unlock() }
        let entry = validators.map { Entry(validators: $0, file: file) }
        if entries[url] != entry {
            entries[url] = entry
            changed = true
        }
    }

    public func save() throws(CacheError) {
        lock.lock()
        defer { lock.unlock() }
        guard changed else { return }
        var writer = JSONWriter()
        writer.beginObject()
        for url in JSONWriter.sortedKeys(entries.keys) {
            let entry = entries[url]!
            writer.key(url)
            writer.beginObject()
            writer.key("etag"); writer.optionalString(entry.validators.etag)
            writer.key("file"); writer.string(entry.file)
            writer.key("last_modified"); writer.optionalString(entry.validators.lastModified)
            writer.endObject()
        }
        writer.endObject()
        do { try FileBytes.writeAtomically(writer.bytes + [0x0A], to: path) } catch { throw .file(error) }
        changed = false
    }
}
