import CMSISPack
import OwnedFiles
import Foundation

/// The archive comment of a zip file, where cpackget keeps a pack's
/// signature. It is the tail of the End Of Central Directory record, the
/// last record of the file; nothing else in the archive refers to it, so a
/// copy with another comment holds the same members, byte for byte.
///
/// ```swift
/// let comment = try ZipComment.read("Acme.Widgets.1.0.0.pack")
/// try ZipComment.copy("Acme.Widgets.1.0.0.pack", to: "Acme.Widgets.1.0.0.pack.signed", comment: "…")
/// ```
public enum ZipComment {
    private static let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    private static let recordSize = 22

    /// Where the End Of Central Directory record starts: the last one whose
    /// comment length reaches exactly to the end of the file.
    static func recordOffset(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= recordSize else { return nil }
        var offset = bytes.count - recordSize
        let lowest = max(0, bytes.count - recordSize - 0xFFFF)
        while offset >= lowest {
            if Array(bytes[offset..<offset + 4]) == signature {
                let length = Int(bytes[offset + 20]) | Int(bytes[offset + 21]) << 8
                if offset + recordSize + length == bytes.count { return offset }
            }
            offset -= 1
        }
        return nil
    }

    public static func read(_ path: String) throws(CacheError) -> String {
        let (tail, _) = try self.tail(path)
        guard let offset = recordOffset(tail) else {
            throw .signature(subject: path, reason: "not a zip archive (no end of central directory record)")
        }
        return String(decoding: tail[(offset + recordSize)...], as: UTF8.self)
    }

    /// Writes a copy of `source` with `comment` as its archive comment; the
    /// copy appears complete or not at all. Only the tail is read into
    /// memory, so packs of gigabytes are fine.
    public static func copy(_ source: String, to destination: String, comment: String) throws(CacheError) {
        let (tail, start) = try self.tail(source)
        guard let offset = recordOffset(tail) else {
            throw .signature(subject: source, reason: "not a zip archive (no end of central directory record)")
        }
        let text = Array(comment.utf8)
        guard text.count <= 0xFFFF else {
            throw .signature(subject: source, reason: "the signature is longer than a zip comment may be (65535 bytes)")
        }
        let keep = Int64(start + offset + 20)
        let trailer = [UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text
        try folderStep { () throws(FolderError) in
            try OutputFile.write(to: destination) { output throws(FileError) in
                try OutputFile.copyPrefix(of: source, length: keep, into: output)
                if let code = trailer.withUnsafeBytes({ FileBytes.writeAll(output, $0) }) {
                    throw FileError(path: destination, operation: "write the signed copy", code: code)
                }
            }
        }
    }

    /// The last 64 KiB and a record of the file (where the record must be), and where they start.
    private static func tail(_ path: String) throws(CacheError) -> ([UInt8], Int) {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            let start = size > UInt64(recordSize + 0xFFFF) ? size - UInt64(recordSize + 0xFFFF) : 0
            try handle.seek(toOffset: start)
            return (Array(try handle.readToEnd() ?? Data()), Int(start))
        } catch {
            throw .file(FileError(path: path, operation: "read", code: EIO, detail: "\(error)"))
        }
    }
}
