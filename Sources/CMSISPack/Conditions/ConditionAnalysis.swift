/// Static problems of a pack's conditions: references to conditions that do
/// not exist, conditions that refer to themselves through others, and
/// conditions nothing uses.
public struct ConditionProblem: Sendable, Hashable {
    public enum Kind: String, Sendable { case undefined, cycle, unused }
    public let kind: Kind
    public let conditionID: String
    public let line: Int
    public let message: String
}

extension PackDescription {
    /// Every place a condition is named: components, files, APIs, bundles'
    /// components, examples' and csolution entries, and other conditions.
    public var conditionReferences: [(id: String, line: Int, from: String)] {
        var result: [(String, Int, String)] = []
        for component in allComponents {
            if let id = component.condition { result.append((id, component.line, "component \(component.id)")) }
            for file in component.files {
                if let id = file.condition { result.append((id, file.line, "file \(file.name)")) }
            }
        }
        for api in apis?.items ?? [] {
            if let id = api.condition { result.append((id, api.line, "api \(api.componentClass):\(api.group)")) }
            for file in api.files {
                if let id = file.condition { result.append((id, file.line, "file \(file.name)")) }
            }
        }
        for item in csolution?.items ?? [] {
            if let id = item.element["condition"] { result.append((id, item.element.line, "<\(item.element.name)>")) }
        }
        for condition in conditions?.conditions ?? [] {
            for expression in condition.expressions {
                if let id = expression.referencedCondition {
                    result.append((id, expression.line, "condition \(condition.id)"))
                }
            }
        }
        return result
    }

    public var conditionProblems: [ConditionProblem] {
        let defined = conditions?.firstDefinitions ?? []
        // Tools read attribute values trimmed (packchk's reader does): 'Core ' names 'Core'.
        let known = Set(defined.map { $0.id.trimmingXMLWhitespace() })
        var problems: [ConditionProblem] = []
        let references = conditionReferences
        for reference in references where !known.contains(reference.id.trimmingXMLWhitespace()) {
            problems.append(ConditionProblem(kind: .undefined, conditionID: reference.id, line: reference.line,
                                             message: "\(reference.from) names condition '\(reference.id)', which is not defined"))
        }
        for cycle in ConditionGraph(defined).cycles() {
            let first = defined.first { $0.id == cycle[0] }
            problems.append(ConditionProblem(kind: .cycle, conditionID: cycle[0], line: first?.line ?? 0,
                                             message: "conditions refer to each other in a cycle: \(cycle.joined(separator: " → "))"))
        }
        let used = Set(references.map { $0.id.trimmingXMLWhitespace() })
        for condition in defined where !used.contains(condition.id.trimmingXMLWhitespace()) {
            problems.append(ConditionProblem(kind: .unused, conditionID: condition.id, line: condition.line,
                                             message: "condition '\(condition.id)' is not used"))
        }
        return problems
    }
}

/// The references between conditions, for finding cycles.
struct ConditionGraph {
    private let edges: [String: [String]]
    private let order: [String]

    /// `conditions` holds one definition per id (`ConditionSection.firstDefinitions`).
    init(_ conditions: [Condition]) {
        var edges: [String: [String]] = [:]
        var order: [String] = []
        for condition in conditions {
            edges[condition.id] = condition.expressions.compactMap(\.referencedCondition)
            order.append(condition.id)
        }
        self.edges = edges
        self.order = order
    }

    /// Each cycle once, as the path that closes it (`a → b → a`). Iterative,
    /// so a hostile chain of thousands of references cannot exhaust the stack.
    func cycles() -> [[String]] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var found: [[String]] = []
        for root in order where marks[root] == nil {
            // Each frame: a condition and the index of its next reference to follow.
            var stack: [(id: String, next: Int)] = [(root, 0)]
            marks[root] = .visiting
            while let top = stack.last {
                let references = edges[top.id] ?? []
                guard top.next < references.count else {
                    marks[top.id] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let next = references[top.next]
                guard edges[next] != nil else { continue }
                switch marks[next] {
                case .visiting?:
                    let start = stack.firstIndex { $0.id == next }!
                    found.append(stack[start...].map(\.id) + [next])
                case .done?: break
                case nil:
                    marks[next] = .visiting
                    stack.append((next, 0))
                }
            }
        }
        return found
    }
}
