/// `<environment name="…">`: settings for one tool (uVision, IAR, a config
/// tool…), whose content the specification leaves to that tool. The element
/// is kept whole.
public struct Environment: Sendable {
    public let name: String
    public let element: XMLElement

    public var line: Int { element.line }
    public var attributes: [String: String] { element.attributeDictionary }

    init(_ element: XMLElement) {
        name = element["name"] ?? ""
        self.element = element
    }
}
