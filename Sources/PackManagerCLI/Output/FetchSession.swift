import PackCache

/// Runs `body` with a fetcher configured from the network options and a
/// progress display, and shuts both down afterwards, whatever happens.
func withFetcher<T>(_ network: NetworkOptions, quiet: Bool, _ body: (Fetcher, ProgressTracker) async throws -> T) async throws -> T {
    let tracker = ProgressTracker()
    let display = ProgressDisplay(tracker: tracker, quiet: quiet)
    display.start()
    defer { display.stop() }
    return try await Fetcher.using(try network.fetchConfiguration()) { fetcher in try await body(fetcher, tracker) }
}
