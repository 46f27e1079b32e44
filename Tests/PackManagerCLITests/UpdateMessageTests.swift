import CMSISPack
import Foundation
import Testing
import TestSupport

/// What `cache descriptors` says when the indexes or the server cannot be
/// reached, and what its JSON report holds.
@Suite struct UpdateMessageTests {
    /// A loopback port nothing listens on: bound, then closed.
    static func closedPort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// An index on disk listing six descriptions on a server that is down.
    func downIndex(_ work: Workspace) throws -> String {
        let base = "http://127.0.0.1:\(Self.closedPort())/packs/"
        let entries = (1...6).map { "<pdsc url=\"\(base)\" vendor=\"Acme\" name=\"Pack\($0)\" version=\"1.0.0\"/>" }
        let text = "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><vendor>T</vendor><url>\(base)</url><pindex>\n"
            + entries.joined(separator: "\n") + "\n</pindex></index>\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: work.path + "/down.pidx"))
        return work.path + "/down.pidx"
    }

    @Test func aServerThatIsDownIsOneLineNotOnePerDescription() async throws {
        let work = Workspace()
        defer { work.remove() }
        let index = try downIndex(work)
        let result = await InProcess.run(["cache", "descriptors", "-q", "--attempts", "1", "--index-url", index, "--data-path", work.path + "/data"])
        #expect(result.status == 1)
        let errors = result.standardError.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors.count == 1, "\(result.standardError)")
        #expect(errors.first?.contains("6 descriptions from http://127.0.0.1:") == true)
        #expect(errors.first?.contains("-v lists each") == true)
        let verbose = await InProcess.run(["cache", "descriptors", "-q", "-v", "--attempts", "1", "--index-url", index, "--data-path", work.path + "/data"])
        #expect(verbose.standardError.split(separator: "\n").filter { $0.hasPrefix("error: Acme.Pack") }.count == 6, "\(verbose.standardError)")
    }

    @Test func aMissingLocalIndexIsNotANetworkProblem() async throws {
        let work = Workspace()
        defer { work.remove() }
        let result = await InProcess.run(["cache", "descriptors", "--index-url", work.path + "/nothere.pidx", "--data-path", work.path + "/data"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("nothere.pidx: no such file"), "\(result.standardError)")
        #expect(result.standardOutput.contains("could not be read; check the path"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("proxy"))
    }

    @Test func theJSONReportNamesItsFoldersAndIndexes() async throws {
        let work = Workspace()
        defer { work.remove() }
        let index = try work.corpusIndex([("HDSC", "HC32L110", "1.0.3")])
        let data = work.path + "/data"
        let result = await InProcess.run(["cache", "descriptors", "--json", "--index-url", index, "--data-path", data])
        #expect(result.status == 0, "\(result.standardError)")
        let report = try JSONParser.parse(Array(result.standardOutput.utf8))
        #expect(report["data_path"]?.stringValue == data)
        #expect(report["json_path"]?.stringValue == data)
        #expect(report["index_urls"]?.arrayValue?.compactMap(\.stringValue) == [URL(fileURLWithPath: index).absoluteString])
        #expect(report["new"]?.arrayValue?.count == 1)
    }
}
