import Foundation
import TestSupport

/// One mutated input and how it was made (for the report of a failure).
struct FuzzInput {
    var index: Int
    var origin: String
    var mutation: String
    var bytes: [UInt8]
}

/// Mutations of XML files (descriptions and indexes): byte flips,
/// truncation, cut and repeated ranges, deep nesting, huge attributes and
/// text, entity declarations, bad encodings.
enum XMLMutator {
    static let kinds = ["flip", "truncate", "cut", "repeat", "nest-300", "nest-60000", "huge-attribute", "huge-text",
                        "entities", "bad-utf8", "nul", "flip-many"]

    static func mutate(_ original: [UInt8], kind: String, random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        guard !bytes.isEmpty else { return bytes }
        func position() -> Int { Int.random(in: 0..<bytes.count, using: &random) }
        /// A position just after a '>' (between elements), or the middle.
        func boundary() -> Int {
            for _ in 0..<50 {
                let at = position()
                if bytes[at] == UInt8(ascii: ">") { return at + 1 }
            }
            return bytes.count / 2
        }
        switch kind {
        case "flip":
            for _ in 0..<Int.random(in: 1...4, using: &random) { bytes[position()] ^= UInt8.random(in: 1...255, using: &random) }
        case "flip-many":
            for _ in 0..<max(1, bytes.count / 200) { bytes[position()] = UInt8.random(in: 0...255, using: &random) }
        case "truncate":
            bytes.removeSubrange(position()...)
        case "cut":
            let start = position()
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...2000, using: &random)))
        case "repeat":
            let start = position()
            let range = start..<min(bytes.count, start + Int.random(in: 1...4000, using: &random))
            bytes.insert(contentsOf: Array(bytes[range]), at: range.upperBound)
        case "nest-300", "nest-60000":
            let depth = kind == "nest-300" ? 300 : 60000
            let at = boundary()
            bytes.insert(contentsOf: Array(String(repeating: "<a>", count: depth).utf8) + Array(String(repeating: "</a>", count: depth).utf8), at: at)
        case "huge-attribute":
            // Inside the first start tag after the XML declaration.
            if let tag = find(Array("<package".utf8), in: bytes) ?? find(Array("<index".utf8), in: bytes) {
                let value = String(repeating: "A", count: Int.random(in: 1_000_000...3_000_000, using: &random))
                bytes.insert(contentsOf: Array(" huge=\"\(value)\"".utf8), at: tag + 8)
            }
        case "huge-text":
            bytes.insert(contentsOf: Array(String(repeating: "text ", count: 400_000).utf8), at: boundary())
        case "entities":
            let bomb = "<!DOCTYPE package [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            let at = find(Array("?>".utf8), in: bytes).map { $0 + 2 } ?? 0
            bytes.insert(contentsOf: Array(bomb.utf8), at: at)
        case "bad-utf8":
            for _ in 0..<8 { bytes.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE], at: position()) }
        case "nul":
            for _ in 0..<4 { bytes.insert(0, at: position()) }
        default:
            break
        }
        return bytes
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<start + needle.count]) == needle { return start }
        }
        return nil
    }
}

/// Pack archives no honest tool writes: member paths that climb out or are
/// absolute, links, duplicates, no or two descriptions, a description of
/// another pack, a corrupt or truncated zip.
enum PackMutator {
    static let kinds = ["dotdot", "absolute", "backslash-dotdot", "symlink", "duplicate", "case-duplicate", "no-pdsc",
                        "two-pdsc", "other-pack", "flip", "truncate", "nested-pdsc", "file-and-folder", "deep-pdsc"]

    /// Writes the archive for `kind` to `path`; a valid pack Fuzz.P<n> 1.0.0 is the base.
    static func write(kind: String, index: Int, to path: String, random: inout SplitMix64) throws {
        let name = "P\(index)"
        let pdsc = ZipBuilder.pdsc(vendor: "Fuzz", name: name, versions: ["1.0.0"])
        let description = ZipBuilder.Member.file("Fuzz.\(name).pdsc", pdsc)
        let flash = ZipBuilder.Member.file("Flash/F.FLM", Data(repeating: 1, count: 500))
        var members: [ZipBuilder.Member] = [description, flash]
        switch kind {
        case "dotdot": members.append(.file("../../escaped-\(index).txt", Data("escaped".utf8)))
        case "absolute": members.append(.file("/tmp/escaped-\(index).txt", Data("escaped".utf8)))
        case "backslash-dotdot": members.append(.file("Flash\\..\\..\\..\\escaped-\(index).txt", Data("escaped".utf8)))
        case "symlink": members.append(.symlink("Flash/link", target: "/etc"))
        case "duplicate": members.append(.file("Flash/F.FLM", Data(repeating: 2, count: 10)))
        case "case-duplicate": members.append(.file("flash/f.flm", Data(repeating: 2, count: 10)))
        case "no-pdsc": members = [flash]
        case "two-pdsc": members.append(.file("Fuzz.Other.pdsc", ZipBuilder.pdsc(vendor: "Fuzz", name: "Other")))
        case "other-pack": members = [.file("Fuzz.\(name).pdsc", ZipBuilder.pdsc(vendor: "Else", name: "Where")), flash]
        case "nested-pdsc": members = [.file("inner/deeper/Fuzz.\(name).pdsc", pdsc), flash]
        case "file-and-folder": members.append(.file("Flash", Data("a file named like a folder".utf8)))
        case "deep-pdsc":
            var text = String(decoding: pdsc, as: UTF8.self)
            text = text.replacingOccurrences(of: "<devices>", with: String(repeating: "<a>", count: 60000) + String(repeating: "</a>", count: 60000) + "<devices>")
            members = [.file("Fuzz.\(name).pdsc", Data(text.utf8)), flash]
        default: break
        }
        try ZipBuilder.write(members, to: path)
        if kind == "flip" || kind == "truncate" {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            if kind == "flip" {
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                }
            } else {
                bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &random)...)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
    }
}
