/// A flash algorithm file (`.FLM`) that cannot be used, with the file it came
/// from (a path, or `pack!/member`) and what is wrong with it.
public struct FlashAlgorithmError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file: a path, or `archive.pack!/Flash/Device.FLM`.
    public let source: String
    public let reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
