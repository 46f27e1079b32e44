import ArgumentParser

struct PrintCacheDirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print-cache-dir",
        abstract: "Print the cache folder (the data path)."
    )

    @OptionGroup var options: LocationOptions

    func run() throws {
        Terminal.print(options.locations.dataPath)
    }
}
