import Foundation
import Testing

/// The shared corpus beside the repository (`../shared/corpus`). Tests that
/// need it fail, rather than skip, when it is missing: CI always has it.
public enum Corpus {
    public static let root: String = {
        let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    }()

    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// Every corpus PDSC, relative to `pdsc/`.
    public static var pdscFiles: [String] {
        let base = path("pdsc")
        let all = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".pdsc") }.sorted()
    }

    public static func requireAvailable() throws {
        try #require(FileManager.default.fileExists(atPath: path("MANIFEST.tsv")), "corpus not found at \(root)")
    }

    /// A fresh temporary folder, removed by the caller's `defer`.
    public static func temporaryDirectory(_ label: String = "test") -> String {
        let path = NSTemporaryDirectory() + "cpm-\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
