import CMSISPack
import Foundation

/// `pack list required`: the installed and registered packs that require
/// other packs, each requirement marked installed or missing (cpackget's
/// `list required`).
extension PackRootListing {
    public struct RequirementRow: Sendable, Equatable {
        public var pack: String
        /// `Vendor::Name@range` and whether a version in range is installed.
        public var requirements: [(text: String, installed: Bool)]

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.pack == rhs.pack && lhs.requirements.map(\.text) == rhs.requirements.map(\.text)
                && lhs.requirements.map(\.installed) == rhs.requirements.map(\.installed)
        }
    }

    public func requirements() -> [RequirementRow] {
        let inventory = PackRootInventory(layout: layout)
        let registered = inventory.registered()
        var sources = inventory.installed().map { ($0.reference.packID, $0.descriptionPath) }
        sources += registered.map { ($0.entry.reference.packID, $0.descriptionPath) }
        func satisfied(_ family: PackFamily, _ range: VersionRequirement) -> Bool {
            inventory.installedVersions(of: family).contains(where: range.accepts)
                || registered.contains { $0.entry.reference.family == family && ($0.entry.reference.semanticVersion.map(range.accepts) ?? false) }
        }
        var rows: [RequirementRow] = []
        for (pack, path) in sources {
            guard let description = try? PackDescriptionReader.read(path: path).description,
                  !description.requirements.packages.isEmpty else { continue }
            let requirements = description.requirements.packages.map { requirement in
                let family = PackFamily(vendor: requirement.vendor, name: requirement.name)
                let parsed = (try? VersionRequirement(parsing: requirement.version ?? "")) ?? .latest
                // A bare version in <requirements> means "this or newer".
                let range: VersionRequirement = if case .exactly(let version) = parsed { .atLeast(version) } else { parsed }
                let text = "\(requirement.vendor)::\(requirement.name)" + (range == .latest ? "" : "@\(range)")
                return (text: text, installed: satisfied(family, range))
            }
            rows.append(RequirementRow(pack: pack, requirements: requirements))
        }
        return rows.sorted { $0.pack.lowercased() < $1.pack.lowercased() }
    }
}
