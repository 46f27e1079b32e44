/// Which versions of a pack a user or a `<requirements>` entry accepts, in
/// the notation of cpackget and CMSIS-Toolbox:
///
/// | text       | accepts                                   |
/// |------------|-------------------------------------------|
/// | (none), `latest` | the newest version                  |
/// | `1.2.3`    | exactly 1.2.3                             |
/// | `>=1.2.3`  | 1.2.3 or newer                            |
/// | `^1.2.3`   | 1.2.3 or newer with the same major (1.x)  |
/// | `~1.2.3`, `~1.2` | 1.2.3 (1.2.0) or newer within 1.2.x |
/// | `1.0.0:2.0.0` | the `<requirements>` range, inclusive  |
///
/// ```swift
/// let wanted = try VersionRequirement(parsing: "^2.1.0")
/// wanted.best(of: ["1.9.0", "2.1.0", "2.4.1", "3.0.0"].compactMap(SemanticVersion.init), listed: nil)  // 2.4.1
/// ```
public enum VersionRequirement: Sendable, Hashable, CustomStringConvertible {
    case latest
    case exactly(SemanticVersion)
    case atLeast(SemanticVersion)
    case sameMajor(SemanticVersion)
    case sameMinor(SemanticVersion)
    case range(SemanticVersion, SemanticVersion?)

    public init(parsing text: String) throws(PackNameError) {
        let trimmed = text.trimmingXMLWhitespace()
        func version(_ part: Substring) throws(PackNameError) -> SemanticVersion {
            var body = String(part)
            // "~1.2" means 1.2.0 and newer within 1.2.
            if body.split(separator: ".").count == 2, body.allSatisfy({ $0.isNumber || $0 == "." }) { body += ".0" }
            guard let parsed = SemanticVersion(body) else {
                throw PackNameError(value: text, reason: "'\(part)' is not a version")
            }
            return parsed
        }
        if trimmed.isEmpty || trimmed.lowercased() == "latest" {
            self = .latest
        } else if trimmed.hasPrefix(">=") {
            self = .atLeast(try version(trimmed.dropFirst(2)))
        } else if trimmed.hasPrefix("^") {
            self = .sameMajor(try version(trimmed.dropFirst()))
        } else if trimmed.hasPrefix("~") {
            self = .sameMinor(try version(trimmed.dropFirst()))
        } else if let colon = trimmed.firstIndex(of: ":") {
            let minimum = try version(trimmed[..<colon])
            let rest = trimmed[trimmed.index(after: colon)...]
            let maximum = rest.isEmpty ? nil : try version(rest)
            if let maximum, maximum < minimum {
                throw PackNameError(value: text, reason: "the range's maximum \(maximum) is below its minimum \(minimum)")
            }
            self = .range(minimum, maximum)
        } else {
            self = .exactly(try version(Substring(trimmed)))
        }
    }

    public func accepts(_ version: SemanticVersion) -> Bool {
        switch self {
        case .latest: return true
        case .exactly(let wanted): return version == wanted
        case .atLeast(let minimum): return version >= minimum
        case .sameMajor(let minimum): return version >= minimum && version.major == minimum.major
        case .sameMinor(let minimum):
            return version >= minimum && version.major == minimum.major && version.minor == minimum.minor
        case .range(let minimum, let maximum):
            return version >= minimum && (maximum.map { version <= $0 } ?? true)
        }
    }

    /// Which version a pack id means: **the one rule** that `index build`,
    /// `mirror`, `pack add`, `pack list --updates` and `cache devices` follow.
    ///
    /// - `listed` is the version the publisher lists as the pack's newest: the
    ///   pack index entry's version, or, where no index lists the pack, the
    ///   description's newest release (pass nil: the newest of `versions`).
    /// - A release is always a candidate. A pre-release is a candidate only
    ///   when it is the listed version, or when the requirement names it
    ///   exactly (`@3.1.2-dev`); other pre-releases are never chosen.
    /// - The result is the newest candidate the requirement accepts.
    ///
    /// So `Keil::STM32F4xx_DFP` means 3.1.2-dev where the index lists
    /// 3.1.2-dev (a mirror of it holds exactly that), and 2.17.1 where the
    /// index lists 2.17.1 although the description already has a 3.1.2-dev.
    ///
    /// ```swift
    /// let versions = ["2.17.1", "3.1.2-dev"].compactMap(SemanticVersion.init)
    /// VersionRequirement.latest.best(of: versions, listed: SemanticVersion("3.1.2-dev"))  // 3.1.2-dev
    /// VersionRequirement.latest.best(of: versions, listed: SemanticVersion("2.17.1"))     // 2.17.1
    /// ```
    public func best(of versions: [SemanticVersion], listed: SemanticVersion?) -> SemanticVersion? {
        let current = listed ?? versions.max()
        return versions.filter { version in
            guard accepts(version) else { return false }
            return !version.isPreRelease || version == current || self == .exactly(version)
        }.max()
    }

    public var description: String {
        switch self {
        case .latest: "latest"
        case .exactly(let version): version.text
        case .atLeast(let version): ">=\(version.text)"
        case .sameMajor(let version): "^\(version.text)"
        case .sameMinor(let version): "~\(version.text)"
        case .range(let minimum, let maximum): "\(minimum.text):\(maximum?.text ?? "")"
        }
    }
}
