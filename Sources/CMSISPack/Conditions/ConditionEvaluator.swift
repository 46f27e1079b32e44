/// Evaluates the conditions of one pack against a target.
///
/// A condition holds when every `require` holds, no `deny` holds, and (when
/// there are `accept` expressions) at least one `accept` holds. An expression
/// holds when each of its attributes matches; a `condition` attribute
/// evaluates the named condition. References to undefined conditions and
/// cycles are errors, reported with the ids involved.
///
/// ```swift
/// var evaluator = ConditionEvaluator(conditions: pack.conditions ?? ConditionSection(), target: target)
/// try evaluator.evaluate("STM32F4 CMSIS")   // .yes, .no or .unknown
/// ```
public struct ConditionEvaluator {
    public let conditions: [String: Condition]
    public let target: ConditionTarget
    private var cache: [String: Truth] = [:]
    private var inProgress: [String] = []
    static let maximumDepth = 64

    public init(conditions: ConditionSection, target: ConditionTarget) {
        self.conditions = Dictionary(uniqueKeysWithValues: conditions.firstDefinitions.map { ($0.id, $0) })
        self.target = target
    }

    /// The truth of the condition `id`; nil id (no condition) always holds.
    public mutating func evaluate(_ id: String?) throws(ConditionError) -> Truth {
        guard let id else { return .yes }
        if let known = cache[id] { return known }
        guard let condition = conditions[id] else {
            throw .undefined(id: id, referencedFrom: inProgress.last)
        }
        if let start = inProgress.firstIndex(of: id) {
            throw .cycle(ids: Array(inProgress[start...]) + [id])
        }
        // Real packs nest a few levels; a hostile chain must not exhaust the stack.
        guard inProgress.count < Self.maximumDepth else {
            throw .tooDeep(ids: Array(inProgress.prefix(3)) + ["…", id])
        }
        inProgress.append(id)
        defer { inProgress.removeLast() }
        var requires: [Truth] = []
        var accepts: [Truth] = []
        var denies: [Truth] = []
        for expression in condition.expressions {
            let truth = try evaluate(expression)
            switch expression.kind {
            case .require: requires.append(truth)
            case .accept: accepts.append(truth)
            case .deny: denies.append(truth)
            }
        }
        var parts = [Truth.all(requires), Truth.all(denies.map(\.negated))]
        if !accepts.isEmpty { parts.append(Truth.any(accepts)) }
        let result = Truth.all(parts)
        cache[id] = result
        return result
    }

    /// One expression: all of its attributes must match.
    public mutating func evaluate(_ expression: ConditionExpression) throws(ConditionError) -> Truth {
        var terms: [Truth] = []
        let attributes = expression.attributes
        if let reference = attributes["condition"] { terms.append(try evaluate(reference)) }
        terms.append(deviceTerm(attributes))
        terms.append(boardTerm(attributes))
        terms.append(toolchainTerm(attributes))
        terms.append(partTerm(attributes))
        terms.append(componentTerm(attributes))
        return Truth.all(terms)
    }

    // MARK: Terms

    private static let processorKeys = ["Pname", "Dcore", "Dfpu", "Dmpu", "Dtz", "Ddsp", "Dmve", "Dpacbti", "Dendian"]

    private func deviceTerm(_ attributes: [String: String]) -> Truth {
        let deviceKeys = ["Dvendor", "Dname", "Dvariant", "Dfamily", "DsubFamily"]
        let asksDevice = deviceKeys.contains { attributes[$0] != nil }
        let asksCore = Self.processorKeys.contains { attributes[$0] != nil }
        var terms: [Truth] = []
        if let secure = attributes["Dsecure"] {
            terms.append(target.security.map { Self.sameSecurity(secure, $0) ? .yes : .no } ?? .unknown)
        }
        guard asksDevice || asksCore else { return Truth.all(terms) }
        guard let device = target.device else { return .unknown }
        if let vendor = attributes["Dvendor"] {
            terms.append(Self.vendorName(vendor).lowercased() == Self.vendorName(device.vendor).lowercased() ? .yes : .no)
        }
        if let name = attributes["Dname"] {
            // Dname names the device or one of its variants.
            let pattern = WildcardPattern(name)
            terms.append(pattern.matches(device.name) || device.variant.map(pattern.matches) == true ? .yes : .no)
        }
        if let variant = attributes["Dvariant"] {
            terms.append(device.variant.map(WildcardPattern(variant).matches) == true ? .yes : .no)
        }
        if let family = attributes["Dfamily"] {
            terms.append(device.family.map(WildcardPattern(family).matches) == true ? .yes : .no)
        }
        if let subFamily = attributes["DsubFamily"] {
            terms.append(device.subFamily.map(WildcardPattern(subFamily).matches) == true ? .yes : .no)
        }
        if asksCore { terms.append(processorTerm(attributes, device: device)) }
        return Truth.all(terms)
    }

    /// Core attributes hold when one core (the target's, when it names one)
    /// has all of them.
    private func processorTerm(_ attributes: [String: String], device: ConditionTarget.Device) -> Truth {
        var cores = device.processors
        if let chosen = target.processorName {
            cores = cores.filter { ($0["Pname"] ?? chosen) == chosen }
        }
        if cores.isEmpty { cores = [[:]] }
        return cores.contains { core in
            Self.processorKeys.allSatisfy { key in
                guard let wanted = attributes[key] else { return true }
                return Self.coreValueMatches(key: key, wanted: wanted, actual: core[key])
            }
        } ? .yes : .no
    }

