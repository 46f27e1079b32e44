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

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case components, conditions, boards, parts, examples, devices
    }

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
            let wanted = pack.replacingOccurrences(of: "::", with: ".").lowercased()
            descriptions = descriptions.filter { "\($0.vendor).\($0.name)".lowercased() == wanted }
            if descriptions.isEmpty {
                Terminal.error("no pack \(pack) in the index")
                throw ExitCode(1)
            }
        }
        var target: ConditionTarget?
        if let device {
            guard let found = findDevice(device, in: loaded.descriptions) else {
                Terminal.error("no device \(device) in the indexed packs")
                throw ExitCode(1)
            }
            target = ConditionTarget(device: .init(found), processorName: processor,
                                     toolchain: compiler.map { .init(compiler: $0, options: compilerOptions) })
        }
        var items: [(String, JSONValue)] = []
        var failed = !loaded.problems.isEmpty
        for description in descriptions {
            let version = description.latestRelease?.version
            let packKey = "\(description.vendor).\(description.name).\(version ?? "")"
            switch kind {
            case .boards:
                for board in description.boards { items.append((board.name, board.json(pack: packKey))) }
            case .parts:
                for part in description.parts { items.append((part.name, part.json(pack: packKey))) }
            case .examples:
                for example in description.examples?.items ?? [] {
                    items.append((example.name, example.json.adding("pack", .string(packKey))))
                }
            case .conditions:
                for condition in description.conditions?.conditions ?? [] {
                    items.append((condition.id, condition.json(pack: packKey)))
                }
            case .devices:
                for device in IndexedPack(description).devices { items.append((device.name, device.jsonValue)) }
            case .components:
                if let target {
                    do {
                        for applicable in try description.applicableComponents(for: target) {
                            items.append((applicable.component.id, applicable.json(pack: packKey, packVersion: version)))
                        }
                    } catch {
                        Terminal.error("\(description.source): \(error)")
                        failed = true
                    }
                } else {
                    for component in description.allComponents {
                        items.append((component.id, component.json(pack: packKey, packVersion: version)))
                    }
                }
            }
        }
        if !words.isEmpty {
            let keep = Set(DeviceSearch.find(words, in: items.map(\.0), mode: .allWords))
            items = items.filter { keep.contains($0.0) }
        }
        // Components and conditions keep document order within their pack.
        if kind != .components && kind != .conditions {
            items.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        }
        Terminal.json(JSONValue.array(items.map(\.1)))
        if failed { throw ExitCode(1) }
    }

    private func findDevice(_ name: String, in descriptions: [PackDescription]) -> EffectiveDevice? {
        let wanted = name.lowercased()
        // The newest pack first, so its definition wins.
        for description in descriptions.sorted(by: { ($0.latestRelease?.date ?? "") > ($1.latestRelease?.date ?? "") }) {
            if let device = description.devices.effectiveDevices().first(where: { $0.name.lowercased() == wanted }) {
                return device
            }
        }
        return nil
    }
}

extension ApplicableComponent {
    func json(pack: String, packVersion: String?) -> JSONValue {
        guard case .object(var members) = component.json(pack: pack, packVersion: packVersion) else { return .null }
        members["applies"] = .string(truth.rawValue)
        members["files"] = .array(files.map { file, truth in file.json.adding("applies", .string(truth.rawValue)) })
        return .object(members)
    }
}

extension JSONValue {
    func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
