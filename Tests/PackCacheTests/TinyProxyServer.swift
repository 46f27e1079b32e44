import Foundation
import Testing
import TestSupport

/// A real forwarding proxy (Debian's tinyproxy) on 127.0.0.1 that asks for
/// Basic credentials, as a company proxy does; configuration, pid and log
/// in a fresh folder, in the foreground so the test owns the process.
final class TinyProxyServer {
    static let binary = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let home: String
    private(set) var port = 0
    private var pid: pid_t = 0
    var log: String { home + "/tinyproxy.log" }

    init(user: String, password: String) throws {
        let binary = try #require(Self.binary, "tinyproxy is missing: install it with 'apt-get install tinyproxy' (.ci/run does when it is missing)")
        home = Corpus.temporaryDirectory("tinyproxy")
        for attempt in 1...5 {
            port = try NginxServer.freePort()
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
            pid = try Spawn.start([binary, "-d", "-c", home + "/tinyproxy.conf"], environment: ProcessInfo.processInfo.environment,
                                  stdout: home + "/stdout", stderr: home + "/stderr")
            if waitUntilListening() { return }
            stop()
            if attempt == 5 {
                let errors = (try? String(contentsOfFile: home + "/stderr", encoding: .utf8)) ?? ""
                throw MirrorError(message: "tinyproxy did not start: \(errors)")
            }
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    func stop() {
        guard pid > 0 else { return }
        Spawn.stop(pid, signal: SIGTERM)
        pid = 0
    }

    /// The tunnels tinyproxy opened (its log says "Established connection" for each CONNECT).
    func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    private func waitUntilListening() -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                return false
            }
            if NginxServer.accepts(port) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
