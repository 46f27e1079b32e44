import CMSISPack
import Foundation

/// A file a command writes where the user says (`index build -o` and
/// `--report`, `checksum-create`). A file already there is replaced only
/// when it is of the kind the command writes — a pack index, a build
/// report, a checksum file, check's log (`-b`) or pack file names (`-n`) — so a mistyped name never overwrites someone's
/// document; a folder is never replaced.
///
/// ```swift
/// try OutputFile.check(output, holds: .packIndex)
/// try OutputFile.write(bytes, to: output)
/// ```
public enum OutputFile {
    public enum Kind: Sendable {
        case packIndex, buildReport, checksum, checkLog, packFileNames
        /// A file this program wrote that begins with `line` (`export`'s), described as `title`.
        case headed(line: String, title: String)

        var title: String {
            switch self {
            case .packIndex: return "a pack index"
            case .buildReport: return "an index build report"
            case .checksum: return "a .sha256.checksum file"
            case .checkLog: return "a report of pack-manager check"
            case .packFileNames: return "a list of .pack file names"
            case .headed(_, let title): return title
            }
        }
    }

    /// Throws when `path` exists and is not of `kind` (or is a folder).
    public static func check(_ path: String, holds kind: Kind) throws(FolderError) {
        guard let info = FileStat(path) else { return }
        let advice = "; pack-manager replaces only a file of the kind it writes: remove it or choose another name"
        guard info.isFile else { throw .notOwned(path: path, reason: "not written: it is a folder or a special file" + advice) }
        guard holds(path, kind) else {
            throw .notOwned(path: path, reason: "not written: the file there is not \(kind.title)" + advice)
        }
    }

    /// Writes the file atomically; its folder (created when missing) is the
    /// user's choice, and only this name in it is written.
    public static func write(_ bytes: [UInt8], to path: String) throws(FolderError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let parent = (absolute as NSString).deletingLastPathComponent
        let folder = ClaimedFolder(path: parent.isEmpty ? "/" : parent, proof: "the folder of a file you named")
        do {
            if FileStat(folder.path) == nil { try OwnedFolderPaths.createUserFolder(folder.path) }
            try folder.top.child((absolute as NSString).lastPathComponent).write(bytes)
        } catch { throw .file(error) }
    }

    /// Writes the file atomically from `body`, which gets the new file open
    /// for writing (for content too large to hold in memory).
    public static func write(to path: String, _ body: (Int32) throws(FileError) -> Void) throws(FolderError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let parent = (absolute as NSString).deletingLastPathComponent
        let folder = ClaimedFolder(path: parent.isEmpty ? "/" : parent, proof: "the folder of a file you named")
        do {
            if FileStat(folder.path) == nil { try OwnedFolderPaths.createUserFolder(folder.path) }
            let top = try folder.top.handle(create: true)!
            try AtomicFile.write(in: top, as: (absolute as NSString).lastPathComponent, mode: 0o644, flush: true, body)
        } catch { throw .file(error) }
    }

    /// Copies the first `length` bytes of the file at `source` to `output`.
    public static func copyPrefix(of source: String, length: Int64, into output: Int32) throws(FileError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw FileError(path: source, operation: "open", code: errno) }
        defer { close(input) }
        var left = length
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while left > 0 {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress!, min($0.count, Int(left))) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw FileError(path: source, operation: "read", code: errno) }
            if count == 0 { throw FileError(path: source, operation: "read", code: EIO, detail: "the file ended early") }
            if let code = buffer.withUnsafeBytes({ AtomicFile.writeAll(output, UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }) {
                throw FileError(path: source, operation: "copy", code: code)
            }
            left -= Int64(count)
        }
    }

    private static func holds(_ path: String, _ kind: Kind) -> Bool {
        switch kind {
        case .packIndex:
            return (try? PackIndexReader.read(path: path)) != nil
        case .buildReport:
            guard let bytes = try? FileBytes.read(path), let object = (try? JSONParser.parse(bytes))?.objectValue else { return false }
            return object["accepted"] != nil && object["rejected"] != nil
        case .checksum:
            guard let bytes = try? FileBytes.read(path) else { return false }
            let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            return !lines.isEmpty && lines.allSatisfy { line in
                let digest = line.prefix { $0 != " " }
                return digest.count == 64 && digest.allSatisfy(\.isHexDigit) && line.count > 65
            }
        case .checkLog:
            // Text reports end each description with "<file>: N errors, N warnings, N infos; …";
            // JSON reports are an object with findings or reports.
            guard let bytes = try? FileBytes.read(path) else { return false }
            if bytes.isEmpty { return true }
            if let object = (try? JSONParser.parse(bytes))?.objectValue {
                return object["findings"] != nil || object["reports"] != nil
            }
            let text = String(decoding: bytes, as: UTF8.self)
            return text.range(of: #": \d+ errors?, \d+ warnings?, \d+ infos?"#, options: .regularExpression) != nil
        case .headed(let line, _):
            guard let bytes = try? FileBytes.read(path) else { return false }
            return bytes.isEmpty || bytes.starts(with: Array((line + "\n").utf8))
        case .packFileNames:
            guard let bytes = try? FileBytes.read(path) else { return false }
            let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            return lines.allSatisfy { $0.hasSuffix(".pack") && !$0.contains(" ") && !$0.contains("/") }
        }
    }
}
