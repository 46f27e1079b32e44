/// Whether a pack server answers, as cpackget's `connection` tells IDEs:
/// any HTTP answer counts as online (a 404 or 500 still comes from a server);
/// a failed connection, a time-out or an unreachable host does not.
///
/// ```swift
/// let state = await Fetcher.using(configuration) { await ConnectionProbe.check(url, with: $0) }
/// ```
public enum ConnectionProbe {
    public enum State: Sendable, Equatable {
        case online
        case offline(FetchError)
    }

    public static func check(_ url: String, with fetcher: Fetcher) async -> State {
        do {
            _ = try await fetcher.fetch(FetchRequest(url: url, sizeLimit: FetchLimits.index))
            return .online
        } catch {
            return serverAnswered(error) ? .online : .offline(error)
        }
    }

    static func serverAnswered(_ error: FetchError) -> Bool {
        switch error.kind {
        case .notFound, .forbidden, .rateLimited, .clientStatus, .serverStatus, .tooLarge, .tooManyRedirects, .invalidContent: true
        default: false
        }
    }
}
