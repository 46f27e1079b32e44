import ArgumentParser
import CMSISPack
import PackCache

struct AlgoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "algo",
        abstract: "Show a device's flash algorithms, read from their .FLM files.",
        discussion: """
            For each <algorithm> of the device: the range and RAM the description gives, and what its .FLM \
            file says: the flash it programs (range, sectors, page size, erased value, time-outs), the entry \
            points and the layout of the code a debugger loads. The files are read from the device's pack in \
            the cache (`pack-manager cache devices DEVICE` downloads it), a pack root, or --file. \
            --format pyocd prints pyOCD's FLASH_ALGO dictionaries, placed in RAM as pyOCD places them.
            """,
        aliases: ["algorithms"]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, pyocd
    }

    @OptionGroup var options: LocationOptions

    @Argument(help: ArgumentHelp("The device.", valueName: "device"))
    var device: String

    @Option(help: ArgumentHelp("Read the device from this .pack file instead of the index.", valueName: "pack"))
    var file: String?

    @Option(help: ArgumentHelp("text, json or pyocd.", valueName: "format"))
    var format: Format = .text

    @Flag(help: "Print JSON (as --format json).")
    var json = false

    func run() throws {
        let (pack, found) = try PackOpening.device(device, file: file, options)
        let algorithms = DeviceAlgorithms(found, pack.parsed(devices: [found]))
        switch json ? .json : format {
        case .json:
            Terminal.json(algorithms.json)
        case .text:
            Terminal.print(AlgorithmText.render(algorithms))
        case .pyocd:
            let output = PyOCDFlashAlgo.source(for: algorithms)
            Terminal.write(Array(output.text.utf8))
            output.problems.forEach(Terminal.error)
        }
        if algorithms.items.contains(where: { $0.algorithm == nil }) { throw ExitCode(1) }
    }
}
