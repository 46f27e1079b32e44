import ArgumentParser
import PackCache

/// `pack connection [URL]`: whether a pack server answers, as cpackget's
/// `connection` tells IDEs (any HTTP answer counts as online).
struct PackConnectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connection",
        abstract: "Check that a pack server answers (default: Keil's vendor index).",
        discussion: "Exits 0 when the server answers (any HTTP status), 1 when it cannot be reached. With -E the result is printed as [O:online] or [O:offline], as cpackget prints it for IDEs."
    )

    static let defaultURL = "https://www.keil.com/pack/keil.vidx"

    @OptionGroup var network: NetworkOptions

    @Flag(name: [.customShort("E"), .customLong("encoded-progress")], help: "Print the result as [O:online] or [O:offline].")
    var encodedProgress = false

    @Argument(help: ArgumentHelp("The URL to try.", valueName: "url"))
    var url: String = PackConnectionCommand.defaultURL

    func run() async throws {
        let outcome = await Fetcher.using(network.fetchConfiguration) { fetcher in await Self.probe(url, fetcher) }
        let online: Bool
        switch outcome?.kind {
        case nil, .notFound, .forbidden, .clientStatus, .serverStatus, .tooLarge, .tooManyRedirects, .invalidContent: online = true
        default: online = false
        }
        if encodedProgress { Terminal.print(online ? "[O:online]" : "[O:offline]") }
        guard online else {
            Terminal.error("\(url): offline (\(outcome!.description))")
            throw ExitCode(1)
        }
        if !encodedProgress { Terminal.print("\(url): online") }
    }

    /// Nil when the server answered as asked, else why not.
    static func probe(_ url: String, _ fetcher: Fetcher) async -> FetchError? {
        do {
            _ = try await fetcher.fetch(FetchRequest(url: url, sizeLimit: FetchLimits.index))
            return nil
        } catch {
            return error
        }
    }
}
