import Foundation
@testable import PackManagerCLI
import TestSupport

/// What a command printed, and its exit status.
struct CommandOutput {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

/// `pack-manager` in this process: `PackManagerProgram.run` with its output
/// captured (`Terminal.capture`, a task-local), so these tests start no
/// program and run in parallel. The process's environment is the test
/// runner's, so every test names its folders (--data-path, --pack-root…)
/// inside a temporary folder of its own.
enum InProcess {
    static func run(_ arguments: [String]) async -> CommandOutput {
        let capture = OutputCapture()
        let status = await Terminal.$capture.withValue(capture) { await PackManagerProgram.run(arguments) }
        return CommandOutput(status: status, standardOutput: capture.standardOutput, standardError: capture.standardError)
    }
}

/// A temporary folder for one test, and the files the tests build in it.
struct Workspace {
    let path = Corpus.temporaryDirectory("cli")

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Everything below the folder, relative, sorted (to prove nothing was written).
    func contents(_ relative: String = "") -> [String] {
        let base = relative.isEmpty ? path : path + "/" + relative
        return (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []).sorted()
    }

    /// A pack index listing corpus descriptions where they lie (file:// URLs).
    func corpusIndex(_ packs: [(vendor: String, name: String, version: String)], named name: String = "index.pidx") throws -> String {
        let folder = URL(fileURLWithPath: Corpus.path("pdsc"), isDirectory: true).absoluteString
        let entries = packs.map { "<pdsc url=\"\(folder)\" vendor=\"\($0.vendor)\" name=\"\($0.name)\" version=\"\($0.version)\"/>" }
        let text = "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><vendor>Test</vendor><url>\(folder)</url><pindex>\n"
            + entries.joined(separator: "\n") + "\n</pindex></index>\n"
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}
