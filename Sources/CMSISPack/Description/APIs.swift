/// `<api>`: an interface that components implement (Cclass, Cgroup, Capiversion).
public struct API: Sendable {
    public var attributes: [String: String]
    public var description: String?
    public var files: [ComponentFile]
    public var fileGroups: Int
    public var extensions: [XMLElement]
    public var line: Int

    public var componentClass: String { attributes["Cclass"] ?? "" }
    public var group: String { attributes["Cgroup"] ?? "" }
    public var apiVersion: String? { attributes["Capiversion"] }
    public var isExclusive: Bool { SpecBool.parse(attributes["exclusive"]) ?? true }
    public var condition: String? { attributes["condition"] }

    init(_ element: XMLElement, log: inout DiagnosticLog) {
        var description: String?
        var files = FileGroups()
        var reader = ChildReader(element)
        reader.read { item in
            switch item.name {
            case "description": description = item.text
            case "files": files.read(item, log: &log)
            default: return false
            }
            return true
        }
        log.warnUnknown(reader.unclaimed, in: "api")
        attributes = element.attributeDictionary
        self.description = description
        self.files = files.files
        fileGroups = files.groups
        extensions = reader.unclaimed + files.unclaimed
        line = element.line
    }
}

extension API: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["api", default: 0] += 1
        if description != nil { counts["description", default: 0] += 1 }
        counts["files", default: 0] += fileGroups
        counts["file", default: 0] += files.count
        extensions.countElements(into: &counts)
    }
}
