/// `<conditions>`: named rules that select components, files, examples and
/// more by device, compiler, board and the other components present.
public struct ConditionSection: Sendable {
    public var conditions: [Condition] = []
    public var extensions: [XMLElement] = []

    public init() {}

    public subscript(_ id: String) -> Condition? { conditions.first { $0.id == id } }

    /// Each id's first definition, in document order: a later one with the
    /// same id is ignored, as by the tools that read packs in order.
    public var firstDefinitions: [Condition] {
        var seen = Set<String>()
        return conditions.filter { seen.insert($0.id).inserted }
    }

    /// Definitions of an id defined before, with the line of the first.
    public var redefinitions: [(condition: Condition, firstLine: Int)] {
        var firstLines: [String: Int] = [:]
        return conditions.compactMap { condition in
            if let first = firstLines[condition.id] { return (condition, first) }
            firstLines[condition.id] = condition.line
            return nil
        }
    }
}

/// `<condition id="…">`.
public struct Condition: Sendable {
    public var id: String
    public var description: String?
    public var expressions: [ConditionExpression]
    public var extensions: [XMLElement]
    public var line: Int

    public init(id: String, description: String? = nil, expressions: [ConditionExpression], extensions: [XMLElement] = [], line: Int = 0) {
        self.id = id
        self.description = description
        self.expressions = expressions
        self.extensions = extensions
        self.line = line
    }
}

/// `<accept>`, `<require>` or `<deny>`: attributes that must all match.
public struct ConditionExpression: Sendable, Hashable {
    public enum Kind: String, Sendable { case accept, require, deny }

    public var kind: Kind
    /// Dvendor, Dname, Pname, Dcore, Dfpu…, Cclass, Cgroup…, Bname…,
    /// Tcompiler, Toptions, Hname…, and `condition` (another condition's id).
    public var attributes: [String: String]
    public var line: Int

    public init(kind: Kind, attributes: [String: String], line: Int = 0) {
        self.kind = kind
        self.attributes = attributes
        self.line = line
    }

    /// The referenced condition, if the expression names one.
    public var referencedCondition: String? { attributes["condition"] }
}

extension ConditionSection {
    init(_ element: XMLElement, log: inout DiagnosticLog) {
        var conditions: [Condition] = []
        // Kept as they are, with their own warning rather than the generic one.
        var withoutID: [XMLElement] = []
        var reader = ChildReader(element)
        reader.read { child in
            guard child.name == "condition" else { return false }
            guard let id = child["id"] else {
                log.warning(child.line, "<condition> without id; it can never be referenced")
                withoutID.append(child)
                return true
            }
            var expressions: [ConditionExpression] = []
            var description: String?
            var inner = ChildReader(child)
            inner.read { item in
                if item.name == "description" {
                    description = item.text
                    return true
                }
                guard let kind = ConditionExpression.Kind(rawValue: item.name) else { return false }
                expressions.append(ConditionExpression(kind: kind, attributes: item.attributeDictionary, line: item.line))
                return true
            }
            log.warnUnknown(inner.unclaimed, in: "condition")
            conditions.append(Condition(id: id, description: description, expressions: expressions,
                                        extensions: inner.unclaimed, line: child.line))
            return true
        }
        log.warnUnknown(reader.unclaimed, in: "conditions")
        self.conditions = conditions
        extensions = reader.unclaimed + withoutID
        for (condition, first) in redefinitions {
            log.warning(condition.line, Self.redefinitionMessage(condition, firstLine: first))
        }
    }
}

extension ConditionSection {
    public static func redefinitionMessage(_ condition: Condition, firstLine: Int) -> String {
        "condition '\(condition.id)' is defined again (first on line \(firstLine))"
    }
}

extension ConditionSection: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["conditions", default: 0] += 1
        for condition in conditions {
            counts["condition", default: 0] += 1
            if condition.description != nil { counts["description", default: 0] += 1 }
            for expression in condition.expressions { counts[expression.kind.rawValue, default: 0] += 1 }
            condition.extensions.countElements(into: &counts)
        }
        extensions.countElements(into: &counts)
    }
}
