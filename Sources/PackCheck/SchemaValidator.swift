import CXMLReader
import CMSISPack
import Foundation

/// An XML Schema (PACK.xsd) compiled once by libxml2, then used to validate
/// any number of documents, with the line of every problem.
///
/// ```swift
/// let schema = try SchemaValidator(path: "PACK.xsd")
/// for problem in schema.validate(bytes, name: "A.B.pdsc") {
///     print(problem.line, problem.message)   // 12 "Element 'bogus': This element is not expected. …"
/// }
/// ```
///
/// Neither the schema nor the document may reach the network or declare
/// entities: libxml2 runs with XML_PARSE_NONET, without entity substitution,
/// and refuses entity declarations (see cxml_schema.c).
public final class SchemaValidator: @unchecked Sendable {
    // @unchecked: the compiled schema is never modified after loading, and
    // libxml2 allows concurrent validations against one schema (each call
    // makes its own validation context).

    public struct Problem: Sendable, Hashable {
        public let isError: Bool
        /// 1-based; nil when libxml2 gives none.
        public let line: Int?
        public let message: String
    }

    public let path: String
    private let schema: OpaquePointer

    public init(path: String) throws(SchemaLoadError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SchemaLoadError(path: path, reasons: ["no such readable file"])
        }
        let collector = ProblemCollector()
        let loaded = withExtendedLifetime(collector) {
            cxml_schema_load(path, ProblemCollector.report, Unmanaged.passUnretained(collector).toOpaque())
        }
        guard let loaded else {
            throw SchemaLoadError(path: path, reasons: collector.problems.filter(\.isError).map(\.located))
        }
        self.path = path
        schema = loaded
    }

    deinit { cxml_schema_free(schema) }

    /// Every problem libxml2 reports, in document order. A document that is
    /// not well-formed yields its parse error.
    public func validate(_ bytes: [UInt8], name: String) -> [Problem] {
        let collector = ProblemCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        withExtendedLifetime(collector) {
            _ = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cxml_schema_validate(schema, chars.baseAddress, chars.count, name, ProblemCollector.report, context)
                }
            }
        }
        return collector.problems
    }
}

/// A schema that cannot be used, with libxml2's reasons.
public struct SchemaLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reasons: [String]
    public var description: String {
        "\(path): not a usable XML schema: " + (reasons.isEmpty ? "unknown reason" : reasons.prefix(3).joined(separator: "; "))
    }
}

/// Receives libxml2's reports during one call.
private final class ProblemCollector {
    var problems: [SchemaValidator.Problem] = []

    static let report: cxml_schema_report_fn = { context, isError, line, _, message in
        let collector = Unmanaged<ProblemCollector>.fromOpaque(context!).takeUnretainedValue()
        collector.problems.append(SchemaValidator.Problem(
            isError: isError != 0, line: line > 0 ? Int(line) : nil,
            message: message.map { String(cString: $0) } ?? "XML schema error"))
    }
}

extension SchemaValidator.Problem {
    var located: String { line.map { "line \($0): \(message)" } ?? message }
}
