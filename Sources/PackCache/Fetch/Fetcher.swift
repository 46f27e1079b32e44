import OwnedFiles
import Foundation
import NIOConcurrencyHelpers

/// Downloads with bounded concurrency (overall and per host), retries with
/// exponential back-off and jitter (honouring Retry-After), and resumption of
/// interrupted file downloads.
///
/// ```swift
/// let fetcher = Fetcher(configuration: FetchConfiguration())
/// let outcome = try await fetcher.fetch(FetchRequest(url: url, sizeLimit: FetchLimits.description))
/// await fetcher.shutdown()
/// ```
public final class Fetcher: Sendable {
    public let configuration: FetchConfiguration
    private let http: HTTPTransport
    private let overall: AsyncSemaphore
    private let hosts: HostGates
    public let statistics = FetchStatistics()

    public init(configuration: FetchConfiguration = FetchConfiguration()) {
        self.configuration = configuration
        http = HTTPTransport(configuration: configuration)
        overall = AsyncSemaphore(configuration.maximumConcurrentRequests)
        let statistics = self.statistics
        hosts = HostGates(policy: { [configuration] in configuration.hostPolicy(for: $0) },
                          report: { statistics.limited($0) })
    }

    public func shutdown() async {
        await http.shutdown()
    }

    /// Runs `body` with a fetcher made from `configuration` and shuts it
    /// down afterwards, whatever happens, so no HTTP client outlives its run.
    /// `body` runs in the caller's isolation (as AsyncHTTPClient's
    /// `withHTTPClient`), so it need not be Sendable.
    public static func using<T>(_ configuration: FetchConfiguration, isolation: isolated (any Actor)? = #isolation,
                                _ body: (Fetcher) async throws -> T) async rethrows -> T {
        let fetcher = Fetcher(configuration: configuration)
        do {
            let result = try await body(fetcher)
            await fetcher.shutdown()
            return result
        } catch {
            await fetcher.shutdown()
            throw error
        }
    }

    public func fetch(_ request: FetchRequest, onBytes: @escaping @Sendable (Int64) -> Void = { _ in }) async throws(FetchError) -> FetchOutcome {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased() else {
            throw FetchError(url: request.url, kind: .invalidURL("not a URL"))
        }
        if scheme == "file" {
            // Counted like a download, so progress lines and summaries show the bytes read.
            let outcome = try LocalTransport.fetch(request, url: url)
            if case .fetched(let content) = outcome {
                statistics.received(content.transferred)
                onBytes(content.transferred)
            }
            return outcome
        }
        guard scheme == "http" || scheme == "https", url.host?.isEmpty == false else {
            throw FetchError(url: request.url, kind: .invalidURL("only http, https and file URLs are supported"))
        }
        let host = await hosts.gate(for: FetchURL.hostKey(url))
        var current = request
        var lastError: FetchError?
        var failures = 0
        var refusals = 0
        var sent = 0
        while true {
            if let lastError {
                // A refusal in a burst waits at the host's gate instead (its pause).
                if case .forbidden = lastError.kind {} else {
                    let delay = configuration.delay(beforeAttempt: failures + 1, retryAfter: lastError.retryAfter)
                    try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                }
                if Task.isCancelled { throw FetchError(url: request.url, kind: .cancelled, attempts: sent) }
                if current.resumeValidator == nil { current.resumeValidator = lastError.validators?.ifRange }
                current = Self.resuming(current)
            }
            sent += 1
            statistics.request()
            switch await attempt(current, url: url, through: host, onBytes: onBytes) {
            case .answered(let outcome):
                return outcome
            case .refusedInBurst(var failure):
                failure.attempts = sent
                refusals += 1
                guard refusals <= Self.refusalRetries else { throw FetchError(url: request.url, kind: .rateLimited(403), attempts: sent) }
                lastError = failure
            case .failed(var failure):
                failure.attempts = sent
                failures += 1
                if case .serverStatus(let status) = failure.kind, status == 429 || (status == 503 && failure.retryAfter != nil) {
                    await host.slowDown(status: status, retryAfter: failure.retryAfter,
                                        fallback: configuration.delay(beforeAttempt: failures + 1, retryAfter: nil))
                }
                guard failure.isRetryable, failures < max(1, configuration.attempts) else { throw failure }
                lastError = failure
            }
        }
    }

