import Foundation
import TestSupport

/// A server program (nginx, tinyproxy) that a test runs in the foreground on
/// a port of 127.0.0.1 the kernel has just handed out. A program that dies or
/// does not listen within 10 s is started again on a new port, five times at
/// most (another process may take the port in between); SIGTERM stops it.
final class LocalServerProcess {
    private(set) var port = 0
    private var pid: pid_t = 0

    /// `launch(port)` writes the program's configuration for that port and
    /// returns its command line; `diagnosis()` says what went wrong when the
    /// last attempt fails. Standard output and errors go to `home`.
    init(name: String, home: String, launch: (Int) throws -> [String], diagnosis: () -> String) throws {
        for attempt in 1...5 {
            port = try Self.freePort()
            pid = try Spawn.start(try launch(port), environment: ProcessInfo.processInfo.environment,
                                  stdout: home + "/stdout", stderr: home + "/stderr")
            if waitUntilListening() { return }
            stop()
            if attempt == 5 { throw MirrorError(message: "\(name) did not start: \(diagnosis())") }
        }
    }

    deinit { stop() }

    func stop() {
        guard pid > 0 else { return }
        Spawn.stop(pid, signal: SIGTERM)
        pid = 0
    }

    private func waitUntilListening() -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                return false
            }
            if Self.accepts(port) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    static func accepts(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port the kernel has just handed out, so nothing else listens there.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw MirrorError(message: "cannot open a socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw MirrorError(message: "cannot bind a socket") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
