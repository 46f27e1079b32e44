import CMSISPack
import Foundation

/// The two layouts a folder without our marker is recognised by, as a
/// whole, and then adopted (marked) rather than refused:
///
/// - **a cache of the reference** (cmsis-pack-manager 0.6.0 writes no
///   marker), for the data and index roles: `index.json` and `aliases.json`
///   are there as files, the first an object, and every other entry is a
///   name of the reference's layout (`<Vendor>.<Name>.<version>.pdsc`,
///   `<Vendor>/<Name>/<version>.pack`, `vendors.list`, `*.part`); pack
///   files the user keeps beside the index are tolerated and never deleted;
/// - **a catalogue an earlier version wrote**, for the site role:
///   `.catalogue-manifest.json` is there and lists every file of the folder.
///
/// A folder holding only files named like cache files, with no index, is
/// not a cache: file names alone never prove a folder ours.
enum FolderAdoption {
    /// Why the folder is adopted, or nil when it is not recognised.
    static func recognise(_ top: DirectoryHandle, role: FolderRole, contents: OwnedFolder.Contents) -> String? {
        switch role {
        case .data, .index:
            guard contents.foreign.isEmpty, top.info("index.json")?.isFile == true, top.info("aliases.json")?.isFile == true,
                  startsWithBrace(top, "index.json") else { return nil }
            return "a cache of cmsis-pack-manager 0.6.0 in \(top.path) (index.json, aliases.json and only its own files), adopted"
        case .site:
            guard let pages = manifestPages(top), everyFileIsListed(top, pages) else { return nil }
            return "a catalogue written by pack-manager in \(top.path) (every file is in its \(FolderLayout.siteManifestName)), adopted"
        case .mirror, .parts:
            return nil
        }
    }

    /// What to do instead, for a refusal's message.
    static func advice(for role: FolderRole) -> String {
        switch role {
        case .data, .index:
            return "name a new or empty folder (a cache of cmsis-pack-manager 0.6.0 is used when it holds its index.json and aliases.json and only its own files)"
        case .site:
            return "name a new or empty folder (a catalogue pack-manager wrote is used when its \(FolderLayout.siteManifestName) lists every file)"
        case .mirror, .parts:
            return "name a new or empty folder"
        }
    }

    private static func startsWithBrace(_ top: DirectoryHandle, _ name: String) -> Bool {
        guard let descriptor = try? top.openFile(name, flags: O_RDONLY | O_NONBLOCK) else { return false }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        return bytes.prefix(max(count, 0)).first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "{")
    }

    private static func manifestPages(_ top: DirectoryHandle) -> Set<String>? {
        guard top.info(FolderLayout.siteManifestName)?.isFile == true,
              let descriptor = try? top.openFile(FolderLayout.siteManifestName, flags: O_RDONLY | O_NONBLOCK) else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < 64 << 20 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            bytes += buffer.prefix(count)
        }
        guard let pages = (try? JSONParser.parse(bytes))?["pages"]?.objectValue else { return nil }
        return Set(pages.keys)
    }

    /// Every file below `top` (not the manifest or marker) is a listed page; no links.
    private static func everyFileIsListed(_ top: DirectoryHandle, _ pages: Set<String>) -> Bool {
        var pending: [(DirectoryHandle, String)] = [(top, "")]
        while let (handle, prefix) = pending.popLast() {
            guard let names = try? handle.names() else { return false }
            for name in names {
                let relative = prefix + name
                if prefix.isEmpty && [FolderLayout.siteManifestName, FolderLayout.markerName, FolderLayout.lockName].contains(name) { continue }
                switch handle.kind(of: name) {
                case .file?: if !pages.contains(relative) { return false }
                case .directory?:
                    guard prefix.split(separator: "/").count < 3, let child = try? handle.folder(name, create: false) else { return false }
                    pending.append((child, relative + "/"))
                default: return false
                }
            }
        }
        return true
    }
}
