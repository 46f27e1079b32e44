/// `<releases>`: versions, order, dates and deprecation.
enum ReleaseChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let releases = context.pack.releases
        guard !releases.isEmpty else {
            let line = context.root.child("releases")?.line ?? context.root.line
            log.add(.noReleases, line: line, "there is no <release>: the pack has no version")
            return
        }
        var previous: (version: SemanticVersion, line: Int)?
        var previousDate: (date: CalendarDate, line: Int)?
        for release in releases {
            let version = checkVersion(release, into: &log)
            if let version, let before = previous {
                if version == before.version {
                    log.add(.versionOrder, line: release.line, "release \(release.version) repeats the version on line \(before.line)")
                } else if version > before.version {
                    log.add(.versionOrder, line: release.line,
                            "release \(release.version) is newer than \(before.version.text) on line \(before.line): releases are listed newest first")
                }
            }
            if let version { previous = (version, release.line) }

            let date = checkDate(release, today: context.today, into: &log)
            if let date, let before = previousDate, date > before.date {
                log.add(.dateOrder, line: release.line,
                        "release \(release.version) is dated \(date), after \(before.date) on line \(before.line): releases are listed newest first")
            }
            if let date { previousDate = (date, release.line) }
            checkDeprecation(release, into: &log)
        }
        if let newest = releases.first?.semanticVersion, newest.isStrict, newest.isPreRelease {
            log.add(.preReleaseLatest, line: releases[0].line, "the newest release \(newest.text) is a pre-release")
        }
    }

    private static func checkVersion(_ release: Release, into log: inout FindingLog) -> SemanticVersion? {
        if release.version.isEmpty {
            log.add(.invalidVersion, line: release.line, "<release> has no version")
            return nil
        }
        guard let version = release.semanticVersion else {
            log.add(.invalidVersion, line: release.line, "release version '\(release.version)' is not a version")
            return nil
        }
        if let problem = version.problem {
            log.add(.invalidVersion, line: release.line, "release version \(problem) (expected major.minor.patch[-pre-release][+build])")
        }
        return version
    }

    private static func checkDate(_ release: Release, today: CalendarDate, into log: inout FindingLog) -> CalendarDate? {
        guard let text = release.date?.trimmingXMLWhitespace(), !text.isEmpty else {
            log.add(.missingDate, line: release.line, "release \(release.version) has no date")
            return nil
        }
        guard let date = CalendarDate(text) else {
            log.add(.invalidDate, line: release.line, "release \(release.version) has date '\(text)', which is not a valid YYYY-MM-DD date")
            return nil
        }
        if date > today {
            log.add(.futureDate, line: release.line, "release \(release.version) is dated \(date), in the future (today is \(today))")
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
