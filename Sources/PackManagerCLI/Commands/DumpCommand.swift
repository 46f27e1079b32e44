import ArgumentParser
import CMSISPack
import PackCache

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print components, conditions, boards, parts, examples or devices of the indexed packs as JSON.",
        discussion: """
            Reads the pack descriptions behind the index (the cached .pdsc files and the files \
            add-packs read); the newest version of each pack unless --all-versions. \
            With --device, components and their files are filtered by their conditions \
            for that device (and --compiler, --processor when given); each then carries \
            "applies": "yes", or "unknown" when it depends on a choice not given.
            """
    )

    typealias Kind = DescriptionDump.Kind

    @OptionGroup var options: LocationOptions

    @Argument(help: ArgumentHelp("What to print: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: Kind

    @Argument(help: ArgumentHelp("Only entries whose name contains every word.", valueName: "word"))
    var words: [String] = []

    @Option(help: ArgumentHelp("Only this pack (Vendor.Name or Vendor::Name).", valueName: "pack"))
    var pack: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("Read this .pdsc or .pack instead of the index (repeatable).", valueName: "path"))
    var files: [String] = []

    @Flag(help: "Every cached version of each pack, not only the newest.")
    var allVersions = false

    @Option(help: ArgumentHelp("Components: only those whose conditions allow this device.", valueName: "device"))
    var device: String?

    @Option(help: ArgumentHelp("Components: the compiler (GCC, ARMCC, IAR, CLANG…) for conditions.", valueName: "name"))
    var compiler: String?

    @Option(name: .customLong("compiler-options"), help: ArgumentHelp("Components: Toptions (AC6…) for conditions.", valueName: "name"))
    var compilerOptions: String?

    @Option(help: ArgumentHelp("Components: the core (Pname) of a multi-core device.", valueName: "Pname"))
    var processor: String?

    func validate() throws {
        if device == nil && (compiler != nil || processor != nil || compilerOptions != nil) {
            throw ValidationError("--compiler, --compiler-options and --processor need --device")
        }
        if device != nil && kind != .components {
            throw ValidationError("--device filters components only")
        }
    }

    func run() throws {
        let loaded: PackInventory.Loaded
        if files.isEmpty {
            loaded = PackInventory.load(locations: options.locations, index: try loadIndex(options))
        } else {
            loaded = PackInventory.load(files: files)
        }
        loaded.problems.forEach(Terminal.diagnostic)
        var descriptions = allVersions || !files.isEmpty ? loaded.descriptions : PackInventory.newestOfEachPack(loaded.descriptions)
        if let pack {
            let wanted = PackFamily(lenient: pack)?.lookupKey
            descriptions = descriptions.filter { $0.family.lookupKey == wanted }
            if descriptions.isEmpty {
                Terminal.error("no pack \(pack) in the index")
                throw ExitCode(1)
            }
        }
        var target: ConditionTarget?
        if let device {
            guard let found = loaded.descriptions.effectiveDevice(named: device) else {
                Terminal.error("no device \(device) in the indexed packs")
                throw ExitCode(1)
            }
            target = ConditionTarget(device: .init(found), processorName: processor,
                                     toolchain: compiler.map { .init(compiler: $0, options: compilerOptions) })
        }
        let dump = DescriptionDump(kind, words: words, target: target).items(of: descriptions)
        dump.failures.forEach(Terminal.error)
        Terminal.json(JSONValue.array(dump.items.map(\.value)))
        if !loaded.problems.isEmpty || !dump.failures.isEmpty { throw ExitCode(1) }
    }
}

extension DescriptionDump.Kind: ExpressibleByArgument {}
