import CMSISPack
import Foundation

/// The names pack-manager writes in a folder of each role: what it may
/// delete there once the folder is proven ours (by the marker), and what an
/// unmarked cache must hold, and nothing else, to be adopted (`FolderAdoption`).
public enum FolderRole: String, Sendable, CaseIterable {
    /// `--data-path`: cached descriptions and packs.
    case data
    /// `--json-path`: index.json, aliases.json, packs.json.
    case index
    /// `mirror FOLDER`: a publisher's layout.
    case mirror
    /// `dump-parts FOLDER`: index.json and flash algorithms.
    case parts
    /// `index build --site FOLDER`, `mirror --site FOLDER`: the catalogue.
    case site

    /// How the folder is named in messages.
    public var title: String {
        switch self {
        case .data: return "the data folder"
        case .index: return "the index folder"
        case .mirror: return "the mirror folder"
        case .parts: return "the output folder"
        case .site: return "the catalogue folder"
        }
    }
}

/// What one entry of a folder is, for a set of roles.
enum LayoutMatch: Equatable {
    /// A file or folder of the layout, ours as a whole.
    case ours
    /// A folder of the layout that may also hold other things (`<Vendor>/`):
    /// only what matches inside is ours.
    case folder
    /// A file pack-manager reads but did not write (a description or pack
    /// given to `add-packs`, kept beside the index): it does not stop a folder
    /// from being used, and it is never deleted.
    case tolerated
    /// Not part of the layout.
    case foreign
}

public enum FolderLayout {
    public static let markerName = ".cmsis-pack-manager"
    public static let lockName = ".lock"
    public static let workName = ".cpm"
    public static let vendorListName = "vendors.list"
    public static let indexFiles: Set<String> = ["index.json", "aliases.json", "packs.json"]

    /// What `name` (at the top of a folder with these roles) is.
    static func match(_ name: String, isDirectory: Bool, roles: Set<FolderRole>) -> LayoutMatch {
        if name == markerName || name == lockName { return isDirectory ? .foreign : .ours }
        if isAtomicLeftover(name) { return isDirectory ? .foreign : .ours }
        var best = LayoutMatch.foreign
        for role in roles {
            switch match(name, isDirectory: isDirectory, role: role) {
            case .ours: return .ours
            case .folder: best = .folder
            case .tolerated: if best == .foreign { best = .tolerated }
            case .foreign: break
            }
        }
        return best
    }

    /// `<Vendor>.<Name>.<version>.pdsc`: how the cache (and the reference) names descriptions.
    static func isCachedDescription(_ name: String) -> Bool {
        guard name.hasSuffix(".pdsc"), let parsed = try? PackNaming.parsePDSCFileName(name) else { return false }
        return parsed.version != nil
    }

    /// Inputs of `add-packs` that users keep beside the index.
    static func isPackInput(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".pdsc") || lowered.hasSuffix(".pack")
    }

    private static func match(_ name: String, isDirectory: Bool, role: FolderRole) -> LayoutMatch {
        switch role {
        case .data:
            if isDirectory { return name == workName ? .ours : (name.hasPrefix(".") ? .foreign : .folder) }
            // Descriptions, the reference's `<name>.part` downloads, the vendor
            // list, and the index files, which the default layout keeps here.
            if isCachedDescription(name) || name.hasSuffix(".part") || name == vendorListName || indexFiles.contains(name) { return .ours }
            return isPackInput(name) ? .tolerated : .foreign
        case .index:
            if isDirectory { return .foreign }
            return indexFiles.contains(name) ? .ours : isPackInput(name) ? .tolerated : .foreign
        case .mirror:
            if isDirectory { return name.hasPrefix(".") ? .foreign : .folder }
            return name == "index.pidx" ? .ours : .foreign
        case .parts:
            if isDirectory { return name.hasPrefix(".") ? .foreign : .folder }
            return name == "index.json" || isAlgorithm(name) ? .ours : .foreign
        case .site:
            if name == siteManifestName { return isDirectory ? .foreign : .ours }
            if name.hasPrefix(".") { return .foreign }
            return isDirectory ? .folder : .ours
        }
    }

    /// What `name` is inside a `.folder` entry, `depth` levels below the top
    /// (1: inside `<Vendor>/`).
    static func matchInside(_ name: String, isDirectory: Bool, depth: Int, roles: Set<FolderRole>) -> LayoutMatch {
        if isAtomicLeftover(name) && !isDirectory { return .ours }
        for role in roles {
            switch role {
            case .data:
                // <Vendor>/<Name>/<version>.pack (or the reference's <version>.part).
                if depth == 1 && isDirectory && !name.hasPrefix(".") { return .folder }
                if depth == 2 && !isDirectory && (name.hasSuffix(".pack") || name.hasSuffix(".part")) { return .ours }
            case .mirror:
                // <Vendor>/<Vendor>.<Name>.pdsc, .pack, .sha256.checksum.
                if depth == 1 && !isDirectory && (name.hasSuffix(".pdsc") || name.hasSuffix(".pack") || name.hasSuffix(".sha256.checksum")) {
                    return .ours
                }
            case .parts:
                // Algorithms keep their path inside the pack.
                if depth < 16 && isDirectory && !name.hasPrefix(".") { return .folder }
                if !isDirectory && isAlgorithm(name) { return .ours }
            case .site:
                // Pages in the page folders (packs/, devices/…): files, two levels at most.
                if !name.hasPrefix(".") && (depth == 1 && isDirectory) { return .folder }
                if !name.hasPrefix(".") && !isDirectory && depth <= 2 { return .ours }
            case .index:
                break
            }
        }
        return .foreign
    }

    public static let siteManifestName = ".catalogue-manifest.json"

    /// A page of a catalogue: a file at the top or up to two folders down,
    /// plain names only, none hidden.
    static func isSitePagePath(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        return (1...3).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && Place.isPlainName(String($0)) }
    }

    /// `.<name>.tmp-XXXXXX`: a file an atomic write (`AtomicFile`) had not yet renamed.
    public static func isAtomicLeftover(_ name: String) -> Bool {
        guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return false }
        return name[range.upperBound...].count == 6
    }

    static func isAlgorithm(_ name: String) -> Bool { name.lowercased().hasSuffix(".flm") }
}
