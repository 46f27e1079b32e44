import PackCache

/// Runs `body` with a fetcher configured from the network options and a
/// progress display, and shuts both down afterwards, whatever happens.
func withFetcher<T>(_ network: NetworkOptions, quiet: Bool, _ body: (Fetcher, ProgressTracker) async throws -> T) async throws -> T {
    let tracker = ProgressTracker()
    let display = ProgressDisplay(tracker: tracker, quiet: quiet)
    let fetcher = Fetcher(configuration: network.fetchConfiguration)
    display.start()
    do {
        let result = try await body(fetcher, tracker)
        display.stop()
        await fetcher.shutdown()
        return result
    } catch {
        display.stop()
        await fetcher.shutdown()
        throw error
    }
}
