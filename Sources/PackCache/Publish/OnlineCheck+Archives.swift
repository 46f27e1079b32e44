import CMSISPack
import PackCheck
import Foundation

extension OnlineCheck {
    /// What a HEAD request (or several) learnt about one release's archive.
    enum ArchiveAnswer: Sendable {
        case present(url: String)
        /// Every URL tried answered that it has no such file.
        case missing(tried: [String], reason: String)
        /// Some URL gave no answer either way.
        case unchecked(url: String, reason: String)
        /// The release's version cannot name a file (the offline checks report it).
        case invalid
    }

    /// The archive checks alone (`index build --verify-archives` too): the
    /// newest release's archive (PM124), each earlier one (PM125), and for a
    /// rehost, the earlier ones at the new URL (PM127, saying whether the
    /// old URL still has them). Requests go out together; the fetcher's
    /// per-host limits keep them polite.
    func archiveFindings(_ subject: Subject, rehost: Rehost?) async -> [Finding] {
        let releases = subject.description.releases
        guard let newest = subject.description.latestRelease else { return [] }
        let answers = await withTaskGroup(of: (Int, ArchiveAnswer).self) { group in
            for (position, release) in releases.enumerated() {
                group.addTask { (position, await self.archive(of: release, in: subject)) }
            }
            var answers = [ArchiveAnswer?](repeating: nil, count: releases.count)
            for await (position, answer) in group { answers[position] = answer }
            return answers.map { $0 ?? .invalid }
        }
        var findings: [Finding] = []
        for (release, answer) in zip(releases, answers) {
            let isNewest = release.version == newest.version && release.line == newest.line
            switch answer {
            case .present, .invalid:
                continue
            case .unchecked(let url, let reason):
                findings.append(.onlineCheckFailed, subject, line: release.line, "\(url) could not be checked: \(reason)")
            case .missing(let tried, let reason):
                let urls = tried.joined(separator: ", ")
                if isNewest {
                    findings.append(.newestArchiveMissing, subject, line: release.line,
                                    "the archive of release \(release.version), the newest, is not there: \(urls) (\(reason))")
                } else if let rehost {
                    let old = await oldCopy(of: release, in: subject, rehost: rehost)
                    findings.append(.rehostArchiveNotCopied, subject, line: release.line,
                                    "the pack moved to \(rehost.new), but the archive of release \(release.version) is not there: \(urls) (\(reason)); \(old)")
                } else {
                    findings.append(.earlierArchiveMissing, subject, line: release.line,
                                    "the archive of release \(release.version) is not there: \(urls) (\(reason))")
                }
            }
        }
        return findings
    }

    /// The archive checks of a description found at `foundAt` (an index's
    /// folder): at its `<url>` (at `foundAt` when it names none), with the
    /// rehost rule when `<url>` is elsewhere.
    public func archiveFindings(of bytes: [UInt8], _ description: PackDescription, foundAt: String, source: String) async -> [Finding] {
        var description = description
        let found = Self.slashed(foundAt)
        if Self.folder(description.url) == nil { description.url = found }
        let subject = Subject(bytes: bytes, description: description, file: source, foundAt: found)
        let rehost = subject.folder.flatMap { $0 == found ? nil : Rehost(old: found, new: $0) }
        return await archiveFindings(subject, rehost: rehost)
    }

    /// Where a release's archive is fetched from, as the tools look: the
    /// release's own `url`, then `<url>` with the file name (without build
    /// metadata first, as cpackget asks). Names that are not safe are skipped.
    static func archiveURLs(of release: Release, in description: PackDescription) -> [String] {
        guard let reference = try? PackReference(vendor: description.vendor, name: description.name, version: release.version) else { return [] }
        var urls: [String] = []
        let base = folder(description.url)
        if let own = release.url?.trimmingCharacters(in: .whitespacesAndNewlines), !own.isEmpty {
            urls.append(FetchURL.resolve(own, relativeTo: base))
        }
        if let folder = base {
            for name in [reference.withoutBuildMetadata.packFileName, reference.packFileName] where !urls.contains(folder + name) {
                urls.append(folder + name)
            }
        }
        return urls.filter { let lowered = $0.lowercased(); return lowered.hasPrefix("http") || lowered.hasPrefix("file:") }
    }

    func archive(of release: Release, in subject: Subject) async -> ArchiveAnswer {
        let urls = Self.archiveURLs(of: release, in: subject.description)
        guard !urls.isEmpty else { return .invalid }
        var reasons: [String] = []
        for url in urls {
            switch await probe(url) {
            case .present: return .present(url: url)
            case .absent(let reason): reasons.append(reason)
            case .unknown(let reason): return .unchecked(url: url, reason: reason)
            }
        }
        return .missing(tried: urls, reason: Array(Set(reasons)).sorted().joined(separator: "; "))
    }

    /// Whether the old URL still has an earlier archive the new one lacks.
    private func oldCopy(of release: Release, in subject: Subject, rehost: Rehost) async -> String {
        guard let reference = try? PackReference(vendor: subject.description.vendor, name: subject.description.name, version: release.version)
        else { return "" }
        let url = rehost.old + reference.withoutBuildMetadata.packFileName
        switch await probe(url) {
        case .present: return "it is still at \(url): copy it to the new URL"
        case .absent: return "nor is it at the old \(url)"
        case .unknown(let reason): return "\(url) could not be checked either (\(reason))"
        }
    }

    enum Probe: Sendable {
        case present
        case absent(String)
        case unknown(String)
    }

    /// HEAD: a polite "is it there?" with no body. A server that does not
    /// do HEAD (405, 501) is asked with a GET that stops at the headers.
    func probe(_ url: String) async -> Probe {
        do {
            _ = try await fetcher.fetch(FetchRequest(url: url, method: .head, sizeLimit: FetchLimits.pack))
            return .present
        } catch {
            switch error.kind {
            case .clientStatus(405), .clientStatus(501), .serverStatus(501):
                return await probeWithGet(url)
            default:
                return Self.isAbsent(error) ? .absent(error.reason) : .unknown(error.reason)
            }
        }
    }

    private func probeWithGet(_ url: String) async -> Probe {
        do {
            // A limit of one byte: the announced length alone stops it.
            _ = try await fetcher.fetch(FetchRequest(url: url, sizeLimit: 1))
            return .present
        } catch {
            if case .tooLarge = error.kind { return .present }
            return Self.isAbsent(error) ? .absent(error.reason) : .unknown(error.reason)
        }
    }
}
