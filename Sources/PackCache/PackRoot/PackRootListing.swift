import CMSISPack
import OwnedFiles
import Foundation

/// The rows of `pack list`: installed packs (default), downloaded archives,
/// the public index without (`public`) or only with (`deprecated`) its
/// deprecated packs, or both (`publicAndDeprecated`), as cpackget lists
/// them, or the installed packs with an update.
public struct PackRootListing: Sendable {
    public enum Scope: String, Sendable { case installed, cached, `public`, updates, deprecated, publicAndDeprecated }

    public struct Row: Sendable, Equatable {
        public var family: PackFamily
        public var version: String
        /// installed, local (registered .pdsc), cached (archive in .Download), public.
        public var state: String
        public var installed: Bool
        /// Its archive is in `.Download`.
        public var cached = false
        public var path: String?
        public var deprecated: String?
        public var replacement: String?
        /// The newest version available, when newer than `version`.
        public var update: String?

        public var json: JSONValue {
            .object([
                "vendor": .string(family.vendor), "name": .string(family.name), "version": .string(version),
                "id": .string("\(family.vendor)::\(family.name)@\(version)"),
                "state": .string(state), "installed": .bool(installed), "cached": .bool(cached), "path": .optional(path),
                "deprecated": .optional(deprecated), "replacement": .optional(replacement), "update": .optional(update),
            ])
        }
    }

    public let layout: PackRootLayout

    public init(layout: PackRootLayout) { self.layout = layout }

    public func rows(_ scope: Scope, filter: [String] = []) -> [Row] {
        let inventory = PackRootInventory(layout: layout)
        let index = inventory.publicIndex()
        var rows: [Row] = []
        let installed = inventory.installed()
        switch scope {
        case .installed, .updates:
            // Each pack's versions are read once (its .Web description can be
            // megabytes), however many of its versions are installed.
            var versionsByFamily: [PackFamily: [AvailableVersion]] = [:]
            for pack in installed {
                let family = pack.reference.family
                let versions = versionsByFamily[family] ?? inventory.availableVersions(of: family, entry: index[family])
                versionsByFamily[family] = versions
                let best = VersionRequirement.latest.best(of: versions.compactMap(\.reference.semanticVersion),
                                                          listed: index[family]?.reference.semanticVersion)
                let available = best.flatMap { best in versions.first { $0.reference.semanticVersion == best } }
                let release = versions.first { $0.reference == pack.reference }
                var row = Row(family: family, version: pack.reference.version, state: "installed", installed: true,
                              path: layout.installPath(pack.reference))
                row.deprecated = release?.deprecated ?? index[family]?.deprecated
                row.replacement = release?.replacement ?? index[family]?.replacement
                if let available, let mine = pack.reference.semanticVersion, let theirs = available.reference.semanticVersion, theirs > mine,
                   !installed.contains(where: { $0.reference == available.reference }) {
                    row.update = available.reference.version
                }
                rows.append(row)
            }
            for registered in inventory.registered() {
                // The version the description has now, not the one it had when registered (as cpackget lists it).
                let reference = registered.entry.reference
                let current = (try? PackDescriptionReader.read(path: registered.descriptionPath).description.latestRelease?.version) ?? reference.version
                rows.append(Row(family: reference.family, version: current, state: "local", installed: true,
                                path: registered.descriptionPath))
            }
            if scope == .updates { rows = rows.filter { $0.update != nil } }
        case .cached:
            for reference in inventory.downloaded() {
                rows.append(Row(family: reference.family, version: reference.version, state: "cached",
                                installed: installed.contains { $0.reference == reference }, path: layout.downloadedPackPath(reference)))
            }
        case .public, .deprecated, .publicAndDeprecated:
            let downloaded = Set(inventory.downloaded().map(\.withoutBuildMetadata))
            for (family, entry) in index {
                let deprecated = PackDeprecation.isInEffect(entry.deprecated)
                if (scope == .public && deprecated) || (scope == .deprecated && !deprecated) { continue }
                let reference = entry.reference.withoutBuildMetadata
                var row = Row(family: family, version: entry.reference.version, state: "public",
                              installed: installed.contains { $0.reference == reference },
                              path: nil, deprecated: deprecated ? entry.deprecated : nil, replacement: entry.replacement)
                row.cached = downloaded.contains(reference)
                rows.append(row)
            }
        }
        let words = filter.flatMap { $0.split(separator: " ") }.map { $0.lowercased() }
        if !words.isEmpty {
            rows = rows.filter { row in
                let text = "\(row.family.vendor)::\(row.family.name)@\(row.version)".lowercased()
                return words.allSatisfy { text.contains($0) }
            }
        }
        return rows.sorted { a, b in
            if a.family != b.family { return a.family < b.family }
            if let x = SemanticVersion(a.version), let y = SemanticVersion(b.version), x != y { return x < y }
            return a.version < b.version
        }
    }
}
