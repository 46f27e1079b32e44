/// Conditions: defined once, used, defined where used, and free of cycles
/// (the analysis itself is `PackDescription.conditionProblems`).
enum ConditionChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        var seen: [String: Int] = [:]
        for condition in context.pack.conditions?.conditions ?? [] {
            if let first = seen[condition.id] {
                log.add(.duplicateCondition, line: condition.line, "condition '\(condition.id)' is defined again (first on line \(first))")
            } else {
                seen[condition.id] = condition.line
            }
        }
        for problem in context.pack.conditionProblems {
            switch problem.kind {
            case .undefined: log.add(.undefinedCondition, line: problem.line, problem.message)
            case .unused: log.add(.unusedCondition, line: problem.line, problem.message)
            case .cycle: log.add(.recursiveCondition, line: problem.line, problem.message)
            }
        }
    }
}
