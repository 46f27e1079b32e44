import CMSISPack
import Foundation
import Testing
import TestSupport

/// The catalogue in a real browser: `index build --site` from a vendor's
/// server, the site served by nginx, and headless Chromium (Debian's
/// `chromium`, driven by Tests/Browser/catalogue_browser.py over the DevTools
/// protocol) types "STM32F407" into the search box, opens STM32F407VGTx from
/// the results and finds its flash algorithm, follows its vendor to the chip
/// vendor's page; then those and other pages at phone width (360 px), where
/// neither the page nor any table in it may scroll sideways; and the search
/// from file://. The screenshots stay in
/// `.build/catalogue-screenshots/` for a person to look at.
@Suite(.serialized) struct CatalogueBrowserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func searchAndOpenADeviceInChromium() throws {
        let chromium = try #require(Self.chromium, "chromium is missing: install it with 'apt-get install chromium' (.ci/run does when it is missing)")
        try Corpus.requireAvailable()
        let work = Corpus.temporaryDirectory("catalogue-browser")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let origin = work + "/origin"
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        let server = try MirrorServer(root: origin)
        var world = PackWorld(root: origin)
        world.baseURL = server.baseURL
        var entries: [(vendor: String, name: String, version: String, folder: String)] = []
        for file in CatalogueTests.corpusFiles {
            let pack = try PackWorld.corpusPack("pdsc/" + file)
            try world.publish(pack)
            entries.append((pack.vendor, pack.name, pack.version, pack.vendor))
        }
        try world.writeIndex(entries)

        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let site = www + "/catalogue"
        let build = try PackManagerBinary.run(["index", "build", "-q", "--no-check", server.baseURL + "/index.pidx", "-o", www + "/index.pidx",
                                               "--vendor", "Company", "--url", "https://packs.example.com/", "--site", site,
                                               "--site-name", "Company pack catalogue"], environment: PublishTests.offline)
        #expect(build.status == 0, "\(build.standardError)")
        #expect(build.standardOutput.contains("catalogue of"), "\(build.standardOutput)")
        server.stop()

        let nginx = try NginxServer(root: www)
        let shots = Self.repository.appendingPathComponent(".build/catalogue-screenshots").path
        let script = Self.repository.appendingPathComponent("Tests/Browser/catalogue_browser.py").path
        let result = try PackManagerBinary.runProgram(["/usr/bin/env", "python3", script, "--base", nginx.baseURL + "/catalogue/", "--site", site,
                                                      "--shots", shots, "--chromium", chromium, "--query", "STM32F407",
                                                      "--device", "STM32F407VGTx", "--algorithm", "STM32F4xx_1024.FLM",
                                                      "--phone-page", "packs/Keil.STM32F4xx_DFP.html", "--phone-page", "vendors/Keil.html",
                                                      "--phone-page", "devices/XMC4500-F100x1024.html", "--phone-page", "search.html?q=STM32F407"])
        print("catalogue screenshots: \(shots)")
        #expect(result.standardOutput.contains("RESULT ok"), "\(result.standardOutput)\(result.standardError)")
        for name in ["home.png", "search.png", "device.png", "device-vendor.png", "device-phone.png", "device-vendor-phone.png",
                     "home-phone.png", "packs-Keil.STM32F4xx_DFP-phone.png"] {
            #expect(FileManager.default.fileExists(atPath: shots + "/" + name), "\(name) kept")
        }
        let served = nginx.requests()
        #expect(served.contains { $0.path == "/catalogue/search-index.js" && $0.status == 200 }, "the browser loaded the search data from nginx")
        #expect(served.contains { $0.path == "/catalogue/devices/STM32F407VGTx.html" && $0.status == 200 })
    }
}

extension PackManagerBinary {
    /// Runs another program (argv[0] a full path) the way `run` runs pack-manager.
    static func runProgram(_ argv: [String]) throws -> CommandResult {
        let base = NSTemporaryDirectory() + "cpm-run-" + UUID().uuidString
        let (outputPath, errorPath) = (base + ".out", base + ".err")
        defer { [outputPath, errorPath].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let status = Spawn.wait(try Spawn.start(argv, environment: environment(PublishTests.offline), stdout: outputPath, stderr: errorPath))
        let read = { (path: String) in String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self) }
        return CommandResult(status: status, standardOutput: read(outputPath), standardError: read(errorPath))
    }
}
