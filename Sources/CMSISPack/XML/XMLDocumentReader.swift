import CXMLReader
import Foundation

/// Parses XML bytes into an `XMLElement` tree with libxml2.
///
/// Malformed, truncated and empty documents fail with the line, column and
/// libxml2's reason; documents that declare entities are refused.
public enum XMLDocumentReader {
    public static func parse(_ bytes: [UInt8], name: String) throws(XMLParseError) -> XMLElement {
        let builder = TreeBuilder()
        var result = cxml_result()
        let context = Unmanaged.passUnretained(builder).toOpaque()
        var handler = cxml_handler(
            context: context,
            start_element: { context, name, namespace, count, attributes, line in
                TreeBuilder.from(context).start(name: name!, namespace: namespace, count: Int(count), attributes: attributes, line: Int(line))
            },
            end_element: { context in
                TreeBuilder.from(context).end()
            },
            characters: { context, text, length in
                TreeBuilder.from(context).characters(text!, Int(length))
            }
        )
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cxml_parse(&handler, chars.baseAddress, chars.count, name, &result)
            }
        }
        withExtendedLifetime(builder) {}
        guard result.ok == 1, let root = builder.root else {
            var message = withUnsafeBytes(of: result.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            // libxml2's push parser calls a truncated document "extra content at
            // the end"; say what really happened, naming the unclosed element.
            if result.code == documentEndCode, let open = builder.stack.last {
                message = "document ends before <\(open.name)> (opened on line \(open.line)) is closed: the file is truncated"
            }
            throw XMLParseError(
                document: name,
                line: Int(result.line),
                column: Int(result.column),
                reason: message.isEmpty ? "document is not well-formed XML" : message,
                refusedEntities: result.refused_entities == 1
            )
        }
        return root
    }

    /// XML_ERR_DOCUMENT_END in libxml2's xmlParserErrors.
    private static let documentEndCode: Int32 = 5

    public static func parse(contentsOf path: String) throws -> XMLElement {
        let bytes = try FileBytes.read(path)
        return try parse(bytes, name: path)
    }
}

/// Collects SAX events into a tree; one per parse.
private final class TreeBuilder {
    var stack: [XMLElement] = []
    var root: XMLElement?

    static func from(_ context: UnsafeMutableRawPointer?) -> TreeBuilder {
        Unmanaged<TreeBuilder>.fromOpaque(context!).takeUnretainedValue()
    }

    func start(name: UnsafePointer<UInt8>, namespace: UnsafePointer<UInt8>?, count: Int,
               attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, line: Int) {
        var list: [XMLAttribute] = []
        if count > 0, let attributes {
            list.reserveCapacity(count)
            for index in 0..<count {
                let base = index * 5
                let attributeName = String(cString: attributes[base]!)
                let start = attributes[base + 3]!
                let end = attributes[base + 4]!
                let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                list.append(XMLAttribute(name: attributeName, value: value))
            }
        }
        stack.append(XMLElement(name: String(cString: name), namespace: namespace.map { String(cString: $0) },
                                attributes: list, line: line))
    }

    func end() {
        guard let finished = stack.popLast() else { return }
        if stack.isEmpty {
            root = finished
        } else {
            stack[stack.count - 1].children.append(finished)
        }
    }

    func characters(_ text: UnsafePointer<UInt8>, _ length: Int) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].rawText += String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)
    }
}
