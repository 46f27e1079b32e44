import Foundation
import Testing

/// The test corpus in the repository (`Tests/Corpus`: real third-party pack
/// files, with their sources and licences in its README and MANIFEST.tsv).
public enum Corpus {
    public static let root: String = {
        let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return testsFolder.deletingLastPathComponent().appendingPathComponent("Corpus").path
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
