import Foundation
import Testing
import TestSupport

/// A real forwarding proxy (Debian's tinyproxy) on 127.0.0.1 that asks for
/// Basic credentials, as a company proxy does; configuration, pid and log
/// in a fresh folder, in the foreground so the test owns the process.
final class TinyProxyServer {
    static let binary = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let home: String
    private let process: LocalServerProcess
    var port: Int { process.port }
    var log: String { home + "/tinyproxy.log" }

    init(user: String, password: String) throws {
        let binary = try #require(Self.binary, "tinyproxy is missing: install it with 'apt-get install tinyproxy' (.ci/run does when it is missing)")
        let home = Corpus.temporaryDirectory("tinyproxy")
        self.home = home
        process = try LocalServerProcess(name: "tinyproxy", home: home, launch: { port in
            // As root, tinyproxy wants a user to run as; it runs as the one starting it.
            let account = geteuid() == 0 ? "User root\nGroup root\n" : ""
            try """
            \(account)Port \(port)
            Listen 127.0.0.1
            Timeout 30
            MaxClients 64
            LogFile "\(home)/tinyproxy.log"
            LogLevel Connect
            PidFile "\(home)/tinyproxy.pid"
            BasicAuth \(user) \(password)
            Allow 127.0.0.1

            """.write(toFile: home + "/tinyproxy.conf", atomically: true, encoding: .utf8)
            return [binary, "-d", "-c", home + "/tinyproxy.conf"]
        }, diagnosis: { (try? String(contentsOfFile: home + "/stderr", encoding: .utf8)) ?? "" })
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    func stop() { process.stop() }

    /// The tunnels tinyproxy opened (its log says "Established connection" for each CONNECT).
    func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
}
