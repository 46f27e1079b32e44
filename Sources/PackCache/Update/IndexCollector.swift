import CMSISPack
import Foundation

/// Reads the pack indexes: each URL (conditionally, keeping a copy for the
/// next run), and for a `.vidx` every vendor `.pidx` it lists, all in
/// parallel. The result is one entry per pack, the highest version listed.
enum IndexCollector {
    struct Collection: Sendable {
        var entries: [PackIndexEntry] = []
        /// Index files that could not be fetched or read.
        var failures: [String] = []
        /// Some index could not be fetched because its host could not be
        /// reached or did not answer (offline, a proxy, a firewall).
        var unreachable = false
        /// Refused entries and other remarks, with file and line.
        var diagnostics: [Diagnostic] = []
        /// False when some index could not be read at all, so packs missing
        /// from the list may still exist (nothing may be removed then).
        var complete = true
        var indexFiles = 0
        /// `<vendor>` and `<url>` of each index read, by URL.
        var headers: [String: Header] = [:]
        /// Packs listed more than once (by one index or several): which
        /// listing was kept and which was not.
        var duplicates: [Duplicate] = []
    }

    struct Header: Sendable {
        var kind: PackIndexFile.Kind
        var vendor: String?
        var url: String?
    }

    struct Listing: Sendable {
        var entry: PackIndexEntry
        /// The index file that lists it.
        var source: String
        var place: String { "\(source):\(entry.line)" }
    }

    struct Duplicate: Sendable {
        var kept: Listing
        var dropped: Listing
        /// vidx2pidx's wording names vendor/name/version; ours names both places too.
        var message: String {
            "\(dropped.entry.reference.family) \(dropped.entry.reference.version) (\(dropped.place)) is listed again: "
                + "\(kept.entry.reference.version) (\(kept.place)) is used"
        }
    }

    private struct Read: Sendable {
        var index: PackIndexFile?
        var failure: String?
        var unreachable = false
        var usable: Bool
        var diagnostics: [Diagnostic]
    }

    static func collect(_ urls: [String], fetcher: Fetcher, store: CacheStore, validators: ValidatorStore) async -> Collection {
        var collection = Collection()
        var visited = Set<String>()
        var pending = urls
        var depth = 0
        var listed: [Listing] = []
        while !pending.isEmpty, depth < 3 {
            let batch = pending.filter { visited.insert($0).inserted }
            pending = []
            let reads = await withTaskGroup(of: (Int, Read).self) { group in
                for (position, url) in batch.enumerated() {
                    group.addTask { (position, await read(url, fetcher: fetcher, store: store, validators: validators)) }
                }
                var results = [Read?](repeating: nil, count: batch.count)
                for await (position, read) in group { results[position] = read }
                return results.compactMap { $0 }
            }
            for (url, read) in zip(batch, reads) {
                collection.indexFiles += 1
                collection.diagnostics += read.diagnostics
                if let failure = read.failure { collection.failures.append(failure) }
                if read.unreachable { collection.unreachable = true }
                if !read.usable { collection.complete = false }
                guard let index = read.index else { continue }
                collection.headers[url] = Header(kind: index.kind, vendor: index.vendor, url: index.url)
                // An index names few folders for many packs: each is resolved once, and
                // the entries share its string.
                var resolved: [String: String] = [:]
                for var entry in index.packs {
                    if let known = resolved[entry.url] {
                        entry.url = known
                    } else {
                        let folder = FetchURL.resolve(entry.url, relativeTo: url)
                        resolved[entry.url] = folder
                        entry.url = folder
                    }
                    listed.append(Listing(entry: entry, source: url))
                }
                pending += index.vendorIndexes.map { FetchURL.resolve($0.pidxURL, relativeTo: url) }
            }
            depth += 1
        }
        collection.entries = highestVersions(listed, duplicates: &collection.duplicates)
        return collection
    }

    /// One entry per pack, in the order first listed: the highest version;
    /// the first listing on a tie. The table holds positions in `listed`,
    /// not listings: with a copy of each listing in it, it was the largest
    /// thing in memory (70 MB for 100,000 entries).
    static func highestVersions(_ listed: [Listing], duplicates: inout [Duplicate]) -> [PackIndexEntry] {
        var slot: [PackFamily: Int] = [:]  // family -> its place in `chosen`
        slot.reserveCapacity(listed.count)
        var chosen: [Int] = []  // positions in `listed`
        for (position, listing) in listed.enumerated() {
            let family = listing.entry.reference.family
            guard let place = slot[family] else {
                slot[family] = chosen.count
                chosen.append(position)
                continue
            }
            let current = listed[chosen[place]]
            if let new = listing.entry.reference.semanticVersion, let old = current.entry.reference.semanticVersion, new > old {
                chosen[place] = position
                duplicates.append(Duplicate(kept: listing, dropped: current))
            } else {
                duplicates.append(Duplicate(kept: current, dropped: listing))
            }
        }
        return chosen.map { listed[$0].entry }
    }

    private static func read(_ url: String, fetcher: Fetcher, store: CacheStore, validators: ValidatorStore) async -> Read {
        let copy = store.indexCopyPath(for: url)
        let held = validators.validators(for: url)
        var bytes: [UInt8]?
        var fetched: FetchedContent?
        var failure: String?
        var unreachable = false
        let saved = store.indexCopy(for: url).place
        do {
            var outcome = try await fetcher.fetch(FetchRequest(url: url, validators: held?.validators, sizeLimit: FetchLimits.index))
            // "Unchanged", but the copy we hold is gone or spoilt: ask for the whole file.
            if case .notModified = outcome, (try? saved.read()).flatMap({ try? PackIndexReader.read(bytes: $0, source: url) }) == nil {
                outcome = try await fetcher.fetch(FetchRequest(url: url, sizeLimit: FetchLimits.index))
            }
            switch outcome {
            case .notModified:
                bytes = try? saved.read()
                if bytes == nil { failure = "\(url): the server says unchanged, but the saved copy is gone; run again" }
            case .fetched(let content):
                bytes = content.bytes
                fetched = content
            }
        } catch {
            failure = error.description
            switch error.kind {
            case .unreachable, .connection, .timeout: unreachable = true
            default: break
            }
            if let copy = try? saved.read() {
                bytes = copy
                failure! += "; using the copy saved by an earlier run"
            }
        }
        guard let bytes else {
            return Read(index: nil, failure: failure, unreachable: unreachable, usable: false, diagnostics: [])
        }
        do {
            let result = try PackIndexReader.read(bytes: bytes, source: url)
            // Kept for the next run only once it has been read: a file that
            // does not parse never replaces the last good copy.
            if let fetched {
                do {
                    try store.indexCopy(for: url).place.write(fetched.bytes)
                    validators.set(url, validators: fetched.validators, file: copy)
                } catch {
                    validators.set(url, validators: nil, file: copy)
                }
            }
            return Read(index: result.index, failure: failure, unreachable: unreachable, usable: true, diagnostics: result.diagnostics)
        } catch {
            validators.set(url, validators: nil, file: copy)
            let reason = "\(url): not a usable pack index: \(error)"
            return Read(index: nil, failure: failure.map { $0 + "; " + reason } ?? reason, usable: false, diagnostics: [])
        }
    }
}
