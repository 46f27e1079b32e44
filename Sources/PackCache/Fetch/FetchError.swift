import Foundation

/// Why a URL could not be fetched: the URL, what happened, and whether trying
/// again can help.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 404 or 410, or a local file that does not exist.
        case notFound
        /// 401 or 403.
        case forbidden(Int)
        /// 403 to a burst of requests, and still refused one at a time: the
        /// server limits how fast this address may ask.
        case rateLimited(Int)
        /// Another 4xx answer; asking again gives the same answer.
        case clientStatus(Int)
        /// 5xx, 408 or 429: the server may answer next time.
        case serverStatus(Int)
        /// The connection failed on the way (reset, TLS); may work next time.
        case connection(String)
        /// The host cannot be reached at all (name not resolved, refused, no
        /// route); not retried within the run.
        case unreachable(String)
        /// The TLS handshake failed: the certificate is not trusted or does
        /// not name the host; asking again gives the same answer.
        case tls(String)
        /// No answer, or no data, within the time limit.
        case timeout(String)
        /// Data arrived, but slower than the minimum speed.
        case tooSlow(bytesPerSecond: Int)
        /// The connection closed before the whole body arrived.
        case truncated(String)
        /// The body is larger than the limit for this kind of file.
        case tooLarge(limit: Int64)
        case tooManyRedirects(Int)
        case invalidURL(String)
        /// Arrived, but is not what was asked for (not XML, wrong pack…).
        case invalidContent(String)
        case cancelled
    }

    public let url: String
    public let kind: Kind
    /// Seconds the server asked us to wait (Retry-After).
    public var retryAfter: Double?
    /// How many requests were made.
    public var attempts: Int
    /// Validators of a response whose body then failed (to resume it).
    public var validators: HTTPValidators?

    public init(url: String, kind: Kind, retryAfter: Double? = nil, attempts: Int = 1) {
        self.url = url
        self.kind = kind
        self.retryAfter = retryAfter
        self.attempts = attempts
    }

    /// Connection errors, time-outs, truncated bodies, slow bodies and
    /// 5xx/408/429 are retried; unreachable hosts, 404, 403, other 4xx,
    /// oversized bodies, redirect loops and invalid content are not.
    public var isRetryable: Bool {
        switch kind {
        case .serverStatus, .connection, .timeout, .tooSlow, .truncated: return true
        default: return false
        }
    }

    /// 404 and 403: this URL has nothing for us, another one may.
    public var isMissingHere: Bool {
        switch kind {
        case .notFound, .forbidden: return true
        default: return false
        }
    }

    public var reason: String {
        switch kind {
        case .notFound: return isLocal ? "no such file" : "not found (HTTP 404); not retried"
        case .forbidden(let status): return "access refused (HTTP \(status)); not retried"
        case .rateLimited(let status):
            return "refused (HTTP \(status)) with many other requests, and still refused one at a time after pausing: "
                + "the server limits requests from this address; wait some minutes and run again"
        case .clientStatus(let status): return "HTTP \(status); not retried"
        case .serverStatus(let status): return "server error (HTTP \(status))"
        case .connection(let detail): return "cannot connect: \(detail)"
        case .unreachable(let detail): return "cannot connect: \(detail); not retried"
        case .tls(let detail): return "TLS: \(detail); not retried"
        case .timeout(let detail): return "timed out: \(detail)"
        case .tooSlow(let rate): return "too slow (\(rate) bytes/s, below the minimum speed)"
        case .truncated(let detail): return "connection closed before the whole file arrived (\(detail))"
        case .tooLarge(let limit): return "larger than the limit of \(ByteCount.text(limit)); stopped"
        case .tooManyRedirects(let count): return "more than \(count) redirects; stopped"
        case .invalidURL(let detail): return "invalid URL: \(detail)"
        case .invalidContent(let detail): return detail
        case .cancelled: return "cancelled"
        }
    }

    /// A file path or file:// URL rather than a server's.
    private var isLocal: Bool {
        url.hasPrefix("/") || url.lowercased().hasPrefix("file:") || !url.contains("://")
    }

    public var description: String {
        url + ": " + reason + (attempts > 1 ? " (after \(attempts) attempts)" : "")
    }
}

/// Byte counts for people: "1.5 MB".
public enum ByteCount {
    public static func text(_ bytes: Int64) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.1f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1f kB", value / 1e3) }
        return "\(bytes) B"
    }
}
