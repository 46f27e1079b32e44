import CMSISPack

/// The require and accept expressions of a condition and of the conditions
/// it refers to, each condition read once (a loop of references ends):
/// what a component's condition asks for, whichever condition says it.
enum ReachableExpressions {
    /// In document order; a referenced condition's expressions come before
    /// the expression that refers to it.
    static func of(_ id: String?, in conditions: [String: Condition]) -> [ConditionExpression] {
        var result: [ConditionExpression] = []
        var visited = Set<String>()
        func walk(_ id: String) {
            guard visited.insert(id).inserted, let condition = conditions[id] else { return }
            for expression in condition.expressions where expression.kind != .deny {
                if let referenced = expression.referencedCondition { walk(referenced) }
                result.append(expression)
            }
        }
        if let id { walk(id) }
        return result
    }
}
