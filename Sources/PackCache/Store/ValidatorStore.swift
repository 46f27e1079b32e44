import CMSISPack
import OwnedFiles
import Foundation
import NIOConcurrencyHelpers

/// ETag and Last-Modified of every file fetched, with the local file they
/// describe, kept in `<data>/.cpm/http.json` so the next run can ask
/// "has it changed?" instead of downloading again.
public final class ValidatorStore: Sendable {
    public struct Entry: Sendable, Equatable {
        public var validators: HTTPValidators
        /// The local copy the validators belong to.
        public var file: String
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var changed = false
    }

    private let place: Place
    private let state = NIOLockedValueBox(State())

    public init(place: Place) {
        self.place = place
        guard let bytes = try? place.read(), let object = (try? JSONParser.parse(bytes))?.objectValue else { return }
        var entries: [String: Entry] = [:]
        for (url, value) in object {
            guard let file = value["file"]?.stringValue else { continue }
            let validators = HTTPValidators(etag: value["etag"]?.stringValue, lastModified: value["last_modified"]?.stringValue)
            entries[url] = Entry(validators: validators, file: file)
        }
        state.withLockedValue { $0.entries = entries }
    }

    /// Validators for a URL, only when the file they describe still exists.
    public func validators(for url: String) -> Entry? {
        // The file itself, not a link standing in its place.
        guard let entry = state.withLockedValue({ $0.entries[url] }), FileStat(entry.file, followingLinks: false)?.isFile == true else { return nil }
        return entry
    }

    public func set(_ url: String, validators: HTTPValidators?, file: String) {
        let entry = validators.map { Entry(validators: $0, file: file) }
        state.withLockedValue { state in
            guard state.entries[url] != entry else { return }
            state.entries[url] = entry
            state.changed = true
        }
    }

    /// Writes the file when something changed since it was last written.
    public func save() throws(CacheError) {
        // Written under the lock, so two saves never cross.
        let failure = state.withLockedValue { (state: inout State) -> FileError? in
            guard state.changed else { return nil }
            do throws(FileError) { try place.write(Self.encode(state.entries)) } catch { return error }
            state.changed = false
            return nil
        }
        if let failure { throw .file(failure) }
    }

    private static func encode(_ entries: [String: Entry]) -> [UInt8] {
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
        return writer.bytes + [0x0A]
    }
}
