/// One element of a parsed XML document: a small value tree that the decoders walk.
///
/// ```swift
/// let root = try XMLDocumentReader.parse(bytes, name: "Keil.STM32F4xx_DFP.pdsc")
/// let vendor = root.child("vendor")?.text
/// ```
public struct XMLElement: Sendable {
    /// The local name (without prefix).
    public let name: String
    /// The namespace URI; nil for the schema's own elements, set for
    /// vendor extensions such as Atmel's and Microchip's.
    public let namespace: String?
    public internal(set) var attributes: [XMLAttribute]
    public internal(set) var children: [XMLElement]
    /// Character data directly inside this element, untrimmed.
    public internal(set) var rawText: String
    /// 1-based line of the start tag in the source document.
    public let line: Int

    public init(name: String, namespace: String? = nil, attributes: [XMLAttribute] = [], children: [XMLElement] = [],
                rawText: String = "", line: Int = 0) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.rawText = rawText
        self.line = line
    }

    /// The value of an attribute, or nil when absent.
    @inlinable
    public subscript(_ attribute: String) -> String? {
        for candidate in attributes where candidate.name == attribute {
            return candidate.value
        }
        return nil
    }

    /// Character data with surrounding white space removed.
    public var text: String { rawText.trimmingXMLWhitespace() }

    /// The name with its namespace, as `{uri}name` for foreign elements.
    public var qualifiedName: String { namespace.map { "{\($0)}\(name)" } ?? name }

    /// Whether this is one of the schema's own elements (no namespace).
    public var isSchemaElement: Bool { namespace == nil }

    /// The first child element of the schema with this name.
    public func child(_ name: String) -> XMLElement? {
        children.first { $0.name == name && $0.namespace == nil }
    }

    /// All child elements of the schema with this name, in document order.
    public func children(_ name: String) -> [XMLElement] {
        children.filter { $0.name == name && $0.namespace == nil }
    }

    /// This element and every element below it.
    public var elementCount: Int { children.reduce(1) { $0 + $1.elementCount } }

    /// Adds this element and every element below it to `counts`, by qualified name.
    public func countElements(into counts: inout [String: Int]) {
        counts[qualifiedName, default: 0] += 1
        for child in children { child.countElements(into: &counts) }
    }
}

public struct XMLAttribute: Sendable, Equatable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension String {
    /// Trims the four XML white-space characters (space, tab, CR, LF).
    public func trimmingXMLWhitespace() -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        let view = utf8
        var start = view.startIndex
        var end = view.endIndex
        while start < end, isSpace(view[start]) { start = view.index(after: start) }
        while end > start, isSpace(view[view.index(before: end)]) { end = view.index(before: end) }
        return String(self[start..<end])
    }
}
