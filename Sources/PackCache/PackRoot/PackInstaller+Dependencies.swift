import CMSISPack

/// The packs a pack requires (`<requirements><packages>`): which are missing,
/// and what to say when they are not to be installed.
extension PackInstaller {
    func dependencies(of description: PackDescription, report: inout Report) -> [(PackFamily, VersionRequirement)] {
        var result: [(PackFamily, VersionRequirement)] = []
        for requirement in description.requirements.packages {
            let family = PackFamily(vendor: requirement.vendor, name: requirement.name)
            let range: VersionRequirement
            do { range = try VersionRequirement(parsing: requirement.version ?? "").rangeForInstall } catch {
                report.notes.append("\(description.family) requires \(family) with an unreadable version '\(requirement.version ?? "")'; taking the newest")
                result.append((family, .latest))
                continue
            }
            if satisfied(family, range) { continue }
            result.append((family, range))
        }
        return result
    }

    func noteMissingDependencies(of description: PackDescription, report: inout Report) {
        for requirement in description.requirements.packages {
            let family = PackFamily(vendor: requirement.vendor, name: requirement.name)
            let range = (try? VersionRequirement(parsing: requirement.version ?? ""))?.rangeForInstall ?? .latest
            if !satisfied(family, range) {
                report.notes.append("\(description.family) needs \(family) \(requirement.version ?? "") which is not installed (--no-dependencies)")
            }
        }
    }

    func satisfied(_ family: PackFamily, _ range: VersionRequirement) -> Bool {
        inventory.installedVersions(of: family).contains(where: range.accepts)
            || inventory.registered().contains { $0.entry.reference.family == family && ($0.entry.reference.semanticVersion.map(range.accepts) ?? false) }
    }
}

extension VersionRequirement {
    /// A `<requirements>` minimum alone ("6.0.0") means "6.0.0 or newer", not exactly.
    var rangeForInstall: VersionRequirement {
        if case .exactly(let version) = self { return .atLeast(version) }
        return self
    }
}
