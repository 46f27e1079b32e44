import CMSISPack
import Crypto
import Foundation

/// `.sha256.checksum` files: one line per file in the pack,
/// `<sha256 hex digest> <path in the pack>`, sorted by path, written beside
/// the pack as `<Vendor>.<Name>.<version>.sha256.checksum`.
///
/// cpackget writes the same lines, but never resets its hasher between
/// members, so each of its digests covers that member and every member
/// before it in the archive (folders included, in archive order). Such a
/// "chained" file is read too, and `check` says which form matched; we
/// write the per-file form, whose lines each say something about one file.
///
/// ```swift
/// let text = try PackChecksum.create(pack: "Acme.Widgets.1.0.0.pack")
/// let problems = try PackChecksum.verify(pack: "Acme.Widgets.1.0.0.pack", checksum: text)   // [] when intact
/// ```
public enum PackChecksum {
    /// `Acme.Widgets.1.0.0.pack` → `Acme.Widgets.1.0.0.sha256.checksum`, in the same folder.
    public static func path(forPack pack: String) -> String {
        var base = pack
        if let suffix = [".pack", ".zip"].first(where: { pack.lowercased().hasSuffix($0) }) { base.removeLast(suffix.count) }
        return base + ".sha256.checksum"
    }

    /// The hash functions a checksum file may name (`--hash-function`).
    public static let hashFunctions = ["sha256"]

    /// Which form of checksum file matched the pack.
    public enum Form: String, Sendable {
        /// One digest per file (what we write).
        case perFile = "per-file digests"
        /// cpackget's running digest over the members so far.
        case chained = "cpackget's chained digests"
    }

    public struct Verification: Sendable {
        /// The form that matched; nil when neither did.
        public var form: Form?
        /// What does not match the per-file form, one line each.
        public var problems: [String]
    }

    /// Both forms of digest for every member, in one pass over the archive.
    struct Digests {
        /// File members (normalised paths) → their own digest.
        var perFile: [(path: String, digest: String)] = []
        /// Members as stored, folders included → cpackget's running digest.
        var chained: [String: String] = [:]
    }

    static func digests(pack: String) throws(CacheError) -> Digests {
        let archive: PackArchive
        do { archive = try PackArchive(path: pack) } catch { throw .install(.unreadableArchive(path: error.path, reason: error.reason)) }
        var result = Digests()
        var running = SHA256()
        var seen = Set<String>()
        for (index, member) in archive.storedMembers.enumerated() {
            var own = SHA256()
            do {
                try archive.streamStored(at: index) { chunk in
                    own.update(data: chunk)
                    running.update(data: chunk)
                }
            } catch {
                throw .install(.unreadableArchive(path: error.path, reason: error.reason))
            }
            result.chained[member.name] = hex(running.finalize())
            let path = member.name.replacingOccurrences(of: "\\", with: "/")
            if member.isFile, seen.insert(path).inserted { result.perFile.append((path, hex(own.finalize()))) }
        }
        result.perFile.sort { $0.path < $1.path }
        return result
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    public static func create(pack: String) throws(CacheError) -> String {
        try digests(pack: pack).perFile.map { "\($0.digest) \($0.path)\n" }.joined()
    }

    /// What does not match, one line each; empty when the pack is intact
    /// (in either form).
    public static func verify(pack: String, checksum text: String) throws(CacheError) -> [String] {
        let result = try check(pack: pack, checksum: text)
        return result.form == nil ? result.problems : []
    }

    public static func check(pack: String, checksum text: String) throws(CacheError) -> Verification {
        let expected = try parse(text)
        let digests = try digests(pack: pack)
        var problems: [String] = []
        var seen = Set<String>()
        for (path, digest) in digests.perFile {
            seen.insert(path)
            guard let wanted = expected[path] else {
                problems.append("\(path): in the pack but not in the checksum file")
                continue
            }
            if wanted != digest { problems.append("\(path): digest \(digest), the checksum file says \(wanted)") }
        }
        // Folder lines appear only in cpackget's files; the per-file form passes over them.
        for path in expected.keys.sorted() where !seen.contains(path) && !path.hasSuffix("/") {
            problems.append("\(path): in the checksum file but not in the pack")
        }
        if problems.isEmpty { return Verification(form: .perFile, problems: []) }
        let chained = digests.chained.mapKeys { $0.replacingOccurrences(of: "\\", with: "/") }
        if chained == expected { return Verification(form: .chained, problems: []) }
        return Verification(form: nil, problems: problems)
    }

    /// `<digest> <path>` lines; sha256sum's `<digest>  <path>` and `<digest> *<path>` are read too.
    static func parse(_ text: String) throws(CacheError) -> [String: String] {
        var expected: [String: String] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let parts = trimmed.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
                throw .install(.badChecksumFile(line: number + 1, found: String(trimmed)))
            }
            var path = parts[1].drop { $0 == " " }
            if path.hasPrefix("*") { path = path.dropFirst() }
            expected[String(path).replacingOccurrences(of: "\\", with: "/")] = parts[0].lowercased()
        }
        guard !expected.isEmpty else {
            throw .install(.badChecksumFile(line: nil, found: ""))
        }
        return expected
    }
}

private extension Dictionary {
    func mapKeys(_ transform: (Key) -> Key) -> [Key: Value] {
        Dictionary(map { (transform($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
