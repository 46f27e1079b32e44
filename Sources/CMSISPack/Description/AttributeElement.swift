/// A leaf element of a pack description: its attributes and text, as written
/// (`<file …/>`, `<license …/>`, `<keyword>…</keyword>`…).
public struct AttributeElement: Sendable, Hashable {
    public let name: String
    public var attributes: [String: String]
    /// Character data, trimmed.
    public var text: String
    public let line: Int

    public init(name: String, attributes: [String: String], text: String = "", line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.line = line
    }

    public init(_ element: XMLElement) {
        self.init(name: element.name, attributes: element.attributeDictionary, text: element.text, line: element.line)
    }

    public subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// The attributes and, when not empty, the text, as JSON (attribute names as in the PDSC).
    public var json: JSONValue {
        var members = attributes.mapValues(JSONValue.string)
        if !text.isEmpty { members["text"] = .string(text) }
        return .object(members)
    }
}

/// Counts the elements a model holds, by qualified name, so a test can check
/// that decoding dropped nothing the file contains.
public protocol ElementCounting {
    func countElements(into counts: inout [String: Int])
}

extension AttributeElement: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts[name, default: 0] += 1
    }
}

extension XMLElement: ElementCounting {}

extension Array: ElementCounting where Element: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        for element in self { element.countElements(into: &counts) }
    }
}

extension Optional: ElementCounting where Wrapped: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        self?.countElements(into: &counts)
    }
}

/// Reads the children of one element: the decoder claims the ones it knows,
/// the rest are kept (`unclaimed`), with a warning for schema elements.
struct ChildReader {
    let parent: XMLElement
    private(set) var unclaimed: [XMLElement] = []

    init(_ parent: XMLElement) { self.parent = parent }

    /// Calls `handle` for each child; a child it returns false for is kept as unclaimed.
    mutating func read(_ handle: (XMLElement) -> Bool) {
        for child in parent.children {
            if !child.isSchemaElement || !handle(child) { unclaimed.append(child) }
        }
    }

    /// The children named one of `names`, each made into an item; the other
    /// children are kept as unclaimed.
    mutating func collect<Item>(_ names: String..., make: (XMLElement) -> Item) -> [Item] {
        var items: [Item] = []
        read { child in
            guard names.contains(child.name) else { return false }
            items.append(make(child))
            return true
        }
        return items
    }
}