    private func boardTerm(_ attributes: [String: String]) -> Truth {
        guard attributes["Bname"] != nil || attributes["Bvendor"] != nil || attributes["Brevision"] != nil else { return .yes }
        guard let board = target.board else { return .no }
        if let name = attributes["Bname"], !WildcardPattern(name).matches(board.name) { return .no }
        if let vendor = attributes["Bvendor"], !WildcardPattern(vendor).matches(board.vendor) { return .no }
        if let revision = attributes["Brevision"], board.revision.map(WildcardPattern(revision).matches) != true { return .no }
        return .yes
    }

    private func toolchainTerm(_ attributes: [String: String]) -> Truth {
        let keys = ["Tcompiler", "Toptions", "Toutput"]
        guard keys.contains(where: { attributes[$0] != nil }) else { return .yes }
        guard let toolchain = target.toolchain else { return .unknown }
        if let compiler = attributes["Tcompiler"], !WildcardPattern(compiler).matches(toolchain.compiler) { return .no }
        if let options = attributes["Toptions"] {
            guard let actual = toolchain.options else { return .unknown }
            if !WildcardPattern(options).matches(actual) { return .no }
        }
        if let output = attributes["Toutput"] {
            guard let actual = toolchain.output else { return .unknown }
            if !WildcardPattern(output).matches(actual) { return .no }
        }
        return .yes
    }

    private func partTerm(_ attributes: [String: String]) -> Truth {
        let keys = attributes.keys.filter { $0.hasPrefix("H") }
        guard !keys.isEmpty else { return .yes }
        return target.parts.contains { part in
            keys.allSatisfy { key in part[key].map(WildcardPattern(attributes[key]!).matches) == true }
        } ? .yes : .no
    }

    /// Component attributes express a dependency: some selected component
    /// must have them all.
    private func componentTerm(_ attributes: [String: String]) -> Truth {
        let keys = ["Cvendor", "Cbundle", "Cclass", "Cgroup", "Csub", "Cvariant", "Cversion", "Capiversion"]
        guard keys.contains(where: { attributes[$0] != nil }) else { return .yes }
        guard let selected = target.selectedComponents else { return .unknown }
        return selected.contains { ComponentFilter(attributes).matches($0) } ? .yes : .no
    }

    // MARK: Values

    /// "STMicroelectronics:13" → "STMicroelectronics".
    static func vendorName(_ vendor: String) -> String {
        String(vendor.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    static func sameSecurity(_ wanted: String, _ actual: String) -> Bool {
        let aliases = ["0": "non-secure", "1": "secure", "2": "tz-disabled"]
        let normalise = { (value: String) in aliases[value] ?? value.lowercased() }
        return normalise(wanted) == normalise(actual)
    }

    /// Matches one core attribute, with the specification's families of
    /// values: FPU means any FPU (a double-precision FPU also does single
    /// precision), MVE means integer or floating-point MVE, a configurable
    /// endianness satisfies either order.
    static func coreValueMatches(key: String, wanted: String, actual: String?) -> Bool {
        switch key {
        case "Dfpu":
            let have = fpuLevel(actual ?? "NO_FPU")
            switch wanted {
            case "NO_FPU", "0": return have == 0
            case "FPU", "1": return have > 0
            case "SP_FPU": return have >= 1
            case "DP_FPU": return have == 2
            default: return false
            }
        case "Dmve":
            let have = actual ?? "NO_MVE"
            switch wanted {
            case "NO_MVE": return have == "NO_MVE"
            case "MVE": return have == "MVE" || have == "FP_MVE"
            default: return have == wanted
            }
        case "Dendian":
            return actual == wanted || actual == "Configurable"
        case "Dmpu", "Dtz", "Ddsp", "Dpacbti":
            return presence(wanted) == presence(actual ?? "NO")
        default:
            return actual.map(WildcardPattern(wanted).matches) == true
        }
    }

    /// 0 = no FPU, 1 = single precision (or unspecified), 2 = double precision.
    private static func fpuLevel(_ value: String) -> Int {
        switch value {
        case "NO_FPU", "0": 0
        case "DP_FPU": 2
        default: 1
        }
    }

    /// MPU/TZ/DSP/PACBTI values: "NO_…" and "0" mean absent; anything else present.
    private static func presence(_ value: String) -> Bool {
        !(value.hasPrefix("NO") || value == "0")
    }
}

/// Why a condition could not be evaluated.
public enum ConditionError: Error, Sendable, Equatable, CustomStringConvertible {
    case undefined(id: String, referencedFrom: String?)
    case cycle(ids: [String])
    case tooDeep(ids: [String])

    public var description: String {
        switch self {
        case let .undefined(id, from?): "condition '\(from)' refers to condition '\(id)', which is not defined"
        case let .undefined(id, nil): "condition '\(id)' is not defined"
        case let .cycle(ids): "conditions refer to each other in a cycle: \(ids.joined(separator: " → "))"
        case let .tooDeep(ids): "conditions nest more than \(ConditionEvaluator.maximumDepth) levels deep: \(ids.joined(separator: " → "))"
        }
    }
}
