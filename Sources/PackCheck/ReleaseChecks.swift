import CMSISPack
/// `<releases>`: versions, order, dates, descriptions and deprecation.
///
/// Dates are compared only within one major.minor line: a maintenance
/// release of an older line (4.6.3) may come out after a newer line's
/// release (4.7.0) and is still listed below it.
enum ReleaseChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let releases = context.pack.releases
        guard !releases.isEmpty else {
            if let element = context.root.child("releases") {
                log.add(.noReleases, line: element.line, "<releases> holds no <release>: the pack has no version")
            } else {
                log.add(.noReleasesElement, line: context.root.line, "there is no <releases>: the pack has no version")
            }
            return
        }
        var previous: (version: SemanticVersion, line: Int)?
        var lineDates: [[UInt64]: (date: CalendarDate, line: Int, version: String)] = [:]
        for release in releases {
            if !release.version.isEmpty && release.text.trimmingXMLWhitespace().isEmpty {
                log.add(.releaseWithoutText, line: release.line, "release \(release.version) has no description of what changed")
            }
            let date = checkDate(release, into: &log)
            checkDeprecation(release, into: &log)
            // As packchk: a release whose version is not valid is not checked further.
            guard let version = checkVersion(release, into: &log) else { continue }
            if let before = previous {
                if version == before.version {
                    log.add(.versionOrder, line: release.line, "release \(release.version) repeats the version on line \(before.line)")
                } else if version > before.version {
                    log.add(.versionOrder, line: release.line,
                            "release \(release.version) is newer than \(before.version.text) on line \(before.line): releases are listed newest first")
                }
            }
            previous = (version, release.line)
            if version.isPreRelease {
                log.add(.preRelease, line: release.line, "release \(release.version) is a pre-release")
            } else if date == nil && (release.date ?? "").trimmingXMLWhitespace().isEmpty {
                log.add(.missingDate, line: release.line, "release \(release.version) has no date")
            }
            guard let date else { continue }
            if date > context.today {
                log.add(.futureDate, line: release.line, "release \(release.version) is dated \(date), in the future (today is \(context.today))")
            }
            let series = [version.major, version.minor]
            if let newer = lineDates[series], date > newer.date {
                log.add(.dateOrder, line: release.line,
                        "release \(release.version) is dated \(date), after release \(newer.version) of the same line (\(newer.date), line \(newer.line))")
            }
            lineDates[series] = (date, release.line, release.version)
        }
    }

    private static func checkVersion(_ release: Release, into log: inout FindingLog) -> SemanticVersion? {
        if release.version.isEmpty {
            let described = !release.text.trimmingXMLWhitespace().isEmpty
            log.add(.invalidVersion, line: release.line, "<release> has no version", packchk: described ? "M328" : nil)
            return nil
        }
        guard let version = release.semanticVersion else {
            log.add(.invalidVersion, line: release.line, "release version '\(release.version)' is not a version")
            return nil
        }
        if let problem = version.problem {
            log.add(.invalidVersion, line: release.line, "release version \(problem) (expected major.minor.patch[-pre-release][+build])")
            return nil
        }
        return version
    }

    private static func checkDate(_ release: Release, into log: inout FindingLog) -> CalendarDate? {
        guard let text = release.date?.trimmingXMLWhitespace(), !text.isEmpty else { return nil }
        guard let date = CalendarDate(text) else {
            log.add(.invalidDate, line: release.line, "release \(release.version) has date '\(text)', which is not a valid YYYY-MM-DD date")
            return nil
        }
        return date
    }

    private static func checkDeprecation(_ release: Release, into log: inout FindingLog) {
        if let deprecated = release.deprecated, CalendarDate(deprecated.trimmingXMLWhitespace()) == nil {
            log.add(.invalidDate, line: release.line, "release \(release.version) has deprecated='\(deprecated)', which is not a valid YYYY-MM-DD date")
        }
        guard let replacement = release.replacement else { return }
        if release.deprecated == nil {
            log.add(.replacementWithoutDeprecation, line: release.line,
                    "release \(release.version) names replacement '\(replacement)' but has no deprecated date")
        }
        let parts = replacement.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let valid = parts.count == 2 && parts.allSatisfy { (try? PackNaming.validateIdentifier($0, role: "name")) != nil }
        if !valid {
            log.add(.invalidReplacement, line: release.line,
                    "release \(release.version) names replacement '\(replacement)', which is not <vendor>.<name>")
        }
    }
}
