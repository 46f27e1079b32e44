import CMSISPack
import Foundation
import Testing
import TestSupport

/// The index service behind a real web server: `index build` and `mirror`
/// write a folder that nginx serves as static files, and every client
/// feature works against it — conditional requests (304), `pack init` and
/// `pack add`, and a killed pack download resumed with a Range request.
@Suite(.serialized) struct NginxTests {
    func run(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(arguments, environment: PublishTests.offline)
    }

    func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    @Test func theMirrorServedByNginx() throws {
        let publish = PublishTests()
        let work = publish.work
        defer { try? FileManager.default.removeItem(atPath: work) }
        let origin = try publish.startOrigin()
        let built = work + "/index.pidx"
        let build = try run(["index", "build", "-q", "\(origin.baseURL)/Acme.pidx", "-o", built, "--vendor", "Company", "--url", "https://packs.example.com/"])
        #expect(build.status == 0, "\(build.standardError)")

        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www, rateLimitedPacks: 1 << 20)
        let mirrored = try run(["mirror", "-q", www, "--index", built, "--base-url", nginx.baseURL + "/"])
        #expect(mirrored.status == 0, "\(mirrored.standardError)")
        origin.stop()
        #expect(try PackIndexSchema.problems(www + "/index.pidx") == [])

        // cache descriptors: cold, then warm with every request answered 304.
        let data = work + "/data"
        let cache = ["cache", "descriptors", "-q", "--index-url", nginx.baseURL + "/index.pidx", "--data-path", data, "--json-path", data]
        let cold = try run(cache)
        #expect(cold.status == 0, "\(cold.standardError)")
        let coldRequests = nginx.requests()
        #expect(coldRequests.count == 3 && coldRequests.allSatisfy { $0.status == 200 }, "\(coldRequests)")
        #expect(try DeviceIndex.read(IndexPaths(directory: data)).devices["WIDGET_CHIP"] != nil)
        // Warm: the index lists the versions held, so only the index is asked about; --revalidate asks about all.
        let warm = try run(cache)
        #expect(warm.status == 0, "\(warm.standardError)")
        let indexOnly = nginx.requests(since: coldRequests.count)
        #expect(indexOnly.map(\.path) == ["/index.pidx"] && indexOnly.allSatisfy { $0.isConditional && $0.status == 304 }, "\(indexOnly)")
        let warmMark = nginx.requests().count
        let revalidated = try run(cache + ["--revalidate"])
        #expect(revalidated.status == 0, "\(revalidated.standardError)")
        let warmRequests = nginx.requests(since: warmMark)
        #expect(warmRequests.count == 3, "\(warmRequests)")
        #expect(warmRequests.allSatisfy { $0.isConditional && $0.status == 304 && $0.bytes == 0 }, "\(warmRequests)")

        // pack init and pack add, from nginx alone.
        let root = work + "/root"
        #expect(try run(["pack", "init", "-q", "--pack-root", root, "--json-path", data, nginx.baseURL + "/index.pidx"]).status == 0)
        let added = try run(["pack", "add", "-q", "--pack-root", root, "--json-path", data, "Acme::Widgets"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(FileManager.default.fileExists(atPath: root + "/Acme/Widgets/2.0.0/Acme.Widgets.pdsc"))
        #expect(nginx.requests().contains { $0.path == "/Acme/Acme.Widgets.2.0.0.sha256.checksum" && $0.status == 200 })

        // A 3 MiB pack at 1 MiB/s: the download is killed part-way, and the next run resumes it with Range.
        let big = ZipBuilder.pdsc(vendor: "Acme", name: "Big", versions: ["1.0.0"], url: nginx.baseURL + "/Acme/")
        var noise = SystemRandomNumberGenerator()
        let payload = Data((0..<(3 << 20)).map { _ in UInt8.random(in: 0...255, using: &noise) })
        try ZipBuilder.write([.file("Acme.Big.pdsc", big), .file("data.bin", payload)], to: www + "/Acme/Acme.Big.1.0.0.pack")
        let url = nginx.baseURL + "/Acme/Acme.Big.1.0.0.pack"
        let part = root + "/.Download/.partial/Acme.Big.1.0.0.pack.part"
        let pid = try PackManagerBinary.start(["pack", "add", "-q", "--pack-root", root, "--json-path", data, url],
                                              environment: PublishTests.offline, stdout: work + "/add.out", stderr: work + "/add.err")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, fileSize(part) < 300_000 { Thread.sleep(forTimeInterval: 0.05) }
        kill(pid, SIGKILL)
        _ = Spawn.wait(pid)
        let arrived = fileSize(part)
        #expect(arrived >= 300_000 && arrived < Int64(payload.count), "part of the archive arrived before the kill: \(arrived) bytes")
        // nginx logs a request when its connection closes, which can come after the kill returns.
        let logged = Date().addingTimeInterval(10)
        while Date() < logged, !nginx.requests().contains(where: { $0.path == "/Acme/Acme.Big.1.0.0.pack" }) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let mark = nginx.requests().count
        let resumed = try run(["pack", "add", "-q", "--pack-root", root, "--json-path", data, url])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(FileManager.default.fileExists(atPath: root + "/Acme/Big/1.0.0/data.bin"))
        let ranged = nginx.requests(since: mark).filter { $0.path == "/Acme/Acme.Big.1.0.0.pack" }
        #expect(ranged.count == 1 && ranged[0].status == 206 && ranged[0].range == "bytes=\(arrived)-", "\(ranged)")
        #expect(Int64(ranged.first?.bytes ?? 0) < Int64(payload.count), "only the rest was sent")
    }
}
