import CMSISPack
/// Whether each component's dependencies can be resolved with the
/// components of this pack and of the packs given with `-i`, as packchk's
/// model resolves them for a project without device or compiler: only what
/// the conditions require of other components counts.
///
/// A requirement counts as met by a component of the same class, group and
/// sub-group, whatever its version or API version: packchk's model lets a
/// component meet an API requirement itself, and versions are a project's
/// choice. packchk goes through the components in the order of their ids
/// and, once one fails, reports every later one too (its flag is never
/// reset); we report the ones that fail, which is what its message says.
enum ComponentResolutionChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let pack = context.pack
        let target = ConditionTarget(selectedComponents: context.catalog.components)
        var resolver = ConditionEvaluator(conditions: withoutVersions(pack.conditions ?? ConditionSection()), target: target)
        // Components that differ only in their condition are one for packchk's
        // model: the last one written stands for them (one finding, not one per device).
        var last: [String: Int] = [:]
        for (index, component) in pack.allComponents.enumerated() { last[component.id] = index }
        for (index, component) in pack.allComponents.enumerated() where last[component.id] == index {
            // packchk skips a component whose API is missing (M363 says why).
            if component.apiVersion != nil,
               !context.catalog.apis.contains(where: { $0.componentClass == component.componentClass && $0.group == component.group }) {
                continue
            }
            guard (try? resolver.evaluate(component.condition)) == .no else { continue }
            log.add(.unresolvedComponentDependencies, line: component.line,
                    "not every component \(component.id) depends on is in this pack \(context.elsewhereNote)")
        }
    }

    private static func withoutVersions(_ section: ConditionSection) -> ConditionSection {
        var section = section
        for index in section.conditions.indices {
            for term in section.conditions[index].expressions.indices {
                for key in ["Cversion", "Capiversion", "Cvariant", "Cbundle"] {
                    section.conditions[index].expressions[term].attributes[key] = nil
                }
            }
        }
        return section
    }
}
