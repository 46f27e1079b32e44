import Foundation
import ZIPFoundation

/// A `.pack` file (a zip archive) read in place: its description and single
/// members (flash algorithms, SVD files) without extracting the rest.
///
/// ```swift
/// let pack = try PackArchive(path: "NXP.MK64F12_DFP.11.0.0.pack")
/// let pdsc = try pack.readDescription()
/// let flm = try pack.read(member: "arm/MK_P1M0.FLM")
/// ```
public final class PackArchive {
    public let path: String
    let archive: Archive
    /// Member paths normalised to '/' separators, with their entries.
    private let entries: [String: Entry]
    /// Every entry as stored, duplicates included (for extraction checks).
    let storedEntries: [Entry]
    /// Members larger than this are refused (a zip bomb must not fill memory).
    public static let defaultMemberLimit: UInt64 = 1 << 30

    public init(path: String) throws(PackArchiveError) {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw PackArchiveError(path: path, reason: "no such file")
            }
            throw PackArchiveError(path: path, reason: "not a zip archive (\(error))")
        }
        var entries: [String: Entry] = [:]
        var stored: [Entry] = []
        for entry in archive {
            stored.append(entry)
            // The first of duplicate names counts, as for unzip.
            if entries[Self.normalize(entry.path)] == nil { entries[Self.normalize(entry.path)] = entry }
        }
        self.entries = entries
        storedEntries = stored
    }

    /// All member paths, sorted.
    public var memberPaths: [String] { entries.keys.sorted() }

    /// The pack description inside: the `.pdsc` at the archive's root, else
    /// the one nearest the root.
    public func descriptionMemberPath() throws(PackArchiveError) -> String {
        let candidates = entries.keys.filter { $0.lowercased().hasSuffix(".pdsc") }
        guard let best = candidates.min(by: { a, b in
            let depthA = a.split(separator: "/").count
            let depthB = b.split(separator: "/").count
            return depthA != depthB ? depthA < depthB : a < b
        }) else {
            throw PackArchiveError(path: path, reason: "the archive holds no .pdsc file, so it is not a pack")
        }
        return best
    }

    public func readDescription() throws(PackReadError) -> PackDescriptionReader.Result {
        let member: String
        let bytes: [UInt8]
        do {
            member = try descriptionMemberPath()
            bytes = try read(member: member)
        } catch {
            throw .archive(error)
        }
        return try PackDescriptionReader.read(bytes: bytes, source: "\(path)!/\(member)")
    }

    /// Whether a member exists (same lookup rules as `read(member:)`).
    public func contains(member: String) -> Bool { entry(for: member) != nil }

    /// One member's bytes. Paths may use '\\'; when no member matches exactly,
    /// a case-insensitive match is used (packs are often written on Windows).
    public func read(member: String, limit: UInt64 = PackArchive.defaultMemberLimit) throws(PackArchiveError) -> [UInt8] {
        guard let entry = entry(for: member) else {
            throw PackArchiveError(path: path, reason: "no member '\(member)'")
        }
        guard entry.type == .file else {
            throw PackArchiveError(path: path, reason: "member '\(member)' is not a file")
        }
        if entry.uncompressedSize > limit {
            throw PackArchiveError(path: path, reason: "member '\(member)' is \(entry.uncompressedSize) bytes, over the limit of \(limit)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        try extract(entry, named: member) { chunk in
            if UInt64(bytes.count + chunk.count) > limit { throw PackArchiveError(path: self.path, reason: "member '\(member)' expands past \(limit) bytes") }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Inflates one entry into `consume`, checking its CRC; errors name the member.
    func extract(_ entry: Entry, named member: String, _ consume: (Data) throws -> Void) throws(PackArchiveError) {
        do {
            let checksum = try archive.extract(entry, bufferSize: 1 << 16, consumer: consume)
            guard checksum == entry.checksum else {
                throw PackArchiveError(path: path, reason: "member '\(member)' is corrupt (CRC mismatch)")
            }
        } catch let error as PackArchiveError {
            throw error
        } catch {
            throw PackArchiveError(path: path, reason: "cannot read member '\(member)': \(error)")
        }
    }

    /// Paths of the file members (not folders), normalised, sorted.
    public var fileMemberPaths: [String] {
        entries.filter { $0.value.type == .file }.map(\.key).sorted()
    }

    /// Every member as stored, in the archive's order, folders included: the
    /// walk cpackget's checksum files and signatures are computed over.
    public var storedMembers: [(name: String, isFile: Bool)] {
        storedEntries.map { ($0.path, $0.type != .directory) }
    }

    /// Streams the stored member at `index` of `storedMembers` (nothing for a folder).
    public func streamStored(at index: Int, _ consume: (Data) throws -> Void) throws(PackArchiveError) {
        let entry = storedEntries[index]
        guard entry.type != .directory else { return }
        try extract(entry, named: entry.path, consume)
    }

    /// Streams one member's bytes to `consume` in chunks, checking its CRC,
    /// without holding the member in memory (for digests of large files).
    public func stream(member: String, _ consume: (Data) throws -> Void) throws(PackArchiveError) {
        guard let entry = entry(for: member), entry.type == .file else {
            throw PackArchiveError(path: path, reason: "no file member '\(member)'")
        }
        try extract(entry, named: member, consume)
    }

    private func entry(for member: String) -> Entry? {
        let key = Self.normalize(member)
        if let entry = entries[key] { return entry }
        let lowered = key.lowercased()
        return entries.first { $0.key.lowercased() == lowered }?.value
    }

    static func normalize(_ path: String) -> String {
        var result = path.replacingOccurrences(of: "\\", with: "/")
        while result.hasPrefix("./") { result.removeFirst(2) }
        while result.hasPrefix("/") { result.removeFirst() }
        return result
    }
}

/// A pack archive that cannot be read, with the reason.
public struct PackArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
