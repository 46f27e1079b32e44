import CMSISPack

/// `pack update`: which installed packs to bring to their newest version.
extension PackRootListing {
    public struct UpdatePlan: Sendable {
        /// The newest version of each pack to install, in the listing's order.
        public var updates: [PackSpecifier] = []
        /// Deprecated packs left as they are: the pack, since when, its replacement.
        public var skippedDeprecated: [(family: PackFamily, since: String, replacement: String?)] = []
        /// Packs asked for that are not installed, sorted.
        public var notInstalled: [PackFamily] = []
    }

    /// The updates of the installed packs in `wanted` (every installed pack
    /// when empty). Older versions stay installed; a deprecated pack is
    /// skipped unless `includeDeprecated`.
    public func updatePlan(for wanted: Set<PackFamily>, includeDeprecated: Bool) -> UpdatePlan {
        let rows = rows(.installed)
        var plan = UpdatePlan()
        var seen = Set<PackFamily>()
        for row in rows where row.state == "installed" && (wanted.isEmpty || wanted.contains(row.family)) && seen.insert(row.family).inserted {
            let versions = rows.filter { $0.family == row.family }
            guard let update = versions.compactMap(\.update).first, let version = SemanticVersion(update) else { continue }
            if let deprecated = versions.first?.deprecated, !includeDeprecated {
                plan.skippedDeprecated.append((row.family, deprecated, versions.first?.replacement))
                continue
            }
            plan.updates.append(.named(row.family, .exactly(version)))
        }
        plan.notInstalled = wanted.filter { family in !rows.contains { $0.family == family } }.sorted()
        return plan
    }
}
