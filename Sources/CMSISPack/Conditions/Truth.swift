/// Three-valued logic for condition evaluation: a condition can be known to
/// hold, known to fail, or depend on a choice not made yet (the compiler, the
/// security context, or which other components are selected).
public enum Truth: String, Sendable, Hashable {
    case yes
    case no
    /// Depends on something the target leaves open.
    case unknown

    static func all(_ values: some Sequence<Truth>) -> Truth {
        var result = Truth.yes
        for value in values {
            if value == .no { return .no }
            if value == .unknown { result = .unknown }
        }
        return result
    }

    static func any(_ values: some Sequence<Truth>) -> Truth {
        var result = Truth.no
        for value in values {
            if value == .yes { return .yes }
            if value == .unknown { result = .unknown }
        }
        return result
    }

    var negated: Truth {
        switch self {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    /// Whether something with this truth may apply (holds, or may hold).
    public var mayApply: Bool { self != .no }
}
