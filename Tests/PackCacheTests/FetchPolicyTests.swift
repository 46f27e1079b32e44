import Foundation
@testable import PackCache
import Testing
import TestSupport

@Suite struct FetchPolicyTests {
    @Test func proxiesFollowTheUsualVariables() throws {
        let settings = ProxySettings(environment: [
            "http_proxy": "http://proxy.corp:3128", "HTTPS_PROXY": "user:secret@secure.corp:8443",
            "no_proxy": "localhost, .internal.example, 10.0.0.1",
        ])
        #expect(settings.http?.host == "proxy.corp")
        #expect(settings.http?.port == 3128)
        #expect(settings.https?.host == "secure.corp")
        #expect(settings.https?.username == "user")
        #expect(settings.server(for: URL(string: "http://www.keil.com/pack/index.pidx")!)?.host == "proxy.corp")
        #expect(settings.server(for: URL(string: "https://www.keil.com/pack/index.pidx")!)?.port == 8443)
        #expect(settings.server(for: URL(string: "https://packs.internal.example/x.pdsc")!) == nil)
        #expect(settings.server(for: URL(string: "http://localhost:8000/x")!) == nil)
        #expect(settings.server(for: URL(string: "http://10.0.0.1/x")!) == nil)
        #expect(ProxySettings(environment: ["https_proxy": "http://p:1", "no_proxy": "*"]).server(for: URL(string: "https://x/")!) == nil)
        #expect(ProxySettings(environment: [:]).server(for: URL(string: "https://x/")!) == nil)
    }

    @Test func retryAfterIsSecondsOrADate() throws {
        #expect(HTTPTransport.parseRetryAfter("120") == 120)
        let future = Date().addingTimeInterval(30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let parsed = try #require(HTTPTransport.parseRetryAfter(formatter.string(from: future)))
        #expect(parsed > 25 && parsed <= 31)
        #expect(HTTPTransport.parseRetryAfter("soon") == nil)
    }

    @Test func backOffGrowsWithJitterAndIsCapped() {
        var configuration = FetchConfiguration()
        configuration.backoffBase = 0.5
        configuration.backoffLimit = 4
        for _ in 0..<50 {
            let second = configuration.delay(beforeAttempt: 2, retryAfter: nil)
            #expect(second >= 0.25 && second <= 0.5)
            let fourth = configuration.delay(beforeAttempt: 4, retryAfter: nil)
            #expect(fourth >= 1 && fourth <= 2)
            #expect(configuration.delay(beforeAttempt: 10, retryAfter: nil) <= 4)
        }
        #expect(configuration.delay(beforeAttempt: 2, retryAfter: 3) == 3)
        #expect(configuration.delay(beforeAttempt: 2, retryAfter: 600) == 4)
    }

    @Test func whatIsRetried() {
        for kind: FetchError.Kind in [.serverStatus(503), .serverStatus(429), .connection("reset"), .timeout("read"),
                                      .truncated("eof"), .tooSlow(bytesPerSecond: 10)] {
            #expect(FetchError(url: "u", kind: kind).isRetryable, "\(kind)")
        }
        for kind: FetchError.Kind in [.notFound, .forbidden(403), .clientStatus(400), .tooLarge(limit: 1),
                                      .tooManyRedirects(5), .invalidContent("x"), .invalidURL("x"), .cancelled] {
            #expect(!FetchError(url: "u", kind: kind).isRetryable, "\(kind)")
        }
        #expect(HTTPTransport.kind(forStatus: 404) == .notFound)
        #expect(HTTPTransport.kind(forStatus: 410) == .notFound)
        #expect(HTTPTransport.kind(forStatus: 403) == .forbidden(403))
        #expect(HTTPTransport.kind(forStatus: 502) == .serverStatus(502))
        #expect(HTTPTransport.kind(forStatus: 418) == .clientStatus(418))
    }

    @Test func urlsFromIndexesAndTheCommandLine() {
        #expect(FetchURL.resolve("https://x/a.pidx") == "https://x/a.pidx")
        #expect(FetchURL.resolve("/srv/packs/index.pidx") == "file:///srv/packs/index.pidx")
        #expect(FetchURL.resolve("packs/", relativeTo: "http://host/idx/index.pidx") == "http://host/idx/packs/")
        #expect(FetchURL.resolve("../../local_packs/L/", relativeTo: "file:///a/b/c/index.pidx") == "file:///a/local_packs/L/")
        #expect(FetchURL.resolve("  http://x/  ") == "http://x/")
    }

    @Test func indexSourcesFromOptionsVariableAndVendorList() throws {
        let directory = Corpus.temporaryDirectory("sources")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let locations = CacheLocations(dataPath: directory, environment: [:])
        #expect(try IndexSources.resolve(indexURLs: ["https://a/x.vidx"], locations: locations, vendorListGiven: false, environment: [:])
            == ["https://a/x.vidx"])
        #expect(try IndexSources.resolve(indexURLs: [], locations: locations, vendorListGiven: false,
                                         environment: [IndexSources.indexURLsVariable: "https://a/1.pidx, https://b/2.pidx"])
            == ["https://a/1.pidx", "https://b/2.pidx"])
        // Without either, the vendor list is created with Keil's index over https.
        #expect(try IndexSources.resolve(indexURLs: [], locations: locations, vendorListGiven: false, environment: [:])
            == ["https://www.keil.com/pack/index.pidx"])
        #expect(try String(contentsOfFile: directory + "/vendors.list", encoding: .utf8) == "https://www.keil.com/pack/index.pidx\n")
        let missing = CacheLocations(dataPath: directory, vendorListPath: directory + "/nope.list", environment: [:])
        #expect(throws: CacheError.self) {
            try IndexSources.resolve(indexURLs: [], locations: missing, vendorListGiven: true, environment: [:])
        }
    }

    @Test func locationsAreAbsoluteAndFollowTheVariables() {
        let relative = CacheLocations(dataPath: "some/dir", environment: ["HOME": "/home/u"])
        #expect(relative.dataPath.hasPrefix("/"))
        #expect(relative.dataPath.hasSuffix("/some/dir"))
        let variables = CacheLocations(environment: ["CMSIS_PACK_MANAGER_DATA_PATH": "/srv/data", "CMSIS_PACK_MANAGER_JSON_PATH": "/srv/json"])
        #expect(variables.dataPath == "/srv/data")
        #expect(variables.jsonPath == "/srv/json")
        #expect(variables.vendorListPath == "/srv/data/vendors.list")
        let xdg = CacheLocations(environment: ["XDG_DATA_HOME": "/x/share", "HOME": "/home/u"])
        #expect(xdg.dataPath == "/x/share/cmsis-pack-manager")
        #expect(xdg.jsonPath == xdg.dataPath)
        #expect(CacheLocations(dataPath: "~/packs", environment: ["HOME": "/home/u"]).dataPath == "/home/u/packs")
    }
}
