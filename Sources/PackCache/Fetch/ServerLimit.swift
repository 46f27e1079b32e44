/// A server that limited us during a run, for the summary: which host,
/// what it did, and what the user can do about it.
public struct ServerLimit: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A burst of 403 answers (a rate limit): the host went to one
        /// request at a time after a pause of this many seconds.
        case refusedBurst(pause: Double)
        /// The host went on refusing one request at a time: it was not asked again in this run.
        case gaveUp
        /// 429, or 503 with Retry-After: the host was paused and asked less.
        case slowedDown(status: Int, retryAfter: Double?)

        func sameKind(as other: Kind) -> Bool {
            switch (self, other) {
            case (.refusedBurst, .refusedBurst), (.gaveUp, .gaveUp), (.slowedDown, .slowedDown): true
            default: false
            }
        }
    }

    /// `https://host:port`.
    public var host: String
    public var kind: Kind

    public init(host: String, kind: Kind) {
        self.host = host
        self.kind = kind
    }

    /// One line for the summary.
    public var message: String {
        switch kind {
        case .refusedBurst(let pause):
            return "\(host) answered HTTP 403 to a burst of requests, as a server does when it limits how fast one address may ask; "
                + "after \(Self.seconds(pause)) the refused requests were sent again, one at a time"
        case .gaveUp:
            return "\(host) went on refusing (HTTP 403) even one request at a time, so it was not asked again in this run. "
                + "It may block this address for a while: wait some minutes, then run again with --per-host 1 (or --per-host 2)"
        case .slowedDown(let status, let retryAfter):
            let wait = retryAfter.map { ", asked to wait \(Self.seconds($0))" } ?? ""
            return "\(host) answered HTTP \(status) (too many requests\(wait)); it was paused and asked fewer at once. "
                + "If this repeats, lower --per-host"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
