import CMSISPack
import Foundation
import Testing
import TestSupport

/// The loopback mirror (`Tests/Servers/mirror.py`), started and
/// stopped by a test: a real HTTP/1.1 server on 127.0.0.1 with ETag,
/// Last-Modified, Range and fault injection.
final class MirrorServer {
    struct Request: Equatable {
        var path: String
        var status: Int
        var bytes: Int
        var flags: Set<String>
    }

    let root: String
    let logPath: String
    private var pid: pid_t = 0
    private(set) var port = 0
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `port` 0 picks a free port (`restarted` gives the old one).
    init(root: String, port requestedPort: Int = 0, arguments: [String] = []) throws {
        self.root = root
        logPath = root + ".log"
        try? FileManager.default.removeItem(atPath: logPath)
        let script = URL(fileURLWithPath: Corpus.root).deletingLastPathComponent().appendingPathComponent("Servers/mirror.py").path
        try #require(FileManager.default.fileExists(atPath: script), "mirror.py not found at \(script)")
        let outputPath = root + ".out"
        try? FileManager.default.removeItem(atPath: outputPath)
        let argv = ["/usr/bin/env", "python3", script, "--root", root, "--port", String(requestedPort), "--log", logPath, "--max-seconds", "300"] + arguments
        pid = try Spawn.start(argv, environment: ProcessInfo.processInfo.environment, stdout: outputPath, stderr: "/dev/null")
        // First line: "listening http://127.0.0.1:PORT".
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: "http://127.0.0.1:"), text.contains("\n"),
               let port = Int(text[range.upperBound...].prefix { $0.isNumber }) {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        stop()
        throw MirrorError(message: "mirror.py did not start within 20 s")
    }

    deinit { stop() }

    /// Kills the server: its log is written as it answers, so nothing is lost.
    func stop() {
        guard pid > 0 else { return }
        Spawn.stop(pid, signal: SIGKILL)
        pid = 0
    }

    /// Stops this server and starts another on the same folder and port, with new arguments.
    func restarted(arguments: [String] = []) throws -> MirrorServer {
        stop()
        return try MirrorServer(root: root, port: port, arguments: arguments)
    }

    /// Requests logged so far (the server writes a line when it answers).
    func requests() -> [Request] {
        Thread.sleep(forTimeInterval: 0.2)
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 6, let status = Int(fields[2]) else { return nil }
            return Request(path: String(fields[1]), status: status, bytes: Int(fields[3]) ?? 0,
                           flags: Set(fields[5].split(separator: ",").map(String.init)))
        }
    }

    /// Requests since `mark` (a count returned by an earlier `requests().count`).
    func requests(since mark: Int) -> [Request] { Array(requests().dropFirst(mark)) }
}

struct MirrorError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A small published pack world on disk: `<Vendor>/<Vendor>.<Name>.pdsc`
/// files (with `<url>` pointing at the mirror, as publishers write it), packs
/// and `index.pidx`.
struct PackWorld {
    struct Pack {
        var vendor: String
        var name: String
        var version: String
        var text: String
    }

    let root: String
    var baseURL = ""

    init(root: String) {
        self.root = root
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    static func corpusPack(_ file: String) throws -> Pack {
        let text = String(decoding: try FileBytes.read(Corpus.path(file)), as: UTF8.self)
        let read = try PackDescriptionReader.read(bytes: Array(text.utf8), source: file)
        return Pack(vendor: read.description.vendor, name: read.description.name,
                    version: read.description.latestRelease?.version ?? "", text: text)
    }

    /// Writes a description under `folder` (default: the vendor's folder) with its `<url>` set there.
    func publish(_ pack: Pack, folder: String? = nil) throws {
        let directory = folder ?? pack.vendor
        try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        var text = pack.text
        if let open = text.range(of: "<url>"), let close = text.range(of: "</url>", range: open.upperBound..<text.endIndex) {
            text.replaceSubrange(open.upperBound..<close.lowerBound, with: "\(baseURL)/\(directory)/")
        }
        try FileBytes.writeAtomically(Array(text.utf8), to: "\(root)/\(directory)/\(pack.vendor).\(pack.name).pdsc")
    }

    func writeIndex(_ entries: [(vendor: String, name: String, version: String, folder: String)], file: String = "index.pidx") throws {
        try FileManager.default.createDirectory(atPath: ((root + "/" + file) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<index schemaVersion=\"1.1.0\">\n  <vendor>Test</vendor>\n  <url>\(baseURL)/</url>\n  <pindex>\n"
        for entry in entries {
            text += "    <pdsc url=\"\(baseURL)/\(entry.folder)/\" vendor=\"\(entry.vendor)\" name=\"\(entry.name)\" version=\"\(entry.version)\"/>\n"
        }
        text += "  </pindex>\n</index>\n"
        try FileBytes.writeAtomically(Array(text.utf8), to: root + "/" + file)
    }

    func writeRaw(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileBytes.writeAtomically(Array(text.utf8), to: path)
    }
}
