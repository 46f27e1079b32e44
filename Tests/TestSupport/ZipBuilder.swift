import Foundation
import ZIPFoundation

/// Writes zip archives for tests, including ones no honest tool would write.
public enum ZipBuilder {
    public enum Member: Sendable {
        case file(String, Data)
        case directory(String)
        case symlink(String, target: String)
    }

    public static func write(_ members: [Member], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for member in members {
            switch member {
            case let .file(name, data):
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            case let .directory(name):
                try archive.addEntry(with: name, type: .directory, uncompressedSize: Int64(0)) { _, _ in Data() }
            case let .symlink(name, target):
                let data = Data(target.utf8)
                try archive.addEntry(with: name, type: .symlink, uncompressedSize: Int64(data.count)) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        }
    }

    /// A minimal valid description of one pack version.
    public static func pdsc(vendor: String = "Acme", name: String = "Widgets", versions: [String] = ["1.0.0"],
                     license: String? = nil, url: String = "https://example.com/packs/") -> Data {
        let releases = versions.map { "<release version=\"\($0)\" date=\"2025-01-01\">Release \($0)</release>" }.joined()
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <package schemaVersion="1.7.36">
          <vendor>\(vendor)</vendor><name>\(name)</name><description>Test pack</description>
          <url>\(url)</url>
          \(license.map { "<license>\($0)</license>" } ?? "")
          <releases>\(releases)</releases>
          <devices><family Dfamily="W" Dvendor="ARM:82"><processor Dcore="Cortex-M4" Dfpu="SP_FPU" Dendian="Little-endian"/>
            <memory name="FLASH" access="rx" start="0" size="0x1000" startup="1" default="1"/>
            <device Dname="\(name)_DEV"/></family></devices>
        </package>
        """
        return Data(text.utf8)
    }
}
