import CMSISPack
import Foundation

/// A private folder made with `mkdtemp` in the system's temporary folder,
/// for work that leaves nothing behind (index copies and partial downloads
/// of `index build` and `mirror`, a GnuPG home). It is ours because we made it.
///
/// ```swift
/// let result = try await TemporaryFolder.with(prefix: "cpm-mirror") { work in try await build(in: work) }
/// ```
public struct TemporaryFolder: Sendable {
    public let folder: ClaimedFolder
    public var path: String { folder.path }

    /// The folder as an owned working folder: it and everything in it may go.
    public var owned: OwnedPath { OwnedPath(folder.top, proof: "a temporary folder this run created", scope: .workFolder) }

    public static func create(prefix: String) throws(FileError) -> TemporaryFolder {
        let base = NSTemporaryDirectory().hasSuffix("/") ? String(NSTemporaryDirectory().dropLast()) : NSTemporaryDirectory()
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw FileError(path: base, operation: "create a temporary folder in", code: errno)
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return TemporaryFolder(folder: ClaimedFolder(path: path, proof: "a temporary folder this run created"))
    }

    /// A place inside the folder.
    public func place(_ relative: String) throws(FileError) -> Place { try folder.place(relative) }

    /// Runs `body` with a new temporary folder and removes the folder afterwards, whatever happens.
    public static func with<T>(prefix: String, _ body: (TemporaryFolder) async throws -> T) async throws -> T {
        let folder = try create(prefix: prefix)
        defer { _ = try? folder.owned.remove() }
        return try await body(folder)
    }
}
