import CMSISPack
import Foundation

/// When a pack description is asked for again. A description whose version
/// the index lists is the one held is not requested: a vendor who changes
/// a pack publishes a new version, and the index says so (cpackget's
/// `update-index` works the same way; the reference never asks again at
/// all). It is asked for, conditionally, when the user says `--revalidate`
/// or when the server was last asked more than `maximumAge` ago, so that a
/// description changed under the same version arrives within a week.
public struct Revalidation: Sendable, Equatable {
    /// Ask about every description held (conditional requests).
    public var always = false
    public var maximumAge: TimeInterval = 7 * 24 * 3600

    public init(always: Bool = false) {
        self.always = always
    }

    /// Whether the description of a pack the index lists at `listed` must be
    /// requested, when `held` is the version held and `lastChecked` when the
    /// server was last asked for it.
    public func mustAsk(listed: String, held: String?, lastChecked: Date?, now: Date = Date()) -> Bool {
        guard !always, let held, let lastChecked else { return true }
        guard Self.same(listed, held) else { return true }
        return now.timeIntervalSince(lastChecked) > maximumAge || lastChecked > now.addingTimeInterval(3600)
    }

    /// Versions equal as semantic versions (build metadata aside), else as text.
    static func same(_ a: String, _ b: String) -> Bool {
        if let x = SemanticVersion(a), let y = SemanticVersion(b) { return x == y }
        return a == b
    }
}
