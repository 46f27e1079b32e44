/// `<generator>`: a tool that creates or configures files of a project
/// (STM32CubeMX, MCUXpresso Config Tools…).
public struct Generator: Sendable {
    public var attributes: [String: String]
    public var description: String?
    public var command: String?
    public var workingDirectory: String?
    /// Every other child (arguments, exe, web, eclipse, gpdsc, select,
    /// project_files), kept whole: their content is tool-specific.
    public var parts: [XMLElement]
    public var line: Int

    public var id: String { attributes["id"] ?? "" }

    init(_ element: XMLElement, log: inout DiagnosticLog) {
        var description: String?
        var command: String?
        var directory: String?
        var parts: [XMLElement] = []
        var reader = ChildReader(element)
        reader.read { child in
            switch child.name {
            case "description": description = child.text
            case "command": command = child.text
            case "workingDir": directory = child.text
            case "arguments", "exe", "web", "eclipse", "gpdsc", "select", "project_files": parts.append(child)
            default: return false
            }
            return true
        }
        log.warnUnknown(reader.unclaimed, in: "generator")
        attributes = element.attributeDictionary
        self.description = description
        self.command = command
        workingDirectory = directory
        self.parts = parts + reader.unclaimed
        line = element.line
    }
}

extension Generator: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["generator", default: 0] += 1
        if description != nil { counts["description", default: 0] += 1 }
        if command != nil { counts["command", default: 0] += 1 }
        if workingDirectory != nil { counts["workingDir", default: 0] += 1 }
        parts.countElements(into: &counts)
    }
}
