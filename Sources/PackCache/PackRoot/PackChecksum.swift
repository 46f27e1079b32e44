import CMSISPack
import Crypto
import Foundation

/// cpackget's `.sha256.checksum` files: one line per file in the pack,
/// `<sha256 hex digest> <path in the pack>`, sorted by path, written beside
/// the pack as `<Vendor>.<Name>.<version>.sha256.checksum`.
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

    public static func digests(pack: String) throws(CacheError) -> [(path: String, digest: String)] {
        let archive: PackArchive
        do { archive = try PackArchive(path: pack) } catch { throw .install(subject: error.path, reason: error.reason) }
        var result: [(String, String)] = []
        for member in archive.fileMemberPaths {
            var hasher = SHA256()
            do {
                try archive.stream(member: member) { chunk in hasher.update(data: chunk) }
            } catch {
                throw .install(subject: error.path, reason: error.reason)
            }
            result.append((member, hasher.finalize().map { String(format: "%02x", $0) }.joined()))
        }
        return result
    }

    public static func create(pack: String) throws(CacheError) -> String {
        try digests(pack: pack).map { "\($0.digest) \($0.path)\n" }.joined()
    }

    /// What does not match, one line each; empty when the pack is intact.
    public static func verify(pack: String, checksum text: String) throws(CacheError) -> [String] {
        var expected: [String: String] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            // "<digest> <path>"; sha256sum's "<digest>  <path>" and "<digest> *<path>" are read too.
            let parts = trimmed.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
                throw .install(subject: "line \(number + 1) of the checksum file", reason: "expected '<sha256 digest> <path>', found '\(trimmed)'")
            }
            var path = parts[1].drop { $0 == " " }
            if path.hasPrefix("*") { path = path.dropFirst() }
            expected[String(path).replacingOccurrences(of: "\\", with: "/")] = parts[0].lowercased()
        }
        guard !expected.isEmpty else {
            throw .install(subject: "the checksum file", reason: "it lists no files")
        }
        var problems: [String] = []
        var seen = Set<String>()
        for (path, digest) in try digests(pack: pack) {
            seen.insert(path)
            guard let wanted = expected[path] else {
                problems.append("\(path): in the pack but not in the checksum file")
                continue
            }
            if wanted != digest { problems.append("\(path): digest \(digest), the checksum file says \(wanted)") }
        }
        for path in expected.keys.sorted() where !seen.contains(path) {
            problems.append("\(path): in the checksum file but not in the pack")
        }
        return problems
    }
}
