import Foundation

/// How downloads behave. The defaults suit both a loopback mirror and the
/// real pack servers; every value has a command-line option.
public struct FetchConfiguration: Sendable {
    /// Requests in flight at once, over all hosts (the reference: 32).
    public var maximumConcurrentRequests = 128
    /// Requests in flight at once to one host over HTTP/1.1, one connection
    /// each (the reference: 6, since CDNs blocked senders of more).
    public var maximumRequestsPerHost = 6
    /// Requests in flight at once to a host that answers over HTTP/2, all on
    /// one connection; the server's own stream limit caps them further.
    public var maximumStreamsPerHost = 100
    /// Offer HTTP/2 to https servers (ALPN); false: HTTP/1.1 only.
    public var allowsHTTP2 = true
    /// Attempts per file, the first included.
    public var attempts = 4
    /// First back-off delay; each retry doubles it, with random jitter.
    public var backoffBase: Double = 0.25
    /// Longest back-off delay, and the longest Retry-After we honour.
    public var backoffLimit: Double = 20
    public var connectTimeout: Double = 15
    /// Longest wait for the next bytes of an answer.
    public var readTimeout: Double = 30
    /// A body slower than this over `speedWindow` seconds is dropped and
    /// retried (a trickling server must not stall the run).
    public var minimumBytesPerSecond: Int = 8 * 1024
    public var speedWindow: Double = 10
    public var maximumRedirects = 5
    /// Accept any TLS certificate (`--insecure-skip-verify`, cpackget's flag
    /// for a mirror with a self-signed certificate).
    public var skipsCertificateVerification = false
    /// The certificates a server's chain must lead to (`--cacert`, the usual variables, else the system's).
    public var trust = TrustRoots.system
    /// Why the certificates a variable names cannot be used: said by the
    /// first https request, so work that needs no TLS is not stopped by a
    /// variable set for other tools.
    public var trustProblem: String?
    /// How the hosts' gates react to 403 bursts (see `HostGate`).
    public var rateLimitPause: Double = 10
    public var userAgent = "cmsis-pack-manager-swift/\(PackManagerVersion.current) (pack-manager; Swift)"
    /// Proxies, from http_proxy, https_proxy and no_proxy.
    public var proxies = ProxySettings(environment: ProcessInfo.processInfo.environment)

    public init() {}

    /// Chooses `trust`: `--cacert` (an error now, the user named it), else
    /// the environment's choice (an error at the first https request).
    public mutating func chooseTrust(cacert: String?, environment: [String: String]) throws(TrustRoots.LoadError) {
        trustProblem = nil
        if let cacert, !cacert.isEmpty {
            trust = try TrustRoots.resolve(cacert: cacert, environment: environment)
            return
        }
        do {
            trust = try TrustRoots.resolve(cacert: nil, environment: environment)
        } catch {
            trust = .system
            trustProblem = "cannot use the CA certificates of \(error.description)"
        }
    }

    /// The gate's rules for one host (`https://host:port`).
    func hostPolicy(for key: String) -> HostGate.Policy {
        var policy = HostGate.Policy()
        policy.http1Requests = maximumRequestsPerHost
        policy.http2Requests = allowsHTTP2 ? maximumStreamsPerHost : maximumRequestsPerHost
        // Only https can turn out to be HTTP/2; plain http is HTTP/1.1 from the start.
        policy.probeFirst = allowsHTTP2 && key.hasPrefix("https:")
        policy.rateLimitPause = rateLimitPause
        policy.pauseLimit = max(backoffLimit * 3, rateLimitPause)
        return policy
    }

    /// The back-off before attempt `attempt` (2, 3, …): exponential with
    /// full jitter, or what Retry-After asked for, capped.
    public func delay(beforeAttempt attempt: Int, retryAfter: Double?) -> Double {
        if let retryAfter { return min(max(retryAfter, 0), backoffLimit) }
        let ceiling = min(backoffLimit, backoffBase * pow(2, Double(attempt - 2)))
        return Double.random(in: ceiling / 2...ceiling)
    }
}

/// Size limits per kind of file.
public enum FetchLimits {
    /// Pack descriptions: the largest real ones are a few MB (kept in
    /// memory while checked, so this also bounds memory per download).
    public static let description: Int64 = 32 << 20
    /// Pack indexes.
    public static let index: Int64 = 32 << 20
    /// Packs: some DFPs exceed a gigabyte.
    public static let pack: Int64 = 8 << 30
}
