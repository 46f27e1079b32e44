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
    private let hosts: HostLimits
    public let statistics = FetchStatistics()

    public init(configuration: FetchConfiguration = FetchConfiguration()) {
        self.configuration = configuration
        http = HTTPTransport(configuration: configuration)
        overall = AsyncSemaphore(configuration.maximumConcurrentRequests)
        hosts = HostLimits(perHost: configuration.maximumRequestsPerHost)
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
        let host = await hosts.semaphore(for: FetchURL.hostKey(url))
        var current = request
        var lastError: FetchError?
        for attempt in 1...max(1, configuration.attempts) {
            if let lastError {
                let delay = configuration.delay(beforeAttempt: attempt, retryAfter: lastError.retryAfter)
                try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                if Task.isCancelled { throw FetchError(url: request.url, kind: .cancelled, attempts: attempt - 1) }
                if current.resumeValidator == nil { current.resumeValidator = lastError.validators?.ifRange }
                current = Self.resuming(current)
            }
            statistics.request()
            let attemptRequest = current
            // Only a FetchError can arrive here; a task cancelled while it waits for a permit is `.cancelled`.
            let cancelled = FetchError(url: request.url, kind: .cancelled, attempts: attempt)
            do {
                return try await overall.with(cancelled: cancelled) { () async throws(FetchError) -> FetchOutcome in
                    try await host.with(cancelled: cancelled) { () async throws(FetchError) -> FetchOutcome in
                        try await self.attemptOnce(attemptRequest, url: url, onBytes: onBytes)
                    }
                }
            } catch {
                var failure = error
                failure.attempts = attempt
                guard failure.isRetryable, attempt < configuration.attempts else { throw failure }
                lastError = failure
            }
        }
        throw lastError ?? FetchError(url: request.url, kind: .cancelled)
    }

    private func attemptOnce(_ request: FetchRequest, url: URL, onBytes: @escaping @Sendable (Int64) -> Void) async throws(FetchError) -> FetchOutcome {
        let statistics = self.statistics
        return try await http.fetchOnce(request, url: url) { count in
            statistics.received(count)
            onBytes(count)
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
    }

    private let counts = NIOLockedValueBox(Counts())

    func request() { counts.withLockedValue { $0.requests += 1 } }
    func received(_ bytes: Int64) { counts.withLockedValue { $0.bytes += bytes } }

    public var requests: Int { counts.withLockedValue { $0.requests } }
    public var bytes: Int64 { counts.withLockedValue { $0.bytes } }
}
