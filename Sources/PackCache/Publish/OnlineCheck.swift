import CMSISPack
import PackCheck
import Foundation

/// `check --online`: what the publishing procedure of the Open-CMSIS-Pack
/// specification requires, checked against the real URLs with the update's
/// downloader (the same per-host limits and TLS settings; HEAD requests for
/// archives):
/// - the description at `<url>` is the one checked (or newer, said so);
/// - the newest release's archive is there, and each earlier one (a warning
///   for each missing, with the URL tried);
/// - a rehosted pack (its `<url>` is not where it was found, or the newer
///   description at `<url>` names another `<url>`): the newest description at
///   both the old and the new URL, every earlier archive copied to the new;
/// - a deprecated pack: its replacement published at `<url>`, starting at
///   1.0.0, with its newest archive.
///
/// Findings carry `check`'s ids (`CheckRule.online`), at the line of
/// `<url>` or of the release concerned.
///
/// ```swift
/// let findings = await OnlineCheck(fetcher: fetcher).check(.init(bytes: bytes, description: pack, file: "Acme.Widgets.pdsc"))
/// ```
public struct OnlineCheck: Sendable {
    public let fetcher: Fetcher

    public init(fetcher: Fetcher) {
        self.fetcher = fetcher
    }

    /// One description to check, as read.
    public struct Subject: Sendable {
        public var bytes: [UInt8]
        public var description: PackDescription
        /// Where findings point (a path, or `file.pack!/member.pdsc`).
        public var file: String
        /// The folder URL the description was found at, when known (an
        /// index's entry, `--rehosted-from`): another `<url>` makes it a rehost.
        public var foundAt: String?

        public init(bytes: [UInt8], description: PackDescription, file: String, foundAt: String? = nil) {
            self.bytes = bytes
            self.description = description
            self.file = file
            self.foundAt = foundAt
        }

        var urlLine: Int? { description.headerElements.first { $0.name == "url" }?.line }
        /// `<url>` as a folder URL, when it is an http(s) one.
        var folder: String? { OnlineCheck.folder(description.url) }
    }

    /// A move from one `<url>` to another.
    struct Rehost: Sendable {
        var old: String
        var new: String
    }

    public func check(_ subject: Subject) async -> [Finding] {
        guard let folder = subject.folder else {
            let stated = subject.description.url.trimmingCharacters(in: .whitespacesAndNewlines)
            return [Finding(.descriptionNotPublished, subject, line: subject.urlLine,
                            stated.isEmpty ? "there is no <url>, so nothing published can be checked"
                                           : "<url> '\(stated)' is not an http(s) URL, so nothing published can be checked")]
        }
        var findings: [Finding] = []
        var newest = subject
        var rehost = subject.foundAt.map(Self.slashed).flatMap { $0 == folder ? nil : Rehost(old: $0, new: folder) }

        let published = folder + subject.description.family.pdscFileName
        switch await fetchDescription(published) {
        case .missing(let error):
            findings.append(.descriptionNotPublished, subject, line: subject.urlLine, "no description at \(published) (\(error.reason))")
        case .unchecked(let error):
            findings.append(.onlineCheckFailed, subject, line: subject.urlLine, "\(published) could not be checked: \(error.reason)")
        case .found(let bytes, let description):
            if bytes != subject.bytes {
                let there = description?.latestRelease?.semanticVersion
                let here = subject.description.latestRelease?.semanticVersion
                let thereText = description?.latestRelease?.version ?? "unreadable"
                let hereText = subject.description.latestRelease?.version ?? "none"
                if let description, let there, let here, there > here {
                    findings.append(.publishedDescriptionNewer, subject, line: subject.urlLine,
                                    "\(published) is version \(thereText), newer than \(hereText) here; its archives are checked")
                    newest = Subject(bytes: bytes, description: description, file: published)
                    if let moved = newest.folder, moved != folder { rehost = Rehost(old: folder, new: moved) }
                } else if let there, let here, there == here {
                    findings.append(.publishedDescriptionDiffers, subject, line: subject.urlLine,
                                    "\(published) is version \(thereText) too, but not the same file: publish this one, or give it a new release")
                } else {
                    findings.append(.publishedDescriptionOlder, subject, line: subject.urlLine,
                                    "\(published) is version \(thereText), not \(hereText): upload the description checked here")
                }
            }
        }
        findings += await archiveFindings(newest, rehost: rehost)
        if let rehost {
            findings += await oldDescriptionFindings(newest, rehost: rehost, line: newest.file == subject.file ? subject.urlLine : nil)
        }
        findings += await replacementFindings(newest)
        return findings
    }

    // MARK: Rehost

