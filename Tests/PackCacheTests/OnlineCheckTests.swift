import CMSISPack
import Foundation
import Testing
import TestSupport

/// `check --online` and `index build --verify-archives` against a real
/// nginx serving publishers' folders: archives missing, a rehost done
/// completely and one done halfway, a rename done right and one done wrong.
@Suite(.serialized) struct OnlineCheckTests {
    let work = Corpus.temporaryDirectory("online-check")

    struct Release {
        var version: String
        var deprecated: String? = nil
        var replacement: String? = nil
    }

    /// A description with these releases (newest first) and `<url>`.
    static func description(_ vendor: String, _ name: String, url: String, _ releases: [Release]) -> String {
        let entries = releases.map { release in
            let deprecation = release.deprecated.map { " deprecated=\"\($0)\"" } ?? ""
            let replacement = release.replacement.map { " replacement=\"\($0)\"" } ?? ""
            return "    <release version=\"\(release.version)\" date=\"2025-0\(releases.count)-01\"\(deprecation)\(replacement)>Release \(release.version)</release>"
        }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <package schemaVersion="1.7.36">
          <vendor>\(vendor)</vendor>
          <name>\(name)</name>
          <description>Test pack</description>
          <url>\(url)</url>
          <license>LICENSE.txt</license>
          <releases>
        \(entries)
          </releases>
        </package>

        """
    }

    /// The server's folder for `path` (relative to the web root).
    func write(_ text: String, _ path: String) throws {
        let file = work + "/www/" + path
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// Archives on the server: real packs holding the description.
    func publishArchives(_ vendor: String, _ name: String, versions: [String], folder: String, description: String) throws {
        try FileManager.default.createDirectory(atPath: work + "/www/" + folder, withIntermediateDirectories: true)
        for version in versions {
            try ZipBuilder.write([.file("\(vendor).\(name).pdsc", Data(description.utf8)), .file("LICENSE.txt", Data("MIT".utf8))],
                                 to: "\(work)/www/\(folder)/\(vendor).\(name).\(version).pack")
        }
    }

    /// A local copy to check, as the vendor has it.
    func local(_ text: String, _ name: String) throws -> String {
        let folder = work + "/local/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        try "MIT".write(toFile: folder + "/LICENSE.txt", atomically: true, encoding: .utf8)
        return folder + "/" + name
    }

    struct OnlineFinding {
        var id: String
        var line: Int?
        var message: String
    }

    /// `check --online --json`: the exit status and the online findings (PM12x, PM13x).
    func check(_ arguments: [String]) throws -> (status: Int32, findings: [OnlineFinding], output: CommandResult) {
        let result = try PackManagerBinary.run(["check", "--online", "--json"] + arguments, environment: PublishTests.offline)
        let object: [String: JSONValue] = (try? JSONParser.parse(Array(result.standardOutput.utf8)))?.objectValue ?? [:]
        let reports: [[String: JSONValue]] = object["reports"]?.arrayValue?.compactMap(\.objectValue) ?? [object]
        var findings: [OnlineFinding] = []
        for report in reports {
            for finding in (report["findings"]?.arrayValue ?? []).compactMap(\.objectValue) {
                let id = finding["id"]?.stringValue ?? ""
                guard id.hasPrefix("PM12") || id.hasPrefix("PM13") else { continue }
                let line = finding["line"]?.uint64Value.map { Int($0) }
                findings.append(OnlineFinding(id: id, line: line, message: finding["message"]?.stringValue ?? ""))
            }
        }
        return (result.status, findings, result)
    }

    func lineOf(_ text: String, _ needle: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func missingArchivesAndAnUnpublishedDescription() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let nginx = try NginxServer(root: work + "/www")
        let url = nginx.baseURL + "/alpha/"
        let text = Self.description("Acme", "Alpha", url: url, [.init(version: "1.2.0"), .init(version: "1.1.0"), .init(version: "1.0.0")])
        try write(text, "alpha/Acme.Alpha.pdsc")
        try publishArchives("Acme", "Alpha", versions: ["1.2.0", "1.0.0"], folder: "alpha", description: text)

        let checked = try check([try local(text, "Acme.Alpha.pdsc")])
        #expect(checked.status == 0, "\(checked.output.standardOutput) \(checked.output.standardError)")
        #expect(checked.findings.map(\.id) == ["PM125"], "\(checked.findings)")
        #expect(checked.findings.first?.line == lineOf(text, "version=\"1.1.0\""))
        #expect(checked.findings.first?.message.contains("\(url)Acme.Alpha.1.1.0.pack") == true)
        #expect(checked.output.standardOutput.contains("\"online\": true"), "\(checked.output.standardOutput)")
        let archiveRequests = nginx.requests().filter { $0.path.hasSuffix(".pack") }
        #expect(archiveRequests.count == 3 && archiveRequests.allSatisfy { $0.method == "HEAD" }, "\(archiveRequests)")

        // The same from inside the pack.
        let pack = work + "/Acme.Alpha.1.2.0.pack"
        try FileManager.default.copyItem(atPath: work + "/www/alpha/Acme.Alpha.1.2.0.pack", toPath: pack)
        #expect(try check([pack]).findings.map(\.id) == ["PM125"])

        // A new release not uploaded yet: the description at <url> is older, and the archive is not there.
        let next = Self.description("Acme", "Alpha", url: url, [.init(version: "1.3.0"), .init(version: "1.2.0"), .init(version: "1.1.0"), .init(version: "1.0.0")])
        let unpublished = try check([try local(next, "Acme.Alpha.pdsc")])
        #expect(unpublished.status == 1)
        #expect(Set(unpublished.findings.map(\.id)) == ["PM121", "PM124", "PM125"], "\(unpublished.findings)")
        #expect(unpublished.findings.first { $0.id == "PM121" }?.line == lineOf(next, "<url>"))
        // An edit without a new release: same version, other content.
        let edited = text.replacingOccurrences(of: "Test pack", with: "Test pack, edited")
        #expect(try check([try local(edited, "Acme.Alpha.pdsc")]).findings.map(\.id).contains("PM122"))
        // Checking an old copy: the description at <url> is newer, said so.
        let old = Self.description("Acme", "Alpha", url: url, [.init(version: "1.1.0"), .init(version: "1.0.0")])
        let stale = try check([try local(old, "Acme.Alpha.pdsc")])
        #expect(stale.status == 0 && stale.findings.map(\.id).sorted() == ["PM123", "PM125"], "\(stale.findings)")
        // No http(s) <url>: nothing published can be checked, and that is said.
        let unhosted = Self.description("Acme", "Local", url: "", [.init(version: "1.0.0")])
        #expect(try check([try local(unhosted, "Acme.Local.pdsc")]).findings.map(\.id) == ["PM120"])
        // Nothing published at all.
        let nowhere = Self.description("Acme", "Nowhere", url: nginx.baseURL + "/nowhere/", [.init(version: "1.0.0")])
        #expect(Set(try check([try local(nowhere, "Acme.Nowhere.pdsc")]).findings.map(\.id)) == ["PM120", "PM124"])
    }

    /// url_A → url_B as the specification's "Rehosting a pack" says: the new
    /// release's description at both, every archive at url_B.
    func rehost(copyAll: Bool, oldDescriptionUpdated: Bool, nginx: NginxServer) throws -> (new: String, old: String, text: String) {
        let old = nginx.baseURL + "/old/"
        let new = nginx.baseURL + "/new/"
        let before = Self.description("Acme", "Moved", url: old, [.init(version: "1.1.0"), .init(version: "1.0.0")])
        let after = Self.description("Acme", "Moved", url: new, [.init(version: "2.0.0"), .init(version: "1.1.0"), .init(version: "1.0.0")])
        try publishArchives("Acme", "Moved", versions: ["1.1.0", "1.0.0"], folder: "old", description: before)
        try publishArchives("Acme", "Moved", versions: copyAll ? ["2.0.0", "1.1.0", "1.0.0"] : ["2.0.0", "1.1.0"], folder: "new", description: after)
        try write(after, "new/Acme.Moved.pdsc")
        try write(oldDescriptionUpdated ? after : before, "old/Acme.Moved.pdsc")
        return (new, old, after)
    }

    @Test func aCompleteRehost() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let nginx = try NginxServer(root: work + "/www")
        let (_, old, after) = try rehost(copyAll: true, oldDescriptionUpdated: true, nginx: nginx)
        let moved = try check(["--rehosted-from", old, try local(after, "Acme.Moved.pdsc")])
        #expect(moved.status == 0 && moved.findings.isEmpty, "\(moved.findings) \(moved.output.standardError)")
        #expect(nginx.requests().contains { $0.path == "/old/Acme.Moved.pdsc" && $0.status == 200 })
        // A user's old copy (url_A) finds the move and checks it the same way.
        let stale = Self.description("Acme", "Moved", url: old, [.init(version: "1.1.0"), .init(version: "1.0.0")])
        let followed = try check([try local(stale, "Acme.Moved.pdsc")])
        #expect(followed.status == 0 && followed.findings.map(\.id) == ["PM123"], "\(followed.findings)")
    }

    @Test func aHalfDoneRehost() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let nginx = try NginxServer(root: work + "/www")
        let (new, old, after) = try rehost(copyAll: false, oldDescriptionUpdated: false, nginx: nginx)
        let moved = try check(["--rehosted-from", old, try local(after, "Acme.Moved.pdsc")])
        #expect(moved.status == 1)
        #expect(moved.findings.map(\.id).sorted() == ["PM126", "PM127"], "\(moved.findings)")
        let notCopied = try #require(moved.findings.first { $0.id == "PM127" })
        #expect(notCopied.line == lineOf(after, "version=\"1.0.0\""))
        #expect(notCopied.message.contains("\(new)Acme.Moved.1.0.0.pack") && notCopied.message.contains("it is still at \(old)Acme.Moved.1.0.0.pack"))
        let oldDescription = try #require(moved.findings.first { $0.id == "PM126" })
        #expect(oldDescription.message.contains("version 1.1.0"), "\(oldDescription.message)")
        // The same seen from a user's copy of the old description.
        let stale = Self.description("Acme", "Moved", url: old, [.init(version: "1.1.0"), .init(version: "1.0.0")])
        try write(after, "old/Acme.Moved.pdsc")
        let followed = try check([try local(stale, "Acme.Moved.pdsc")])
        #expect(followed.findings.map(\.id).sorted() == ["PM123", "PM127"], "\(followed.findings)")
    }

    @Test func aRenameDoneRightAndOneDoneWrong() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let nginx = try NginxServer(root: work + "/www")
        let url = nginx.baseURL + "/packs/"
        // Right: Acme.OldName 1.1.0 deprecated for Acme.NewName, which starts at 1.0.0; all four files at <url>.
        let oldName = Self.description("Acme", "OldName", url: url, [.init(version: "1.1.0", deprecated: "2025-06-01", replacement: "Acme.NewName"),
                                                                      .init(version: "1.0.0")])
        let newName = Self.description("Acme", "NewName", url: url, [.init(version: "1.0.0")])
        try write(oldName, "packs/Acme.OldName.pdsc")
        try write(newName, "packs/Acme.NewName.pdsc")
        try publishArchives("Acme", "OldName", versions: ["1.1.0", "1.0.0"], folder: "packs", description: oldName)
        try publishArchives("Acme", "NewName", versions: ["1.0.0"], folder: "packs", description: newName)
        let right = try check([try local(oldName, "Acme.OldName.pdsc")])
        #expect(right.status == 0 && right.findings.isEmpty, "\(right.findings)")

        // Wrong: the replacement goes on from the old version numbers and its archive was not uploaded;
        // another names a replacement that was never published.
        let gone = Self.description("Acme", "Gone", url: url, [.init(version: "3.0.0", deprecated: "2025-06-01", replacement: "Acme.Successor"),
                                                                .init(version: "2.0.0")])
        let successor = Self.description("Acme", "Successor", url: url, [.init(version: "3.0.1")])
        try write(gone, "packs/Acme.Gone.pdsc")
        try write(successor, "packs/Acme.Successor.pdsc")
        try publishArchives("Acme", "Gone", versions: ["3.0.0", "2.0.0"], folder: "packs", description: gone)
        let wrong = try check([try local(gone, "Acme.Gone.pdsc")])
        #expect(wrong.status == 1)
        #expect(wrong.findings.map(\.id).sorted() == ["PM129", "PM130"], "\(wrong.findings)")
        #expect(wrong.findings.allSatisfy { $0.line == lineOf(gone, "version=\"3.0.0\"") })
        let orphan = Self.description("Acme", "Orphan", url: url, [.init(version: "1.1.0", deprecated: "2025-06-01", replacement: "Acme.Nobody"),
                                                                    .init(version: "1.0.0")])
        try write(orphan, "packs/Acme.Orphan.pdsc")
        try publishArchives("Acme", "Orphan", versions: ["1.1.0", "1.0.0"], folder: "packs", description: orphan)
        let missing = try check([try local(orphan, "Acme.Orphan.pdsc")])
        #expect(missing.findings.map(\.id) == ["PM128"] && missing.findings[0].message.contains("\(url)Acme.Nobody.pdsc"), "\(missing.findings)")
    }

    @Test func indexBuildVerifiesEveryArchive() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let nginx = try NginxServer(root: work + "/www")
        let url = nginx.baseURL + "/alpha/"
        let alpha = Self.description("Acme", "Alpha", url: url, [.init(version: "1.2.0"), .init(version: "1.1.0"), .init(version: "1.0.0")])
        let beta = Self.description("Acme", "Beta", url: url, [.init(version: "2.0.0"), .init(version: "1.0.0")])
        try write(alpha, "alpha/Acme.Alpha.pdsc")
        try write(beta, "alpha/Acme.Beta.pdsc")
        try publishArchives("Acme", "Alpha", versions: ["1.2.0", "1.0.0"], folder: "alpha", description: alpha)
        try publishArchives("Acme", "Beta", versions: ["1.0.0"], folder: "alpha", description: beta)
        try write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <index schemaVersion="1.1.0"><vendor>Acme</vendor><url>\(nginx.baseURL)/</url><pindex>
          <pdsc url="\(url)" vendor="Acme" name="Alpha" version="1.2.0"/>
          <pdsc url="\(url)" vendor="Acme" name="Beta" version="2.0.0"/>
        </pindex></index>
        """, "Acme.pidx")
        let report = work + "/report.json"
        let result = try PackManagerBinary.run(["index", "build", "-q", "--verify-archives", "--no-check", nginx.baseURL + "/Acme.pidx",
                                                "-o", work + "/index.pidx", "--vendor", "Company", "--url", "https://packs.example.com/",
                                                "--report", report, "--site", work + "/site"], environment: PublishTests.offline)
        #expect(result.status == 1, "Beta's newest archive is missing: \(result.standardError)")
        #expect(result.standardOutput.contains("1 packs indexed, 1 rejected, 1 earlier archive missing"), "\(result.standardOutput)")
        let json = try JSONParser.parse(FileBytes.read(report))
        let rejected = json["rejected"]?.arrayValue ?? []
        #expect(rejected.count == 1 && rejected[0]["pack"]?.stringValue == "Acme.Beta")
        #expect(rejected[0]["reasons"]?.arrayValue?.first?.stringValue?.contains("[PM124]") == true)
        let archives = json["archives"]?.arrayValue ?? []
        #expect(archives.count == 1 && archives[0]["id"]?.stringValue == "PM125" && archives[0]["pack"]?.stringValue == "Acme.Alpha")
        #expect(archives[0]["message"]?.stringValue?.contains("\(url)Acme.Alpha.1.1.0.pack") == true)
        let page = try String(contentsOfFile: work + "/site/packs/Acme.Alpha.html", encoding: .utf8)
        #expect(page.contains("Archives missing at the server") && page.contains("missing at the server"), "the catalogue says what is missing")
        #expect(nginx.requests().filter { $0.path.hasSuffix(".pack") }.allSatisfy { $0.method == "HEAD" })
    }
}
