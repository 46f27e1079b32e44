/// An Open-CMSIS-Pack version: `major.minor.patch[-pre-release][+build]`,
/// compared by Semantic Versioning 2.0 precedence.
///
/// ```swift
/// let v = SemanticVersion("3.1.2-dev")!
/// v < SemanticVersion("3.1.2")!   // true: a pre-release comes first
/// SemanticVersion("1.0")?.isStrict // false: accepted, reported as not valid
/// ```
///
/// Real pack files contain forms outside the specification (`1.0`, `01.2.3`,
/// `1.2.3.4`, `4.0.0-2.alpha`); they parse leniently, `isStrict` says whether
/// the text was a valid pack version, and `problem` says why not.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    /// Dot-separated pre-release identifiers (empty for a release).
    public let preRelease: [String]
    public let build: [String]
    /// The text as written.
    public let text: String
    /// Nil when the text is a valid pack version; otherwise what is wrong with it.
    public let problem: String?

    public var isStrict: Bool { problem == nil }
    public var isPreRelease: Bool { !preRelease.isEmpty }
    public var description: String { text }

    /// The canonical form `major.minor.patch[-pre][+build]`.
    public var normalized: String {
        var result = "\(major).\(minor).\(patch)"
        if !preRelease.isEmpty { result += "-" + preRelease.joined(separator: ".") }
        if !build.isEmpty { result += "+" + build.joined(separator: ".") }
        return result
    }

    public init?(_ text: String) {
        let trimmed = text.trimmingXMLWhitespace()
        guard !trimmed.isEmpty else { return nil }
        var problems: [String] = []

        var rest = Substring(trimmed)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<plus]
            if build.contains(where: { $0.isEmpty || !$0.allSatisfy(Self.isIdentifierCharacter) }) {
                problems.append("build metadata '\(build.joined(separator: "."))' is not dot-separated [0-9A-Za-z-] identifiers")
            }
        }
        // The core is the leading run of digits and dots; what follows is the
        // pre-release (with or without the '-' the specification asks for).
        let coreEnd = rest.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? rest.endIndex
        let core = rest[..<coreEnd]
        var tail = rest[coreEnd...]
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard !numbers.isEmpty, numbers.allSatisfy({ !$0.isEmpty }),
              let parsed = Optional(numbers.compactMap { UInt64($0) }), parsed.count == numbers.count
        else { return nil }
        switch numbers.count {
        case 3: break
        case 1, 2: problems.append("'\(trimmed)' has \(numbers.count) number\(numbers.count == 1 ? "" : "s"); a pack version has major.minor.patch")
        default: problems.append("'\(trimmed)' has \(numbers.count) numbers; a pack version has major.minor.patch")
        }
        if numbers.contains(where: { $0.count > 1 && $0.hasPrefix("0") }) {
            problems.append("'\(trimmed)' has leading zeros")
        }
        var preRelease: [String] = []
        if !tail.isEmpty {
            if tail.hasPrefix("-") {
                tail = tail.dropFirst()
            } else {
                problems.append("pre-release '\(tail)' must follow a '-'")
            }
            preRelease = tail.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if preRelease.contains(where: { $0.isEmpty || !$0.allSatisfy(Self.isIdentifierCharacter) }) {
                problems.append("pre-release '\(tail)' is not dot-separated [0-9A-Za-z-] identifiers")
            }
        }
        self.major = parsed[0]
        self.minor = parsed.count > 1 ? parsed[1] : 0
        self.patch = parsed.count > 2 ? parsed[2] : 0
        // A fourth number (1.2.3.4) still orders versions; keep it as a pre-release-free extra.
        self.extra = parsed.count > 3 ? Array(parsed[3...]) : []
        self.preRelease = preRelease
        self.build = build
        self.text = trimmed
        self.problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Numbers beyond the third, seen in a few real files; they order after patch.
    public let extra: [UInt64]

    private static func isIdentifierCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-")
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.compare(to: rhs) < 0 }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.compare(to: rhs) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        // Equal versions hash alike: 1.2.3 == 1.2.3.0, so trailing zero extras do not count.
        hasher.combine(Array(extra.reversed().drop { $0 == 0 }.reversed()))
        hasher.combine(preRelease)
    }

    /// SemVer precedence; build metadata is ignored.
    public func compare(to other: Self) -> Int {
        for (a, b) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where a != b {
            return a < b ? -1 : 1
        }
        let count = max(extra.count, other.extra.count)
        for index in 0..<count {
            let a = index < extra.count ? extra[index] : 0
            let b = index < other.extra.count ? other.extra[index] : 0
            if a != b { return a < b ? -1 : 1 }
        }
        switch (preRelease.isEmpty, other.preRelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (a, b) in zip(preRelease, other.preRelease) {
            let result = Self.compareIdentifier(a, b)
            if result != 0 { return result }
        }
        return preRelease.count == other.preRelease.count ? 0 : (preRelease.count < other.preRelease.count ? -1 : 1)
    }

    private static func compareIdentifier(_ a: String, _ b: String) -> Int {
        let numberA = a.allSatisfy(\.isNumber) ? UInt64(a) : nil
        let numberB = b.allSatisfy(\.isNumber) ? UInt64(b) : nil
        switch (numberA, numberB) {
        case let (x?, y?): return x == y ? 0 : (x < y ? -1 : 1)
        case (_?, nil): return -1
        case (nil, _?): return 1
        case (nil, nil): return a == b ? 0 : (a < b ? -1 : 1)
        }
    }
}
