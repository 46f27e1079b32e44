/// Which components of a pack, and which of their files, apply to a target.
public struct ApplicableComponent: Sendable {
    public let component: Component
    /// The component's own condition: `yes`, or `unknown` when it depends on
    /// the toolchain, security context or other components.
    public let truth: Truth
    /// The files that may apply, each with its condition's truth.
    public let files: [(file: ComponentFile, truth: Truth)]
}

extension PackDescription {
    /// The components whose conditions hold, or may hold, for `target`, with
    /// their files filtered the same way. Undefined or cyclic conditions are
    /// errors: a pack with them cannot be evaluated reliably.
    public func applicableComponents(for target: ConditionTarget) throws(ConditionError) -> [ApplicableComponent] {
        var evaluator = ConditionEvaluator(conditions: conditions ?? ConditionSection(), target: target)
        var result: [ApplicableComponent] = []
        for component in allComponents {
            let truth = try evaluator.evaluate(component.condition)
            guard truth.mayApply else { continue }
            var files: [(ComponentFile, Truth)] = []
            for file in component.files {
                let fileTruth = try evaluator.evaluate(file.condition)
                if fileTruth.mayApply { files.append((file, fileTruth)) }
            }
            result.append(ApplicableComponent(component: component, truth: truth, files: files))
        }
        return result
    }
}
