/// A top-level section that is a list of one kind of element (`<apis>`,
/// `<examples>`, `<generators>`, `<licenseSets>`, `<taxonomy>`…), with any
/// other children kept as they are.
public struct ListSection<Item: Sendable & ElementCounting>: Sendable {
    /// The section's element name, e.g. "apis".
    public let name: String
    public var items: [Item]
    public var extensions: [XMLElement]
    public let line: Int

    public init(name: String, items: [Item] = [], extensions: [XMLElement] = [], line: Int = 0) {
        self.name = name
        self.items = items
        self.extensions = extensions
        self.line = line
    }

    /// Decodes the children named `itemName` with `decode`; a child it
    /// returns nil for, or with another name, is kept.
    init(_ element: XMLElement, items itemNames: Set<String>, log: inout DiagnosticLog,
         decode: (XMLElement, inout DiagnosticLog) -> Item?) {
        var items: [Item] = []
        var reader = ChildReader(element)
        reader.read { child in
            guard itemNames.contains(child.name), let item = decode(child, &log) else { return false }
            items.append(item)
            return true
        }
        log.warnUnknown(reader.unclaimed, in: element.name)
        self.init(name: element.name, items: items, extensions: reader.unclaimed, line: element.line)
    }
}

extension ListSection: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts[name, default: 0] += 1
        items.countElements(into: &counts)
        extensions.countElements(into: &counts)
    }
}

/// Files of a component, API or generator: `<files><file …/></files>` groups.
struct FileGroups {
    var files: [ComponentFile] = []
    var groups = 0
    var unclaimed: [XMLElement] = []

    mutating func read(_ element: XMLElement, log: inout DiagnosticLog) {
        groups += 1
        var reader = ChildReader(element)
        files += reader.collect("file") { ComponentFile(attributes: $0.attributeDictionary, line: $0.line) }
        log.warnUnknown(reader.unclaimed, in: "files")
        unclaimed += reader.unclaimed
    }
}
