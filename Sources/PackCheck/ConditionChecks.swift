import CMSISPack
/// Conditions: defined once, used, defined where used, and free of cycles
/// (the analysis itself is `PackDescription.conditionProblems`).
enum ConditionChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        for (condition, first) in context.pack.conditions?.redefinitions ?? [] {
            log.add(.duplicateCondition, line: condition.line, ConditionSection.redefinitionMessage(condition, firstLine: first))
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
