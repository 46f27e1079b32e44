import Foundation

/// Reads pack descriptions from files or bytes.
///
/// ```swift
/// let result = try PackDescriptionReader.read(path: "ARM.CMSIS.pdsc")
/// result.description.vendor   // "ARM"
/// result.diagnostics          // warnings, each with file and line
/// ```
public enum PackDescriptionReader {
    public struct Result: Sendable {
        public let description: PackDescription
        public let diagnostics: [Diagnostic]
    }

    public static func read(path: String) throws(PackReadError) -> Result {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw .file(error) }
        return try read(bytes: bytes, source: path)
    }

    public static func read(bytes: [UInt8], source: String) throws(PackReadError) -> Result {
        let root: XMLElement
        do { root = try XMLDocumentReader.parse(bytes, name: source) } catch { throw .xml(error) }
        var decoder = PackDescriptionDecoder(source: source)
        do {
            let description = try decoder.decode(root, source: source)
            return Result(description: description, diagnostics: decoder.diagnostics)
        } catch {
            throw .content(error)
        }
    }
}

/// Why a pack description could not be read: the file, its XML, or its content.
public enum PackReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case file(FileError)
    case xml(XMLParseError)
    case content(PackDescriptionError)
    case archive(PackArchiveError)

    public var description: String {
        switch self {
        case .file(let error): return error.description
        case .xml(let error): return error.description
        case .content(let error): return error.description
        case .archive(let error): return error.description
        }
    }
}

extension PackReadError {
    /// One line for a file that could not be read: file, line, column, reason.
    public var diagnostic: Diagnostic {
        switch self {
        case .xml(let xml):
            return Diagnostic(.error, file: xml.document, line: xml.line, column: xml.column, xml.reason)
        case .content(let content):
            return Diagnostic(.error, file: content.file, line: content.line, content.reason)
        case .file(let file):
            return Diagnostic(.error, file: file.path, "cannot \(file.operation): \(file.detail ?? String(cString: strerror(file.code)))")
        case .archive(let archive):
            return Diagnostic(.error, file: archive.path, archive.reason)
        }
    }
}
