import Foundation

/// The repository's documentation pages, read from the working copy the
/// tests were built from.
enum Documentation {
    /// The repository's top folder (this file is Tests/PackManagerCLITests/Documentation.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// README.md, ARCHITECTURE.md and every page in docs/, relative to the top folder.
    static var pages: [String] {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? []
        return ["README.md", "ARCHITECTURE.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    static func read(_ page: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
    }

    static func write(_ text: String, to page: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(page), options: .atomic)
    }
}
