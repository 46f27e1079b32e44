import CMSISPack
import OwnedFiles
import Foundation
import NIOConcurrencyHelpers

/// ETag and Last-Modified of every file fetched, with the local file they
/// describe and when the server was last asked about it, kept in
/// `<data>/.cpm/http.json` so the next run can ask "has it changed?"
/// instead of downloading again, or not ask at all (`Revalidation`).
public final class ValidatorStore: Sendable {
    public struct Entry: Sendable, Equatable {
        public var validators: HTTPValidators
        /// The local copy the validators belong to.
        public var file: String
        /// When the server last answered for this URL (200 or 304); nil in files from before it was kept.
        public var checked: Date?
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
            let checked = value["checked"]?.uint64Value.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            entries[url] = Entry(validators: validators, file: file, checked: checked)
        }
        state.withLockedValue { $0.entries = entries }
    }

    /// Validators for a URL, only when the file they describe still exists.
    public func validators(for url: String) -> Entry? {
        // The file itself, not a link standing in its place.
        guard let entry = state.withLockedValue({ $0.entries[url] }), FileStat(entry.file, followingLinks: false)?.isFile == true else { return nil }
        return entry
    }

    /// Records what the server just answered for `url`; with nil validators
    /// the next request is not conditional (the time of the answer is kept).
    public func set(_ url: String, validators: HTTPValidators?, file: String, checked: Date = Date()) {
        let entry = Entry(validators: validators ?? HTTPValidators(etag: nil, lastModified: nil), file: file, checked: checked)
        state.withLockedValue { state in
            guard state.entries[url] != entry else { return }
            state.entries[url] = entry
            state.changed = true
        }
    }

    /// The server answered "not modified" for `url` now.
    public func markChecked(_ url: String, at date: Date = Date()) {
        state.withLockedValue { state in
            guard state.entries[url] != nil else { return }
            state.entries[url]?.checked = date
            state.changed = true
        }
    }

    /// When the server was last asked about `url`, while its local copy exists.
    public func lastChecked(_ url: String) -> Date? {
        validators(for: url)?.checked
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
            if let checked = entry.checked {
                writer.key("checked"); writer.number(UInt64(max(0, checked.timeIntervalSince1970.rounded())))
            }
            writer.key("etag"); writer.optionalString(entry.validators.etag)
            writer.key("file"); writer.string(entry.file)
            writer.key("last_modified"); writer.optionalString(entry.validators.lastModified)
            writer.endObject()
        }
        writer.endObject()
        return writer.bytes + [0x0A]
    }
}
