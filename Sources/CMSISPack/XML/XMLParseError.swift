/// A document that is not well-formed XML, or that was refused.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let document: String
    public let line: Int
    public let column: Int
    public let reason: String
    public let refusedEntities: Bool

    public var description: String {
        "\(document):\(line):\(column): \(reason)"
    }
}
