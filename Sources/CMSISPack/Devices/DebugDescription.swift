/// `<debugport __dp="…">` with its `<swd>`, `<jtag>` or `<cjtag>` settings.
public struct DebugPort: Sendable {
    public var attributes: [String: String]
    /// `<swd>`, `<jtag>`, `<cjtag>` (idcode, tapindex, irlen…).
    public var links: [AttributeElement]
    /// Access ports written inside the debug port (also listed as properties).
    public var accessPortCount: Int
    public var extensions: [XMLElement]
    public var line: Int

    public var id: UInt64? { SpecNumber.value(attributes["__dp"]) }
}

/// `<debugvars>`: variables for debug sequences, as C-like declarations.
public struct DebugVars: Sendable {
    public var attributes: [String: String]
    /// The declarations, as written.
    public var text: String
    public var line: Int

    public var configFile: String? { attributes["configfile"] }
}

/// `<sequences>` of one level: debug access sequences by name.
public struct SequenceSet: Sendable {
    public var attributes: [String: String]
    public var sequences: [DebugSequence]
    public var extensions: [XMLElement]
    public var line: Int
}

/// `<sequence name="ResetSystem" Pname="…">`: statements a debugger runs.
public struct DebugSequence: Sendable {
    public var attributes: [String: String]
    public var body: [SequenceStatement]
    public var line: Int

    public var name: String { attributes["name"] ?? "" }
    public var processorName: String? { attributes["Pname"] }
    public var isDisabled: Bool { SpecBool.parse(attributes["disable"]) ?? false }
}

/// A `<block>` of statements (kept as text) or a `<control if while timeout>`.
public indirect enum SequenceStatement: Sendable {
    case block(attributes: [String: String], text: String, line: Int)
    case control(attributes: [String: String], body: [SequenceStatement], line: Int)
    /// An element the specification does not put here, kept as it is.
    case other(XMLElement)
}

/// `<flashinfo>`: how to program flash that has no flash algorithm (pages,
/// blank value, timing), with `<block>` and `<gap>` entries.
public struct FlashInfo: Sendable {
    public var attributes: [String: String]
    public var entries: [AttributeElement]
    public var extensions: [XMLElement]
    public var line: Int
}

/// `<trace>`: the trace capabilities (serial wire, trace port, trace buffer).
public struct Trace: Sendable {
    public var attributes: [String: String]
    /// `<serialwire>`, `<traceport>` (with its pins kept inside), `<tracebuffer>`.
    public var parts: [XMLElement]
    public var line: Int
}

// MARK: Decoding

extension DebugPort {
    init(_ element: XMLElement) {
        attributes = element.attributeDictionary
        var links: [AttributeElement] = []
        var ports = 0
        var reader = ChildReader(element)
        reader.read { child in
            switch child.name {
            case "swd", "jtag", "cjtag": links.append(AttributeElement(child))
            case "accessportV1", "accessportV2": ports += 1
            default: return false
            }
            return true
        }
        self.links = links
        accessPortCount = ports
        extensions = reader.unclaimed
        line = element.line
    }
}

extension SequenceSet {
    init(_ element: XMLElement) {
        attributes = element.attributeDictionary
        var reader = ChildReader(element)
        sequences = reader.collect("sequence") { child in
            DebugSequence(attributes: child.attributeDictionary, body: SequenceStatement.list(child.children), line: child.line)
        }
        extensions = reader.unclaimed
        line = element.line
    }
}

extension SequenceStatement {
    static func list(_ elements: [XMLElement]) -> [SequenceStatement] {
        elements.map { element in
            guard element.isSchemaElement else { return .other(element) }
            switch element.name {
            case "block":
                // The statements are kept exactly as written.
                return .block(attributes: element.attributeDictionary, text: element.rawText, line: element.line)
            case "control":
                return .control(attributes: element.attributeDictionary, body: list(element.children), line: element.line)
            default:
                return .other(element)
            }
        }
    }
}

extension FlashInfo {
    init(_ element: XMLElement) {
        attributes = element.attributeDictionary
        var reader = ChildReader(element)
        entries = reader.collect("block", "gap", make: AttributeElement.init)
        extensions = reader.unclaimed
        line = element.line
    }
}

// MARK: Counting

extension DebugPort: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["debugport", default: 0] += 1
        links.countElements(into: &counts)
        extensions.countElements(into: &counts)
        // Access ports inside are counted with the properties.
    }
}

extension DebugVars: ElementCounting {
    public func countElements(into counts: inout [String: Int]) { counts["debugvars", default: 0] += 1 }
}

extension SequenceSet: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["sequences", default: 0] += 1
        for sequence in sequences {
            counts["sequence", default: 0] += 1
            sequence.body.countElements(into: &counts)
        }
        extensions.countElements(into: &counts)
    }
}

extension SequenceStatement: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        switch self {
        case .block: counts["block", default: 0] += 1
        case .control(_, let body, _):
            counts["control", default: 0] += 1
            body.countElements(into: &counts)
        case .other(let element): element.countElements(into: &counts)
        }
    }
}

extension FlashInfo: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["flashinfo", default: 0] += 1
        entries.countElements(into: &counts)
        extensions.countElements(into: &counts)
    }
}

extension Trace: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["trace", default: 0] += 1
        parts.countElements(into: &counts)
    }
}
