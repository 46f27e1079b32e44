import CMSISPack
import Foundation
import Testing
import TestSupport

/// A pack world for the cpackget behaviours, served on 127.0.0.1 by the
/// shared mirror: Gizmo.Sprocket (1.1.0 and 1.0.0), Gizmo.Cog (requires
/// Gizmo.Sprocket), Retired.Part (deprecated in 2020), Future.Part (to be
/// deprecated in 2999), and two index entries without a usable url.
struct CpackgetWorld {
    let work: String
    let mirror: MirrorServer
    var root: String { work + "/root" }
    var www: String { work + "/www" }
    var json: String { work + "/json" }
    var base: String { mirror.baseURL }

    static let offline = PackManagerBinary.offline(["CMSIS_PACK_ROOT": ""])

    init(label: String) throws {
        work = Corpus.temporaryDirectory(label)
        try FileManager.default.createDirectory(atPath: work + "/www", withIntermediateDirectories: true)
        mirror = try MirrorServer(root: work + "/www")
        try publish("Gizmo", "Sprocket", ["1.1.0", "1.0.0"])
        try publish("Gizmo", "Cog", ["3.0.0"], requires: [("Gizmo", "Sprocket", "1.0.0")])
        try publish("Retired", "Part", ["1.0.0"])
        try publish("Future", "Part", ["1.0.0"])
        try writeIndex([("Gizmo", "Sprocket", "1.1.0", ""), ("Gizmo", "Cog", "3.0.0", ""),
                        ("Retired", "Part", "1.0.0", " deprecated=\"2020-01-01\" replacement=\"Gizmo.Sprocket\""),
                        ("Future", "Part", "1.0.0", " deprecated=\"2999-01-01\"")])
    }

    func cleanUp() {
        mirror.stop()
        try? FileManager.default.removeItem(atPath: work)
    }

    /// A description: its releases newest first, its requirements, maybe a licence.
    static func pdsc(_ vendor: String, _ name: String, _ versions: [String], url: String,
                     requires: [(String, String, String)] = [], license: String? = nil) -> Data {
        let releases = versions.map { "<release version=\"\($0)\" date=\"2025-01-01\">Release \($0)</release>" }.joined()
        let needs = requires.map { "<package vendor=\"\($0.0)\" name=\"\($0.1)\" version=\"\($0.2)\"/>" }.joined()
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <package schemaVersion="1.7.36">
          <vendor>\(vendor)</vendor><name>\(name)</name><description>\(name)</description><url>\(url)</url>
          \(license.map { "<license>\($0)</license>" } ?? "")
          <releases>\(releases)</releases>
          \(needs.isEmpty ? "" : "<requirements><packages>\(needs)</packages></requirements>")
        </package>
        """
        return Data(text.utf8)
    }

    /// `/<vendor>/<Vendor>.<Name>.pdsc` listing `versions`, and one archive per
    /// version whose own description's newest release is that version.
    func publish(_ vendor: String, _ name: String, _ versions: [String], requires: [(String, String, String)] = []) throws {
        let folder = www + "/" + vendor.lowercased()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let url = "\(base)/\(vendor.lowercased())/"
        try Self.pdsc(vendor, name, versions, url: url, requires: requires).write(to: URL(fileURLWithPath: "\(folder)/\(vendor).\(name).pdsc"))
        for (position, version) in versions.enumerated() {
            let own = Self.pdsc(vendor, name, Array(versions[position...]), url: url, requires: requires)
            try ZipBuilder.write([.file("\(vendor).\(name).pdsc", own), .file("src/\(name).c", Data("int v\(position);\n".utf8))],
                                 to: "\(folder)/\(vendor).\(name).\(version).pack")
        }
    }

    /// The index, plus the two entries cpackget would keep and we report.
    func writeIndex(_ entries: [(String, String, String, String)]) throws {
        var lines = entries.map { "<pdsc url=\"\(base)/\($0.0.lowercased())/\" vendor=\"\($0.0)\" name=\"\($0.1)\" version=\"\($0.2)\"\($0.3)/>" }
        lines.append("<pdsc vendor=\"Nowhere\" name=\"Lost\" version=\"1.0.0\"/>")
        lines.append("<pdsc url=\"\" vendor=\"Nowhere\" name=\"Empty\" version=\"1.0.0\"/>")
        let text = "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><vendor>Test</vendor><url>\(base)/</url><timestamp>2026-01-01T00:00:00</timestamp><pindex>\n"
            + lines.joined(separator: "\n") + "\n</pindex></index>\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: www + "/index.pidx"))
    }

    @discardableResult
    func pack(_ arguments: [String], root: String? = nil) throws -> CommandResult {
        try PackManagerBinary.run(["pack"] + arguments + ["--pack-root", root ?? self.root, "--json-path", json, "-q"], environment: Self.offline)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: root + "/" + relative) }

    func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// Seconds since the epoch of a file's modification (0 when missing).
    func modified(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mtim.tv_sec) : 0
    }

    /// Sets a file's time back to 1970, so a later touch shows.
    func age(_ path: String) {
        var times = [timeval(tv_sec: 0, tv_usec: 0), timeval(tv_sec: 0, tv_usec: 0)]
        utimes(path, &times)
    }
}

/// Runs a program (not ours) in a folder: openssl, gpg, python3.
enum Tool {
    @discardableResult
    static func run(_ argv: [String], in folder: String, stdin: String = "/dev/null", environment: [String: String] = [:]) throws -> CommandResult {
        let base = NSTemporaryDirectory() + "cpm-tool-" + UUID().uuidString
        defer { [base + ".out", base + ".err"].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder] + argv
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let status = Spawn.wait(try Spawn.start(shell, environment: merged, stdin: stdin, stdout: base + ".out", stderr: base + ".err"))
        return CommandResult(status: status, standardOutput: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
                             standardError: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }

    /// `python3 -c script args…`.
    @discardableResult
    static func python(_ script: String, _ arguments: [String], in folder: String) throws -> CommandResult {
        try run(["/usr/bin/env", "python3", "-c", script] + arguments, in: folder)
    }
}