    /// Refused requests of a burst are sent again at most this often (the
    /// host's gate gives up sooner when the refusals go on).
    static let refusalRetries = 8

    private enum Attempt: Sendable {
        case answered(FetchOutcome)
        case failed(FetchError)
        /// A 403 that belongs to a burst: ask again once the host's pause is over.
        case refusedInBurst(FetchError)
    }

    /// One request, holding a place at the host's gate and one overall.
    private func attempt(_ request: FetchRequest, url: URL, through gate: HostGate,
                         onBytes: @escaping @Sendable (Int64) -> Void) async -> Attempt {
        let ticket: HostGate.Ticket
        do { ticket = try await gate.acquire() } catch is HostGate.GivenUp {
            return .failed(FetchError(url: request.url, kind: .rateLimited(403)))
        } catch {
            return .failed(FetchError(url: request.url, kind: .cancelled))
        }
        let answer = AnswerRecord()
        let cancelled = FetchError(url: request.url, kind: .cancelled)
        let statistics = self.statistics
        do {
            let outcome = try await overall.with(cancelled: cancelled) { () async throws(FetchError) -> FetchOutcome in
                try await self.http.fetchOnce(request, url: url, onAnswer: { status, http2 in
                    answer.set(status: status, http2: http2)
                    // Learnt at once, so a long first download does not hold the others back.
                    Task { await gate.learnProtocol(http2: http2) }
                }, onBytes: { count in
                    statistics.received(count)
                    onBytes(count)
                })
            }
            if let (status, http2) = answer.value { await gate.answered(ticket, status: status, http2: http2) }
            await gate.release(ticket)
            return .answered(outcome)
        } catch {
            if let (status, http2) = answer.value { await gate.answered(ticket, status: status, http2: http2) }
            if case .forbidden(403) = error.kind {
                switch await gate.refused(ticket) {
                case .retry: return .refusedInBurst(error)
                case .final: return .failed(error)
                case .givenUp: return .failed(FetchError(url: request.url, kind: .rateLimited(403), attempts: error.attempts))
                }
            }
            await gate.release(ticket)
            return .failed(error)
        }
    }

    /// After a failed file download, ask for the rest of the file when part
    /// of it arrived and the server gave a validator to check it against.
    private static func resuming(_ request: FetchRequest) -> FetchRequest {
        guard case .file(let place, _) = request.destination, request.resumeValidator != nil else { return request }
        guard let size = place.info()?.size, size > 0 else { return request }
        var copy = request
        copy.destination = .file(place, resumeFrom: size)
        return copy
    }
}

/// Requests made and bytes received, for summaries and tests.
public final class FetchStatistics: Sendable {
    private struct Counts: Sendable {
        var requests = 0
        var bytes: Int64 = 0
        var limits: [ServerLimit] = []
    }

    private let counts = NIOLockedValueBox(Counts())

    func request() { counts.withLockedValue { $0.requests += 1 } }
    /// One entry per host and kind of limit (the first of each).
    func limited(_ limit: ServerLimit) {
        counts.withLockedValue { counts in
            guard !counts.limits.contains(where: { $0.host == limit.host && $0.kind.sameKind(as: limit.kind) }) else { return }
            counts.limits.append(limit)
        }
    }
    func received(_ bytes: Int64) { counts.withLockedValue { $0.bytes += bytes } }

    public var requests: Int { counts.withLockedValue { $0.requests } }
    public var bytes: Int64 { counts.withLockedValue { $0.bytes } }
    /// Servers that limited this fetcher's requests (403 bursts, 429, 503 with Retry-After).
    public var serverLimits: [ServerLimit] { counts.withLockedValue { $0.limits } }
}

/// The status and protocol of the answer a request got, when it got one.
private final class AnswerRecord: Sendable {
    private let box = NIOLockedValueBox<(Int, Bool)?>(nil)
    func set(status: Int, http2: Bool) { box.withLockedValue { $0 = (status, http2) } }
    var value: (Int, Bool)? { box.withLockedValue { $0 } }
}
