import CMSISPack
import Foundation

/// Fixture writing for tests, which write their inputs into temporary
/// folders of their own. The program itself writes only through OwnedFiles.
extension FileBytes {
    public static func writeAtomically(_ bytes: some Collection<UInt8>, to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

extension DeviceIndex {
    /// The three index files into the folder of `paths`, as the program writes them.
    public func write(_ paths: IndexPaths) throws {
        let folder = (paths.index as NSString).deletingLastPathComponent
        for (name, bytes) in try files(paths) {
            try FileBytes.writeAtomically(bytes, to: folder + "/" + name)
        }
    }
}

/// A plain folder to extract into, for tests of the core's extraction.
public struct PlainFolder: ExtractionTarget {
    public let path: String
    public init(_ path: String) { self.path = path }

    public func makeFolder(_ relative: String) throws(FileError) {
        if mkdir(path + "/" + relative, 0o755) != 0 && errno != EEXIST {
            throw FileError(path: path + "/" + relative, operation: "create the folder", code: errno)
        }
    }

    public func createFile(_ relative: String) throws(FileError) -> Int32 {
        let descriptor = open(path + "/" + relative, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(path: path + "/" + relative, operation: "create", code: errno) }
        return descriptor
    }
}
