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
        case packIndex, buildReport, checksum, checkLog, packFileNames, probeRSTarget, pyOCDFlashAlgo

        var title: String {
            switch self {
            case .packIndex: return "a pack index"
            case .buildReport: return "an index build report"
            case .checksum: return "a .sha256.checksum file"
            case .checkLog: return "a report of pack-manager check"
            case .packFileNames: return "a list of .pack file names"
            case .probeRSTarget: return "a probe-rs target description pack-manager wrote"
            case .pyOCDFlashAlgo: return "a pyOCD flash algorithm file pack-manager wrote"
            }
        }
    }

    /// Throws when `path` exists and is not of `kind` (or is a folder).
    public static func check(_ path: String, holds kind: Kind) throws(CacheError) {
        guard let info = FileStat(path) else { return }
        let advice = "; pack-manager replaces only a file of the kind it writes: remove it or choose another name"
        guard info.isFile else { throw .notOwned(path: path, reason: "not written: it is a folder or a special file" + advice) }
        guard holds(path, kind) else {
            throw .notOwned(path: path, reason: "not written: the file there is not \(kind.title)" + advice)
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(CacheError) {
        do {
            try FileOps.createDirectory((path as NSString).deletingLastPathComponent)
            try FileBytes.writeAtomically(bytes, to: path)
        } catch { throw .file(error) }
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
        case .probeRSTarget, .pyOCDFlashAlgo:
            // Our files begin with a line saying so.
            let header = kind == .probeRSTarget ? ProbeRSTarget.fileHeader : PyOCDFlashAlgo.fileHeader
            guard let bytes = try? FileBytes.read(path) else { return false }
            return bytes.isEmpty || bytes.starts(with: Array((header + "\n").utf8))
        case .packFileNames:
            guard let bytes = try? FileBytes.read(path) else { return false }
            let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            return lines.allSatisfy { $0.hasSuffix(".pack") && !$0.contains(" ") && !$0.contains("/") }
        }
    }
}