    /// The newest description must be at the old URL too (users who have
    /// not noticed the move follow it there).
    func oldDescriptionFindings(_ newest: Subject, rehost: Rehost, line: Int?) async -> [Finding] {
        let url = rehost.old + newest.description.family.pdscFileName
        let moved = "the pack moved from \(rehost.old) to \(rehost.new)"
        switch await fetchDescription(url) {
        case .missing(let error):
            return [Finding(.rehostOldDescription, newest, line: line, "\(moved), but \(url) is gone (\(error.reason)): keep the newest description there too")]
        case .unchecked(let error):
            return [Finding(.onlineCheckFailed, newest, line: line, "\(url) could not be checked: \(error.reason)")]
        case .found(let bytes, let description):
            guard bytes != newest.bytes else { return [] }
            let version = description?.latestRelease?.version ?? "unreadable"
            return [Finding(.rehostOldDescription, newest, line: line,
                            "\(moved), but \(url) is another file (version \(version)): copy the newest description there too")]
        }
    }

    // MARK: Renames

    /// A deprecated pack's replacement: published at `<url>` (where the
    /// procedure puts all four files), starting at 1.0.0, with its archive.
    func replacementFindings(_ subject: Subject) async -> [Finding] {
        guard let latest = subject.description.latestRelease, latest.deprecated != nil,
              let named = latest.replacement?.trimmingCharacters(in: .whitespacesAndNewlines), !named.isEmpty,
              let family = PackFamily(lenient: named),
              (try? PackNaming.validateIdentifier(family.vendor, role: "vendor")) != nil,
              (try? PackNaming.validateIdentifier(family.name, role: "pack name")) != nil,
              let folder = subject.folder
        else { return [] }
        let line = latest.line
        let url = folder + family.pdscFileName
        switch await fetchDescription(url) {
        case .missing(let error):
            return [Finding(.replacementNotPublished, subject, line: line,
                            "release \(latest.version) names \(named) as the replacement, but there is no \(url) (\(error.reason))")]
        case .unchecked(let error):
            return [Finding(.onlineCheckFailed, subject, line: line, "\(url) could not be checked: \(error.reason)")]
        case .found(let bytes, let description):
            guard let description else {
                return [Finding(.replacementNotPublished, subject, line: line, "\(url) is not a readable pack description")]
            }
            guard description.family.lookupKey == family.lookupKey else {
                return [Finding(.replacementNotPublished, subject, line: line, "\(url) describes \(description.family), not \(named)")]
            }
            var findings: [Finding] = []
            let oldest = description.releases.compactMap(\.semanticVersion).min()
            if let oldest, oldest != SemanticVersion("1.0.0") {
                findings.append(Finding(.replacementNotFromOne, subject, line: line,
                                        "the replacement \(named) starts at \(oldest.text), not 1.0.0 as a renamed pack should"))
            }
            if description.deprecation != nil {
                findings.append(Finding(.replacementDeprecated, subject, line: line, "the replacement \(named) is deprecated itself (\(url))"))
            }
            let replacement = Subject(bytes: bytes, description: description, file: url)
            if let newestRelease = description.latestRelease {
                switch await archive(of: newestRelease, in: replacement) {
                case .missing(let tried, let reason):
                    findings.append(Finding(.replacementArchiveMissing, subject, line: line,
                                            "the replacement's newest archive is missing: \(tried.joined(separator: ", ")) (\(reason))"))
                case .unchecked(let url, let reason):
                    findings.append(Finding(.onlineCheckFailed, subject, line: line, "\(url) could not be checked: \(reason)"))
                case .present, .invalid:
                    break
                }
            }
            return findings
        }
    }

    // MARK: Fetching

    enum DescriptionAnswer: Sendable {
        /// The bytes, and the description when they read as one.
        case found([UInt8], PackDescription?)
        /// 404, 403 and the like: nothing there for us.
        case missing(FetchError)
        /// No answer that says either way.
        case unchecked(FetchError)
    }

    func fetchDescription(_ url: String) async -> DescriptionAnswer {
        do {
            let outcome = try await fetcher.fetch(FetchRequest(url: url, sizeLimit: FetchLimits.description))
            guard case .fetched(let content) = outcome else { return .unchecked(FetchError(url: url, kind: .invalidContent("not modified"))) }
            let description = try? PackDescriptionReader.read(bytes: content.bytes, source: url).description
            return .found(content.bytes, description)
        } catch {
            return Self.isAbsent(error) ? .missing(error) : .unchecked(error)
        }
    }

    /// Answers that say the file is not there for us.
    static func isAbsent(_ error: FetchError) -> Bool {
        switch error.kind {
        case .notFound, .forbidden, .rateLimited, .clientStatus: true
        default: false
        }
    }

    static func folder(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("file:") else { return nil }
        return slashed(trimmed)
    }

    static func slashed(_ url: String) -> String { FolderURL.slashed(url.trimmingCharacters(in: .whitespacesAndNewlines)) }
}

extension Finding {
    init(_ rule: CheckRule, _ subject: OnlineCheck.Subject, line: Int?, _ message: String) {
        self.init(rule: rule, file: subject.file, line: line, message: message)
    }
}

extension Array where Element == Finding {
    mutating func append(_ rule: CheckRule, _ subject: OnlineCheck.Subject, line: Int?, _ message: String) {
        append(Finding(rule, subject, line: line, message))
    }
}
