/// Something a reader found in a file: an error that cost data, or a warning
/// about input it could read but that is not as the specification says.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }
    }

    public let severity: Severity
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line[:column]: severity: message`, the form compilers use.
    public var description: String {
        var location = file
        if let line, line > 0 {
            location += ":\(line)"
            if let column, column > 0 { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics for one file while it is decoded.
struct DiagnosticLog {
    let file: String
    private(set) var entries: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func warning(_ line: Int?, _ message: String) {
        entries.append(Diagnostic(.warning, file: file, line: line, message))
    }

    mutating func error(_ line: Int?, _ message: String) {
        entries.append(Diagnostic(.error, file: file, line: line, message))
    }

    /// Elements of the schema's namespace that `parent` does not take; they
    /// are kept as they are (other namespaces are vendor extensions: no warning).
    mutating func warnUnknown(_ elements: [XMLElement], in parent: String) {
        for element in elements where element.isSchemaElement {
            warning(element.line, "<\(element.name)> is not expected inside <\(parent)>; kept as it is")
        }
    }

    mutating func append(_ diagnostics: [Diagnostic]) {
        entries += diagnostics
    }
}
