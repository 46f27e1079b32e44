import CMSISPack
/// Components and the conditions they use, resolved against this pack and
/// the packs given with `-i`: required components and devices exist,
/// device-specific components name a device, generators are defined,
/// APIs and the components implementing them agree, and no component
/// satisfies its own requirement.
enum ComponentChecks: CheckGroup {
    static let componentKeys = ["Cvendor", "Cbundle", "Cclass", "Cgroup", "Csub", "Cvariant", "Cversion", "Capiversion"]

    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let pack = context.pack
        let conditions = Dictionary(pack.conditions?.conditions.map { ($0.id, $0) } ?? [], uniquingKeysWith: { first, _ in first })
        checkDependencies(pack, context: context, into: &log)
        var devices = DeviceLookup(catalog: context.catalog)
        checkDevices(pack, conditions: conditions, devices: &devices, context: context, into: &log)
        // As packchk: a pack without <generators> names generators of other
        // tools (STM32CubeMX, MCUXpresso…), so only a pack that defines its own is checked.
        let generators = pack.generators.map { Set($0.items.map(\.id)) }
        // packchk's model holds one of the components that differ only in their condition: the last.
        var last: [String: Int] = [:]
        for (index, component) in pack.allComponents.enumerated() { last[component.id] = index }
        for (index, component) in pack.allComponents.enumerated() {
            checkDeviceSpecific(component, conditions: conditions, devices: &devices, elsewhere: context.elsewhereNote, into: &log)
            if let generator = component.generator, let generators, !generators.contains(generator) {
                log.add(.undefinedGenerator, line: component.line, "component \(component.id) names generator '\(generator)', which <generators> does not define")
            }
            checkAPI(component, context: context, into: &log)
            for line in selfRequirements(of: component, conditions: conditions) where last[component.id] == index {
                log.add(.selfResolvedDependency, line: line,
                        "component \(component.id) has condition '\(component.condition ?? "")', whose requirement here is satisfied by the component itself")
            }
        }
        for description in pack.taxonomy?.items ?? [] {
            if let generator = description.attributes["generator"], let generators, !generators.contains(generator) {
                log.add(.undefinedGenerator, line: description.line, "taxonomy entry names generator '\(generator)', which <generators> does not define")
            }
        }
    }

    /// Component requirements (packchk's M317): some component of these packs matches.
    private static func checkDependencies(_ pack: PackDescription, context: CheckContext, into log: inout FindingLog) {
        for condition in pack.conditions?.conditions ?? [] {
            // Denied components too, as packchk: a denied name no pack has is likely misspelt.
            for expression in condition.expressions where isComponentTerm(expression) {
                let filter = ComponentFilter(expression.attributes)
                guard !context.catalog.components.contains(where: filter.matches) else { continue }
                log.add(.unresolvedDependency, line: expression.line,
                        "condition '\(condition.id)' \(verb(expression.kind)) component \(describe(expression)), which is found neither in this pack \(context.elsewhereNote)")
            }
        }
    }

    /// Devices the used conditions name (packchk's M364), and Pname without Dname (M398).
    private static func checkDevices(_ pack: PackDescription, conditions: [String: Condition], devices: inout DeviceLookup,
                                     context: CheckContext, into log: inout FindingLog) {
        let used = Set(pack.conditionReferences.map(\.id))
        for condition in pack.conditions?.firstDefinitions ?? [] where used.contains(condition.id) {
            for expression in condition.expressions {
                let name = expression.attributes["Dname"] ?? ""
                if name.isEmpty {
                    if let pname = expression.attributes["Pname"] {
                        log.add(.pnameWithoutDname, line: expression.line,
                                "condition '\(condition.id)' names Pname '\(pname)' without Dname; a processor name belongs to a device")
                    }
                    continue
                }
                let vendor = expression.attributes["Dvendor"]
                guard !devices.exists(name, vendor: vendor) else { continue }
                log.add(.conditionDeviceUnknown, line: expression.line,
                        "condition '\(condition.id)' names device '\(name)'\(vendor.map { " of '\($0)'" } ?? ""), which is defined neither in this pack \(context.elsewhereNote)")
            }
        }
    }

    /// Components of Cclass Device, Board Support, or CMSIS Driver without
    /// Csub suit certain devices, so their condition names one (M335, M336).
    /// As packchk, each device looked up in vain on the way is M364 at its
    /// condition's line, again for every component that uses it.
    private static func checkDeviceSpecific(_ component: Component, conditions: [String: Condition], devices: inout DeviceLookup,
                                            elsewhere: String, into log: inout FindingLog) {
        let cclass = component.componentClass
        guard cclass == "Device" || cclass == "Board Support" || (cclass == "CMSIS Driver" && component.subGroup == nil) else { return }
        guard let id = component.condition, let condition = conditions[id] else {
            if component.condition == nil {
                log.add(.deviceComponentWithoutCondition, line: component.line,
                        "component \(component.id) of Cclass '\(cclass)' has no condition; it suits certain devices, so name them")
            }
            return
        }
        var visited = Set<String>()
        func namesDevice(_ condition: Condition) -> Bool {
            guard visited.insert(condition.id).inserted else { return false }
            for expression in condition.expressions {
                if let referenced = expression.referencedCondition, let next = conditions[referenced], namesDevice(next) { return true }
                guard let name = expression.attributes["Dname"], !name.isEmpty else { continue }
                let vendor = expression.attributes["Dvendor"]
                if devices.exists(name, vendor: vendor) { return true }
                log.add(.conditionDeviceUnknown, line: condition.line,
                        "condition '\(condition.id)' of component \(component.id) names device '\(name)'\(vendor.map { " of '\($0)'" } ?? ""), which is defined neither in this pack \(elsewhere)")
            }
            return false
        }
        if !namesDevice(condition) {
            log.add(.deviceComponentConditionWithoutDevice, line: component.line,
                    "component \(component.id) of Cclass '\(cclass)' has condition '\(id)', which names no device of these packs")
        }
    }

    /// Capiversion and the APIs of these packs (M363, M378).
    private static func checkAPI(_ component: Component, context: CheckContext, into log: inout FindingLog) {
        let api = context.catalog.apis.first { $0.componentClass == component.componentClass && $0.group == component.group }
        if let version = component.apiVersion {
            if api == nil {
                log.add(.missingAPI, line: component.line,
                        "component \(component.id) implements API version \(version), but no API \(component.componentClass):\(component.group) is defined in this pack \(context.elsewhereNote)")
            }
        } else if let api {
            log.add(.apiVersionMissing, line: component.line,
                    "component \(component.id) implements API \(api.componentClass):\(api.group) but has no Capiversion")
        }
    }

    /// Lines of the require and accept expressions in a component's
    /// condition (and the conditions it refers to) that the component
    /// itself matches.
    private static func selfRequirements(of component: Component, conditions: [String: Condition]) -> [Int] {
        ReachableExpressions.of(component.condition, in: conditions)
            .filter { isComponentTerm($0) && ComponentFilter($0.attributes).matches(component) }
            .map(\.line)
    }

    private static func verb(_ kind: ConditionExpression.Kind) -> String {
        switch kind {
        case .require: "requires"
        case .accept: "accepts"
        case .deny: "denies"
        }
    }

    private static func isComponentTerm(_ expression: ConditionExpression) -> Bool {
        expression.attributes["Cclass"] != nil || expression.attributes["Cgroup"] != nil
    }

    private static func describe(_ expression: ConditionExpression) -> String {
        componentKeys.compactMap { key in expression.attributes[key].map { "\(key)=\"\($0)\"" } }.joined(separator: " ")
    }
}

/// Whether a device name or pattern names a device of the catalog, each
/// asked once: conditions of big packs repeat the same patterns.
struct DeviceLookup {
    let catalog: PackCatalog
    private var answers: [String: Bool] = [:]

    init(catalog: PackCatalog) { self.catalog = catalog }

    mutating func exists(_ name: String, vendor: String?) -> Bool {
        let key = "\(name)\u{0}\(vendor ?? "")"
        if let known = answers[key] { return known }
        let found = !catalog.devices(named: name, vendor: vendor).isEmpty
        answers[key] = found
        return found
    }
}
