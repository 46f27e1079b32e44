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
        let configuration = try network.fetchConfiguration()
        let state = await Fetcher.using(configuration) { fetcher in await ConnectionProbe.check(url, with: fetcher) }
        if encodedProgress { Terminal.print(state == .online ? "[O:online]" : "[O:offline]") }
        if case .offline(let error) = state {
            Terminal.error("\(url): offline (\(error.description))")
            throw ExitCode(1)
        }
        if !encodedProgress { Terminal.print("\(url): online") }
    }
}
