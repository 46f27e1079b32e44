/// `<example>`: a project in the pack, the boards it runs on and the tools
/// that open it.
public struct Example: Sendable {
    public var attributes: [String: String]
    public var description: String?
    /// `<board name vendor Dvendor Dname/>` references.
    public var boards: [AttributeElement]
    /// `<project><environment name load folder/></project>` entries.
    public var environments: [AttributeElement]
    public var projectCount: Int
    /// `<attributes>`: categories, keywords and components used.
    public var categories: [String]
    public var keywords: [String]
    public var components: [AttributeElement]
    public var attributeGroups: Int
    public var extensions: [XMLElement]
    public var line: Int

    public var name: String { attributes["name"] ?? "" }
    public var folder: String? { attributes["folder"] }
    public var doc: String? { attributes["doc"] }
    public var version: String? { attributes["version"] }

    init(_ element: XMLElement, log: inout DiagnosticLog) {
        var description: String?
        var boards: [AttributeElement] = []
        var environments: [AttributeElement] = []
        var projects = 0
        var categories: [String] = []
        var keywords: [String] = []
        var components: [AttributeElement] = []
        var groups = 0
        var nested: [XMLElement] = []
        var reader = ChildReader(element)
        reader.read { child in
            switch child.name {
            case "description": description = child.text
            case "board": boards.append(AttributeElement(child))
            case "project":
                projects += 1
                var inner = ChildReader(child)
                environments += inner.collect("environment", make: AttributeElement.init)
                nested += inner.unclaimed
            case "attributes":
                groups += 1
                var inner = ChildReader(child)
                inner.read { item in
                    switch item.name {
                    case "category": categories.append(item.text)
                    case "keyword": keywords.append(item.text)
                    case "component": components.append(AttributeElement(item))
                    default: return false
                    }
                    return true
                }
                nested += inner.unclaimed
            default: return false
            }
            return true
        }
        log.warnUnknown(reader.unclaimed + nested, in: "example")
        attributes = element.attributeDictionary
        self.description = description
        self.boards = boards
        self.environments = environments
        projectCount = projects
        self.categories = categories
        self.keywords = keywords
        self.components = components
        attributeGroups = groups
        extensions = reader.unclaimed + nested
        line = element.line
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name),
            "boards": .array(boards.map(\.json)),
            "environments": .array(environments.map(\.json)),
            "categories": .array(categories.map(JSONValue.string)),
            "keywords": .array(keywords.map(JSONValue.string)),
            "components": .array(components.map(\.json)),
            "line": .number(String(line)),
        ]
        for key in ["folder", "archive", "doc", "version", "public"] {
            members[key] = attributes[key].map(JSONValue.string) ?? .null
        }
        members["description"] = description.map(JSONValue.string) ?? .null
        return .object(members)
    }
}

extension Example: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["example", default: 0] += 1
        if description != nil { counts["description", default: 0] += 1 }
        counts["board", default: 0] += boards.count
        counts["project", default: 0] += projectCount
        counts["environment", default: 0] += environments.count
        counts["attributes", default: 0] += attributeGroups
        counts["category", default: 0] += categories.count
        counts["keyword", default: 0] += keywords.count
        counts["component", default: 0] += components.count
        extensions.countElements(into: &counts)
    }
}
