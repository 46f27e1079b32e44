import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// Offline, a mistyped host, a proxy that is not running: the first attempt
/// says which host could not be reached and why, nothing is retried, and the
/// summary says the index could not be read and what to try.
@Suite struct UnreachableHostTests {
    let directory = Corpus.temporaryDirectory("unreachable")
    var paths: [String] { ["--data-path", directory, "--json-path", directory] }
    static let environment = PackManagerBinary.offline(["CMSIS_PACK_MANAGER_INDEX_URLS": ""])

    /// A loopback port with nothing listening: bound to a free port, then closed again.
    static func closedPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aRefusedConnectionFailsAtOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = "http://127.0.0.1:\(try Self.closedPort())/index.pidx"
        let result = try PackManagerBinary.run(["cache", "descriptors", "-q", "--index-url", url] + paths, environment: Self.environment)
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(url): cannot connect: connection refused (nothing listens there) at 127.0.0.1:"))
        #expect(result.standardError.contains("not retried"))
        #expect(!result.standardError.contains("attempts"))
        #expect(result.standardOutput.contains(", 1 request,"))
        #expect(result.standardOutput.contains("Index files: 1 of 1 could not be read"))
        #expect(result.standardOutput.contains("--index-url"))
    }

    @Test func aProxyThatIsNotRunningIsNamed() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The offline environment points http_proxy at 127.0.0.1:9, where nothing listens;
        // the index's own host is never looked up.
        let url = "http://packs.example.invalid/index.pidx"
        let result = try PackManagerBinary.run(["cache", "descriptors", "-q", "--index-url", url] + paths, environment: Self.environment)
        #expect(result.status == 1)
        #expect(result.standardError.contains("connection refused (nothing listens there) at 127.0.0.1:9 (the proxy from http_proxy/https_proxy, for packs.example.invalid)"))
    }

    @Test func aMissingLocalIndexIsNoSuchFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try PackManagerBinary.run(["cache", "descriptors", "-q", "--index-url", directory + "/none.pidx"] + paths, environment: Self.environment)
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(directory)/none.pidx: no such file"))
        #expect(!result.standardError.contains("HTTP 404"))
    }
}
