import CMSISPack
import PackCheck
import Foundation
import Testing

/// PackIndex.xsd 1.1.1 from the corpus, for the tests that check every
/// index we write (index build, mirror, the pack root's index files).
public enum PackIndexSchema {
    public static func validator() throws -> SchemaValidator {
        try Corpus.requireAvailable()
        return try SchemaValidator(path: Corpus.path("schema/PackIndex.xsd"))
    }

    /// libxml2's problems with the file at `path`; empty when it validates.
    public static func problems(_ path: String) throws -> [String] {
        let bytes = try FileBytes.read(path)
        return try validator().validate(bytes, name: path).filter(\.isError).map { "\($0.line ?? 0): \($0.message)" }
    }
}
