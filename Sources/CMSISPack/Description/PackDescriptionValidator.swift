/// Checks of a decoded description that loading does not need: each a small
/// named check returning its warnings, kept apart from decoding (as SwiftPM
/// keeps its manifest validator apart from manifest loading), so each can be
/// read and tested alone.
///
/// ```swift
/// let warnings = PackDescriptionValidator(description, packageLine: 2).validate()
/// ```
struct PackDescriptionValidator {
    let description: PackDescription
    /// The line of `<package>`, for what is missing from it.
    let packageLine: Int

    init(_ description: PackDescription, packageLine: Int) {
        self.description = description
        self.packageLine = packageLine
    }

    func validate() -> [Diagnostic] {
        vendorName() + releaseVersions() + uniqueParts()
    }

    /// The vendor becomes a file name: letters, digits, '-' and '_' only.
    func vendorName() -> [Diagnostic] {
        guard (try? PackNaming.validateIdentifier(description.vendor, role: "vendor")) == nil else { return [] }
        let line = description.headerElements.last { $0.name == "vendor" }?.line ?? packageLine
        return [warning(line, "vendor '\(description.vendor)' holds characters other than letters, digits, '-' and '_'")]
    }

    /// Every release has a version, and each is a version (with what is
    /// wrong with a lenient one, such as a leading zero).
    func releaseVersions() -> [Diagnostic] {
        let releases = description.releases
        if releases.isEmpty { return [warning(packageLine, "no <release> entries: the pack has no version")] }
        let notVersions = releases.filter { $0.semanticVersion == nil }.map { release in
            warning(release.line, "release version '\(release.version)' is not a version")
        }
        let problems = releases.compactMap { release in
            release.semanticVersion?.problem.map { warning(release.line, "release version \($0)") }
        }
        return notVersions + problems
    }

    /// The specification requires vendor, name, revision, class, variant,
    /// group and sub-group of parts to be unique together.
    func uniqueParts() -> [Diagnostic] {
        var firstLine: [[String?]: Int] = [:]
        return description.parts.compactMap { part in
            if let first = firstLine[part.identity] {
                return warning(part.line, "part '\(part.name)' repeats the identity of the part on line \(first) (Hvendor, Hname, Hrevision, Hclass, Hvariant, Hgroup and Hsub must be unique together)")
            }
            firstLine[part.identity] = part.line
            return nil
        }
    }

    private func warning(_ line: Int, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: description.source, line: line, message)
    }
}
