import CMSISPack
/// `<requirements>`: packages named by valid vendor and name, version
/// ranges `min[:max]` that are versions with min <= max. Read from the XML,
/// because the model leaves out package requirements it cannot use.
enum RequirementChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        guard let requirements = context.root.child("requirements") else { return }
        for package in requirements.child("packages")?.children("package") ?? [] {
            var problems: [String] = []
            for (attribute, role) in [("vendor", "vendor"), ("name", "pack name")] {
                guard let value = package[attribute] else {
                    problems.append("has no \(attribute)")
                    continue
                }
                do { try PackNaming.validateIdentifier(value, role: role) } catch { problems.append(error.description) }
            }
            let label = "package requirement \(package["vendor"] ?? "?").\(package["name"] ?? "?")"
            if !problems.isEmpty {
                log.add(.invalidPackRequirement, line: package.line, "\(label): \(problems.joined(separator: "; "))")
            }
            if let range = package["version"] {
                checkRange(range, strict: true, label: label, line: package.line, into: &log)
            }
            if problems.isEmpty {
                checkResolved(package, label: label, context: context, into: &log)
            }
        }
        // Compiler and language versions are free text in the schema; only a
        // range of two versions is checked for its order.
        for group in ["compilers", "languages"] {
            for item in requirements.child(group)?.children.filter(\.isSchemaElement) ?? [] {
                guard let range = item["version"], range.contains(":") else { continue }
                checkRange(range, strict: false, label: "\(item.name) requirement \(item["name"] ?? "?")", line: item.line, into: &log)
            }
        }
    }

    /// packchk's M382: a pack given with `-i` (or this one) satisfies the requirement.
    private static func checkResolved(_ package: XMLElement, label: String, context: CheckContext, into log: inout FindingLog) {
        let range = package["version"].map(VersionRange.init)
        let named = context.catalog.packs.filter { $0.vendor == package["vendor"] && $0.name == package["name"] }
        guard !named.contains(where: { range?.contains($0.version) ?? true }) else { return }
        let found = named.isEmpty ? "" : " (given: \(named.map(\.version).joined(separator: ", ")))"
        let how = context.hasReferences ? "no pack given with -i has a version in its range\(found)"
            : "give the pack with -i to check it"
        log.add(.unresolvedRequirement, line: package.line, "\(label)\(package["version"].map { " \($0)" } ?? ""): \(how)")
    }

    private static func checkRange(_ text: String, strict: Bool, label: String, line: Int, into log: inout FindingLog) {
        let bounds = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingXMLWhitespace() }
        guard bounds.count <= 2 else {
            log.add(.invalidVersionRange, line: line, "\(label): version range '\(text)' has more than one ':'")
            return
        }
        var versions: [SemanticVersion] = []
        for bound in bounds {
            let version = SemanticVersion(bound)
            if !strict && version == nil { return }
            guard let version, !strict || version.isStrict else {
                log.add(.invalidVersionRange, line: line, "\(label): '\(bound)' in version range '\(text)' is not a version (major.minor.patch)")
                return
            }
            versions.append(version)
        }
        if versions.count == 2, versions[1] < versions[0] {
            log.add(.invalidVersionRange, line: line, "\(label): version range '\(text)' has its minimum above its maximum")
        }
    }
}
