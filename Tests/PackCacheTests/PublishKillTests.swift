import CMSISPack
import Foundation
import OwnedFiles
import Testing
import TestSupport

/// `kill -9` at several moments of `index build --site` and `mirror`, then
/// the same command again: the rerun finishes the job (the folder is
/// recognised as pack-manager's, not refused), and no temporary file is ever
/// left where the site or the mirror is published, neither after the kill
/// nor after the rerun. The result equals an uninterrupted run's.
@Suite(.serialized) struct PublishKillTests {
    let work = Corpus.temporaryDirectory("publish-kill")
    var www: String { work + "/www" }

    var environment: [String: String] {
        PackManagerBinary.offline(["HOME": work + "/home", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "", "CMSIS_PACK_ROOT": ""])
    }

    /// 30 packs made from the corpus descriptions, served on loopback.
    func startWorld() throws -> MirrorServer {
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let mirror = try MirrorServer(root: www)
        let script = URL(fileURLWithPath: Corpus.root).deletingLastPathComponent().appendingPathComponent("Servers/make_mirror.py").path
        let built = try Tool.run(["/usr/bin/env", "python3", script, "--corpus", Corpus.path("pdsc"), "--out", www, "--clean",
                                  "--packs", "30", "--base-url", mirror.baseURL], in: work)
        try #require(built.status == 0, "\(built.standardError)")
        return mirror
    }

    /// Every file under `folder`, relative, with the marker and lock left out.
    func files(_ folder: String) -> Set<String> {
        var found = Set<String>()
        for case let relative as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] {
            guard FileStat(folder + "/" + relative, followingLinks: false)?.kind == .file,
                  ![".lock", ".cmsis-pack-manager"].contains((relative as NSString).lastPathComponent) else { continue }
            found.insert(relative)
        }
        return found
    }

    func temporaryFiles(_ folder: String) -> [String] {
        files(folder).filter { ($0 as NSString).lastPathComponent.contains(".tmp") }.sorted()
    }

    /// Runs `arguments` and kills it once `moment` says so (or after a
    /// minute); true when the kill landed before the command ended.
    func killed(_ arguments: [String], when moment: () -> Bool) throws -> Bool {
        let base = work + "/killed-" + UUID().uuidString
        let pid = try PackManagerBinary.start(arguments, environment: environment, stdout: base + ".out", stderr: base + ".err")
        let deadline = Date().addingTimeInterval(60)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return false }
            if moment() { break }
            usleep(1_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return true
    }

    /// The uninterrupted run, then kills while the published folder fills
    /// (at 1/6, 2/6 … 5/6 of its files), each followed by a rerun.
    func killAndFinish(_ command: (String) -> [String], published: (String) -> String) throws -> Int {
        let reference = work + "/reference"
        let whole = try PackManagerBinary.run(command(reference), environment: environment)
        try #require(whole.status == 0, "\(whole.standardError)")
        let expected = files(published(reference))
        #expect(!expected.isEmpty)
        var landed = 0
        for step in 1...5 {
            let folder = work + "/run\(step)"
            let threshold = expected.count * step / 6
            guard try killed(command(folder), when: { files(published(folder)).count >= threshold }) else { continue }
            landed += 1
            #expect(temporaryFiles(published(folder)).isEmpty, "a kill at \(step)/6 left \(temporaryFiles(published(folder)))")
            let rerun = try PackManagerBinary.run(command(folder), environment: environment)
            #expect(rerun.status == 0, "the rerun after a kill at \(step)/6: \(rerun.standardError)")
            #expect(temporaryFiles(published(folder)).isEmpty, "the rerun left \(temporaryFiles(published(folder)))")
            #expect(files(published(folder)) == expected, "the rerun after a kill at \(step)/6 differs")
        }
        return landed
    }

    @Test func anInterruptedCatalogueIsFinishedByRunningItAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        defer { mirror.stop() }
        let landed = try killAndFinish({ folder in
            ["index", "build", "-q", "--no-check", mirror.baseURL + "/index.pidx", "-o", folder + "/index.pidx",
             "--vendor", "T", "--url", "http://example.com/", "--site", folder + "/site"]
        }, published: { $0 + "/site" })
        print("index build --site killed \(landed) times, each finished by a rerun")
        #expect(landed >= 3)
    }

    @Test func anInterruptedMirrorIsFinishedByRunningItAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        defer { mirror.stop() }
        let landed = try killAndFinish({ folder in
            ["mirror", folder + "/mirror", "-q", "--index", mirror.baseURL + "/index.pidx", "--base-url", "http://example.com/m/"]
        }, published: { $0 + "/mirror" })
        print("mirror killed \(landed) times, each finished by a rerun")
        #expect(landed >= 3)
    }

    /// What a kill can leave in the instant between linking a finished file
    /// and renaming it (or, where files cannot be unnamed, while writing):
    /// the next run removes it, in the site and in the mirror.
    @Test func temporaryNamesAKillLeftAreRemovedByTheNextRun() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        defer { mirror.stop() }
        let folder = work + "/out"
        let command = ["mirror", folder + "/mirror", "-q", "--index", mirror.baseURL + "/index.pidx",
                       "--base-url", "http://example.com/m/", "--site", folder + "/site"]
        #expect(try PackManagerBinary.run(command, environment: environment).status == 0)
        let planted = ["site/.index.html.tmp-Ab12Cd", "site/packs/.x.html.tmp-Zz9Yy8", "mirror/.index.pidx.tmp-Qq1Ww2"]
        let vendor = try #require(try FileManager.default.contentsOfDirectory(atPath: folder + "/mirror").first { !$0.hasPrefix(".") && !$0.contains(".") })
        for path in planted + ["mirror/\(vendor)/.\(vendor).X.pdsc.tmp-Ee3Rr4"] {
            try Data("half a file".utf8).write(to: URL(fileURLWithPath: folder + "/" + path))
        }
        #expect(try PackManagerBinary.run(command, environment: environment).status == 0)
        #expect(temporaryFiles(folder).isEmpty, "left: \(temporaryFiles(folder))")
    }
}
