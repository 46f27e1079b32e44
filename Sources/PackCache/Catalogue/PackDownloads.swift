import CMSISPack
import Foundation

/// What a pack's device pages offer when the catalogue has the pack's
/// archive (a mirror's copy): its flash algorithms parsed, and a place in
/// the site for each algorithm and SVD file, copied out of the archive.
///
/// Site paths are made by us, never taken from the pack: `downloads/`, the
/// pack's page name, a hash of the member path (two members with one file
/// name stay apart) and the file name reduced to safe characters.
struct PackDownloads: Sendable {
    let archivePath: String
    let parsed: ParsedPack
    /// Site path of each algorithm and SVD file the archive holds, by its path in the pack ('/' separators).
    let sitePaths: [String: String]

    static let folder = "downloads"
    /// SVD files are large; one beyond this is not copied (the page names it instead).
    static let largestCopied: UInt64 = 64 << 20

    /// Nil when the archive cannot be read (the pages then show what the description says).
    static func read(_ page: CatalogueModel.PackPage, devices: [EffectiveDevice]) -> PackDownloads? {
        guard let archivePath = page.pack.archivePath, let pack = try? OpenedPack.file(archivePath) else { return nil }
        var members = Set<String>()
        for device in devices {
            members.formUnion(device.properties.algorithms.compactMap(\.fileName))
            members.formUnion(device.properties.debugs.compactMap(\.svd).map { $0.replacingOccurrences(of: "\\", with: "/") })
        }
        var sitePaths: [String: String] = [:]
        if case .archive(let archive) = pack.files {
            for member in members where archive.contains(member: member) {
                sitePaths[member] = sitePath(pack: page.slug, member: member)
            }
        }
        return PackDownloads(archivePath: archivePath, parsed: pack.parsed(devices: devices), sitePaths: sitePaths)
    }

    static func sitePath(pack slug: String, member: String) -> String {
        let name = (member as NSString).lastPathComponent
        return "\(folder)/\(slug)-\(StableHash.hex32(member))-\(HTMLText.slug(name))"
    }

    /// Where a device's probe-rs description goes.
    static func targetPath(device slug: String) -> String { "\(folder)/\(slug).probe-rs.yaml" }

    /// A debug `svd` attribute as a member path.
    static func member(svd: String) -> String { svd.replacingOccurrences(of: "\\", with: "/") }
}
