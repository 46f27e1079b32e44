import CMSISPack
import Foundation
import Testing
import TestSupport

/// A good citizen of real pack servers, shown on a real nginx: how many
/// connections one update opens (HTTP/1.1 and HTTP/2, from nginx's
/// `$connection`), TLS trusted through --cacert and the usual variables,
/// rate limits answered with 403 or 429, a warm update that asks once, and
/// a company proxy (tinyproxy) that wants credentials.
@Suite(.serialized) struct PoliteNetworkTests {
    let work = Corpus.temporaryDirectory("polite")

    /// `count` packs of one vendor under `www`, and `index.pidx` listing them at `baseURL`.
    static func publish(_ count: Int, in www: String, baseURL: String) throws {
        try FileManager.default.createDirectory(atPath: www + "/Acme", withIntermediateDirectories: true)
        var entries = ""
        for number in 1...count {
            let name = "P\(number)"
            let text = ZipBuilder.pdsc(vendor: "Acme", name: name, versions: ["1.0.\(number)"], url: baseURL + "/Acme/")
            try text.write(to: URL(fileURLWithPath: www + "/Acme/Acme.\(name).pdsc"))
            entries += "    <pdsc url=\"\(baseURL)/Acme/\" vendor=\"Acme\" name=\"\(name)\" version=\"1.0.\(number)\"/>\n"
        }
        let index = """
        <?xml version="1.0" encoding="UTF-8"?>
        <index schemaVersion="1.1.0">
          <vendor>Test</vendor>
          <url>\(baseURL)/</url>
          <pindex>
        \(entries)  </pindex>
        </index>

        """
        try index.write(toFile: www + "/index.pidx", atomically: true, encoding: .utf8)
        // An hour old: nginx's ETag and Last-Modified come from the time (in seconds) and
        // size, so a file a test rewrites in the same second with the same size would
        // still look unchanged to a conditional request.
        let anHourAgo = Date().addingTimeInterval(-3_600)
        for path in (try FileManager.default.subpathsOfDirectory(atPath: www)).map({ www + "/" + $0 }) {
            try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: path)
        }
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try PackManagerBinary.run(arguments, environment: PublishTests.offline.merging(environment) { $1 })
    }

    func update(_ server: NginxServer, data: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
        try run(["cache", "descriptors", "-q", "--index-url", server.baseURL + "/index.pidx", "--data-path", data, "--json-path", data] + extra,
                environment: environment)
    }

    func pdscFiles(_ data: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).filter { $0.hasSuffix(".pdsc") }.count
    }

    // MARK: Connections

    @Test func anHTTP2ServerGetsEveryRequestOnOneConnection() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let authority = try TestCertificateAuthority(in: work + "/tls")
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www, options: .init(tls: (authority.serverCertificate, authority.serverKey), http2: true))
        try Self.publish(60, in: www, baseURL: nginx.baseURL)

        let cold = try update(nginx, data: work + "/data", ["--cacert", authority.caCertificate])
        #expect(cold.status == 0, "\(cold.standardError)")
        #expect(pdscFiles(work + "/data") == 60)
        let requests = nginx.requests()
        #expect(requests.count == 61)
        #expect(requests.allSatisfy { $0.protocolName == "HTTP/2.0" }, "\(Set(requests.map(\.protocolName)))")
        #expect(Set(requests.map(\.connection)).count == 1, "connections: \(Set(requests.map(\.connection)))")

        // --http1: the same server over HTTP/1.1, at most 6 connections at once (and this small run needs no more than 6 in all).
        let mark = requests.count
        let http1 = try update(nginx, data: work + "/data1", ["--cacert", authority.caCertificate, "--http1"])
        #expect(http1.status == 0, "\(http1.standardError)")
        let later = nginx.requests(since: mark)
        #expect(later.count == 61 && later.allSatisfy { $0.protocolName == "HTTP/1.1" })
        let connections = Set(later.map(\.connection))
        #expect(connections.count <= 6 && connections.count >= 2, "connections: \(connections)")
    }

    @Test func anHTTP1ServerGetsAtMostSixConnections() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www)
        try Self.publish(60, in: www, baseURL: nginx.baseURL)
        let cold = try update(nginx, data: work + "/data")
        #expect(cold.status == 0, "\(cold.standardError)")
        let requests = nginx.requests()
        #expect(requests.count == 61)
        let connections = Set(requests.map(\.connection))
        #expect(connections.count <= 6 && connections.count >= 2, "connections: \(connections)")
        // The User-Agent names this project, not the reference.
        #expect(requests.allSatisfy { $0.userAgent.hasPrefix("cmsis-pack-manager-swift/0.7.0 (pack-manager; Swift)") }, "\(Set(requests.map(\.userAgent)))")

        // The power user's choice: more at once when asked for.
        let mark = requests.count
        let eager = try update(nginx, data: work + "/data2", ["--per-host", "16"])
        #expect(eager.status == 0, "\(eager.standardError)")
        #expect(Set(nginx.requests(since: mark).map(\.connection)).count > 6)
    }

    // MARK: TLS trust

    @Test func trustComesFromCacertOrTheUsualVariables() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let authority = try TestCertificateAuthority(in: work + "/tls")
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www, options: .init(tls: (authority.serverCertificate, authority.serverKey), http2: true))
        try Self.publish(3, in: www, baseURL: nginx.baseURL)
        // None of the variables from the machine running the tests.
        let cleared = ["SSL_CERT_FILE": "", "SSL_CERT_DIR": "", "REQUESTS_CA_BUNDLE": "", "CURL_CA_BUNDLE": ""]

        let untrusted = try update(nginx, data: work + "/none", environment: cleared)
        #expect(untrusted.status != 0)
        #expect(untrusted.standardError.contains("not signed by a CA trusted here (the system's certificate store)"), "\(untrusted.standardError)")
        #expect(untrusted.standardError.contains("--cacert"))
        #expect(nginx.requests().isEmpty)

        let folder = work + "/certs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: authority.caCertificate, toPath: folder + "/company.pem")
        try "not a certificate\n".write(toFile: folder + "/README", atomically: true, encoding: .utf8)
        for (name, value) in [("SSL_CERT_FILE", authority.caCertificate), ("SSL_CERT_DIR", folder),
                              ("REQUESTS_CA_BUNDLE", authority.caCertificate), ("CURL_CA_BUNDLE", authority.caCertificate)] {
            let result = try update(nginx, data: work + "/" + name, environment: cleared.merging([name: value]) { $1 })
            #expect(result.status == 0, "\(name): \(result.standardError)")
            #expect(pdscFiles(work + "/" + name) == 3, "\(name)")
        }
        // A variable naming an unusable file stops only what needs TLS.
        try FileManager.default.createDirectory(atPath: work + "/plain-www", withIntermediateDirectories: true)
        let plain = try NginxServer(root: work + "/plain-www")
        try Self.publish(3, in: work + "/plain-www", baseURL: plain.baseURL)
        let http = try update(plain, data: work + "/plain", environment: cleared.merging(["SSL_CERT_FILE": work + "/nope.pem"]) { $1 })
        #expect(http.status == 0, "\(http.standardError)")
        // --cacert wins over a variable naming another CA.
        let other = try TestCertificateAuthority(in: work + "/other", name: "Other CA")
        let chosen = try update(nginx, data: work + "/chosen", ["--cacert", authority.caCertificate],
                                environment: cleared.merging(["SSL_CERT_FILE": other.caCertificate]) { $1 })
        #expect(chosen.status == 0, "\(chosen.standardError)")
        let wrong = try update(nginx, data: work + "/wrong", environment: cleared.merging(["REQUESTS_CA_BUNDLE": other.caCertificate]) { $1 })
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("REQUESTS_CA_BUNDLE=\(other.caCertificate)"), "\(wrong.standardError)")

        // A file that is not there, or holds no certificate: a usage error naming it, before any request.
        let before = nginx.requests().count
        let missing = try update(nginx, data: work + "/missing", ["--cacert", work + "/nope.pem"])
        #expect(missing.status != 0 && missing.standardError.contains("--cacert \(work)/nope.pem: no such file or folder"), "\(missing.standardError)")
        let notPEM = try update(nginx, data: work + "/notpem", environment: cleared.merging(["SSL_CERT_FILE": folder + "/README"]) { $1 })
        #expect(notPEM.status != 0 && notPEM.standardError.contains("holds no certificate"), "\(notPEM.standardError)")
        #expect(nginx.requests().count == before)
    }

    // MARK: Rate limits

    @Test func aBurstOf403IsSentAgainOneAtATime() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        // nginx's own rate limit, answering 403 as Keil's and NXP's CDNs do: 20 a second, 20 at once.
        let nginx = try NginxServer(root: www, options: .init(
            httpDirectives: "limit_req_zone $binary_remote_addr zone=cdn:1m rate=20r/s;",
            serverDirectives: "limit_req zone=cdn burst=20 nodelay; limit_req_status 403;"))
        try Self.publish(80, in: www, baseURL: nginx.baseURL)
        let result = try update(nginx, data: work + "/data", ["--rate-limit-pause", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(pdscFiles(work + "/data") == 80)
        let requests = nginx.requests()
        #expect(requests.filter { $0.status == 403 }.count >= 3, "the server refused a burst")
        #expect(Set(requests.filter { $0.status == 200 }.map(\.path)).count == 81)
        #expect(result.standardError.contains("answered HTTP 403 to a burst of requests"), "\(result.standardError)")
    }

    @Test func aLone403StaysFinal() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www, options: .init(serverDirectives: "location = /Acme/Acme.P7.pdsc { return 403; }"))
        try Self.publish(30, in: www, baseURL: nginx.baseURL)
        let result = try update(nginx, data: work + "/data", ["--json"])
        #expect(result.status == 1)
        #expect(pdscFiles(work + "/data") == 29)
        #expect(nginx.requests().filter { $0.path == "/Acme/Acme.P7.pdsc" }.count == 1)
        #expect(result.standardError.contains("Acme.P7: \(nginx.baseURL)/Acme/Acme.P7.pdsc: access refused (HTTP 403); not retried"), "\(result.standardError)")
        #expect(!result.standardError.contains("burst"))
    }

    @Test func tooManyRequestsPausesTheHost() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www, options: .init(
            httpDirectives: "limit_req_zone $binary_remote_addr zone=api:1m rate=20r/s;",
            serverDirectives: "limit_req zone=api burst=10 nodelay; limit_req_status 429; add_header Retry-After 1 always;"))
        try Self.publish(40, in: www, baseURL: nginx.baseURL)
        let result = try update(nginx, data: work + "/data", ["--attempts", "6"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(pdscFiles(work + "/data") == 40)
        #expect(nginx.requests().contains { $0.status == 429 })
        #expect(result.standardError.contains("answered HTTP 429 (too many requests, asked to wait 1 s)"), "\(result.standardError)")
    }

    // MARK: Warm updates

    @Test func aWarmUpdateAsksOnlyForTheIndex() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www)
        try Self.publish(20, in: www, baseURL: nginx.baseURL)
        let data = work + "/data"
        #expect(try update(nginx, data: data).status == 0)
        var mark = nginx.requests().count

        let warm = try update(nginx, data: data)
        #expect(warm.status == 0, "\(warm.standardError)")
        let warmRequests = nginx.requests(since: mark)
        #expect(warmRequests.map(\.path) == ["/index.pidx"] && warmRequests[0].status == 304, "\(warmRequests)")

        // A new version in the index is asked for; the rest are not.
        mark = nginx.requests().count
        let text = ZipBuilder.pdsc(vendor: "Acme", name: "P3", versions: ["2.0.0", "1.0.3"], url: nginx.baseURL + "/Acme/")
        try text.write(to: URL(fileURLWithPath: www + "/Acme/Acme.P3.pdsc"))
        let index = try String(contentsOfFile: www + "/index.pidx", encoding: .utf8)
            .replacingOccurrences(of: "name=\"P3\" version=\"1.0.3\"", with: "name=\"P3\" version=\"2.0.0\"")
        try index.write(toFile: www + "/index.pidx", atomically: true, encoding: .utf8)
        #expect(try update(nginx, data: data).status == 0)
        #expect(nginx.requests(since: mark).map(\.path) == ["/index.pidx", "/Acme/Acme.P3.pdsc"])

        // --revalidate: every description, conditionally.
        mark = nginx.requests().count
        #expect(try update(nginx, data: data, ["--revalidate"]).status == 0)
        let revalidated = nginx.requests(since: mark)
        #expect(revalidated.count == 21 && revalidated.allSatisfy { $0.status == 304 && $0.isConditional }, "\(revalidated)")

        // Checked more than a week ago: asked again, conditionally.
        try Self.age(data + "/.cpm/http.json", bySeconds: 8 * 86_400)
        mark = nginx.requests().count
        #expect(try update(nginx, data: data).status == 0)
        #expect(nginx.requests(since: mark).count == 21)
        mark = nginx.requests().count
        #expect(try update(nginx, data: data).status == 0)
        #expect(nginx.requests(since: mark).count == 1)

        // pack update-index keeps the same rule for .Web.
        let root = work + "/root"
        #expect(try run(["pack", "init", "-q", "-a", "--pack-root", root, nginx.baseURL + "/index.pidx"]).status == 0)
        mark = nginx.requests().count
        #expect(try run(["pack", "update-index", "-q", "--pack-root", root]).status == 0)
        #expect(nginx.requests(since: mark).map(\.path) == ["/index.pidx"])
        mark = nginx.requests().count
        #expect(try run(["pack", "update-index", "-q", "--revalidate", "--pack-root", root]).status == 0)
        #expect(nginx.requests(since: mark).count == 21)
        try Self.age(root + "/.Web/.cpm/http.json", bySeconds: 8 * 86_400)
        mark = nginx.requests().count
        #expect(try run(["pack", "update-index", "-q", "--pack-root", root]).status == 0)
        #expect(nginx.requests(since: mark).count == 21)
    }

    /// Moves every "checked" time in an http.json back by `seconds`.
    static func age(_ path: String, bySeconds seconds: Int) throws {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "\"checked\":\\s*([0-9]+)")
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let range = Range(match.range(at: 1), in: text)!
            text.replaceSubrange(range, with: String(Int(text[range])! - seconds))
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    // MARK: Proxies

    @Test func aProxyWithCredentialsFromTheVariables() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let nginx = try NginxServer(root: www)
        try Self.publish(5, in: www, baseURL: nginx.baseURL)
        let proxy = try TinyProxyServer(user: "builder", password: "s3cret")
        // Everything through the proxy, 127.0.0.1 included.
        let through = ["http_proxy": "http://builder:s3cret@127.0.0.1:\(proxy.port)", "no_proxy": ""]
        let result = try update(nginx, data: work + "/data", environment: through)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(pdscFiles(work + "/data") == 5)
        #expect(proxy.logText().contains("CONNECT 127.0.0.1:\(nginx.port)"), "\(proxy.logText())")

        let refused = try update(nginx, data: work + "/refused",
                                 environment: ["http_proxy": "http://builder:wrong@127.0.0.1:\(proxy.port)", "no_proxy": ""])
        #expect(refused.status != 0)
        // tinyproxy refuses wrong credentials with 401 rather than 407 (407 only when none came); either way the
        // message says what to check, and it is not retried.
        #expect(refused.standardError.contains("the proxy at 127.0.0.1:\(proxy.port) refused to open a connection to the server"),
                "\(refused.standardError)")
        #expect(refused.standardError.contains("check the credentials given") && !refused.standardError.contains("attempts"))
        let none = try update(nginx, data: work + "/none", environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)", "no_proxy": ""])
        #expect(none.status != 0 && none.standardError.contains("asks for credentials (HTTP 407) and none were given"), "\(none.standardError)")
    }
}
