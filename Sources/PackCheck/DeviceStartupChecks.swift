import CMSISPack
/// What a project for each device would get from `Device:Startup`, as
/// packchk's device check works it out: for every device, core, security
/// state (three on a core with `Dtz`) and compiler the conditions name, the
/// startup components that apply; their dependencies resolved against the
/// packs at hand; their files; one `system_*.c` and one `startup_*` file,
/// both configuration files; the header of the system file found; a device
/// header.
///
/// packchk reports each finding for every such combination, so a family of
/// a hundred devices with two compilers repeats it two hundred times; so do
/// we, by default. With `--per-element` this group is off and PM418 is
/// reported once per file (ComponentFileChecks).
enum DeviceStartupChecks: CheckGroup {
    /// One compiler of the conditions, as a project would set it.
    struct Compiler: Hashable {
        let name: String
        let options: String

        var toolchain: ConditionTarget.Toolchain? {
            name.isEmpty ? nil : ConditionTarget.Toolchain(compiler: name, options: options.isEmpty ? nil : options)
        }

        var label: String { name.isEmpty ? "no compiler" : "\(name)\(options.isEmpty ? "" : " [\(options)]")" }
    }

    static func run(_ context: CheckContext, into log: inout FindingLog) {
        guard context.findingPerDevice else { return }
        let pack = context.pack
        let startups = pack.allComponents.filter { $0.componentClass == "Device" && $0.group == "Startup" }
        let conditions = pack.conditions ?? ConditionSection()
        let compilers = compilers(in: conditions)
        for device in context.devices {
            for processor in device.properties.processors {
                let name = device.name + (processor.name.map { ":\($0)" } ?? "")
                let states: [String?] = (processor.trustZone ?? "").isEmpty ? [nil] : ["TZ-disabled", "Secure", "Non-secure"]
                for state in states {
                    for compiler in compilers {
                        let target = ConditionTarget(device: ConditionTarget.Device(device), processorName: processor.name,
                                                     toolchain: compiler.toolchain, security: state)
                        let combination = Combination(device: device, deviceName: name, processor: processor, compiler: compiler)
                        check(startups, target: target, conditions: conditions, combination, context: context, into: &log)
                    }
                }
            }
        }
    }

    /// One device, core and compiler, as the messages name them.
    struct Combination {
        let device: EffectiveDevice
        let deviceName: String
        let processor: Processor
        let compiler: Compiler

        var label: String { "'\(deviceName)' with \(compiler.label)" }
    }

    private static func check(_ startups: [Component], target: ConditionTarget, conditions: ConditionSection, _ combination: Combination,
                              context: CheckContext, into log: inout FindingLog) {
        // Filtering ignores what other components a component needs; resolving does not.
        var filter = ConditionEvaluator(conditions: conditions, target: target)
        var resolved = target
        resolved.selectedComponents = context.catalog.components
        var resolver = ConditionEvaluator(conditions: conditions, target: resolved)
        let applying = startups.filter { (try? filter.evaluate($0.condition))?.mayApply ?? false }
        guard !applying.isEmpty else {
            log.add(.noStartupComponent, line: combination.processor.line,
                    "no Device:Startup component applies to \(combination.label): a project for it gets no startup code")
            return
        }
        for component in applying {
            if (try? resolver.evaluate(component.condition)) == .no {
                log.add(.startupDependencyUnresolved, line: component.line,
                        "\(component.id) needs a component that neither this pack \(context.elsewhereNote) provides, for \(combination.label)")
            }
            let files = component.files.filter { (try? filter.evaluate($0.condition))?.mayApply ?? false }
            if files.isEmpty {
                log.add(.startupWithoutFiles, line: component.line, "\(component.id) has no file for \(combination.label)")
            }
            let counts = files.isEmpty ? (system: 0, startup: 0) : checkFiles(files, of: component, combination, context: context, into: &log)
            checkCounts(counts, of: component, combination, into: &log)
        }
    }

    /// The number of system_*.c and startup_* files among `files`.
    private static func checkFiles(_ files: [ComponentFile], of component: Component, _ combination: Combination,
                                   context: CheckContext, into log: inout FindingLog) -> (system: Int, startup: Int) {
        let header = deviceHeader(of: combination)
        if header == nil {
            log.add(.startupFileMissing, line: component.line, "\(combination.label) has no device header (<compile header>)")
        }
        let names = Set(files.map { PackPath.fileName($0.name) })
        let includePaths = includePaths(of: files, deviceHeader: header)
        var systemFiles = 0, startupFiles = 0
        for file in files where ["source", "sourceAsm", "sourceC"].contains(file.category ?? "") {
            let name = PackPath.fileName(file.name)
            let isSystem = name.hasPrefix("system_") && name.hasSuffix(".c")
            let isStartup = name.contains("startup_")
            if isSystem { systemFiles += 1 }
            if isStartup { startupFiles += 1 }
            if (isSystem || isStartup) && file.attr != "config" {
                log.add(.startupFileNotConfig, line: component.line,
                        "'\(name)' of \(component.id) is not attr=\"config\" (\(combination.label)); projects adapt startup and system files, so they get a copy")
            }
            guard isSystem, let tree = context.files else { continue }
            let systemHeader = String(name.dropLast(2)) + ".h"
            let found = names.contains(systemHeader) || includePaths.contains { folder in
                if case .file = tree.lookup(folder.isEmpty ? systemHeader : folder + "/" + systemHeader) { return true }
                return false
            }
            if !found {
                log.add(.systemHeaderNotFound, line: component.line,
                        "'\(systemHeader)' for '\(name)' of \(component.id) is neither a file of the component nor in its include paths (\(combination.label))")
            }
        }
        return (systemFiles, startupFiles)
    }

    /// One system_*.c and one startup_* file, unless a generator makes them.
    private static func checkCounts(_ counts: (system: Int, startup: Int), of component: Component, _ combination: Combination,
                                    into log: inout FindingLog) {
        let (systemFiles, startupFiles) = counts
        if (systemFiles != 1 || startupFiles != 1) && component.generator != nil { return }
        if systemFiles == 0 {
            log.add(.startupFileMissing, line: combination.processor.line, "\(component.id) has no system_*.c file for \(combination.label)")
        }
        if startupFiles == 0 {
            log.add(.startupFileMissing, line: combination.processor.line, "\(component.id) has no startup_* file for \(combination.label)")
        }
    }

    /// The `<compile header>` of the device for its core.
    private static func deviceHeader(of combination: Combination) -> String? {
        let core = combination.processor.name
        return combination.device.properties.compiles.first { compile in
            (compile.processorName == nil || compile.processorName == core) && !(compile.header ?? "").isEmpty
        }?.header
    }

    /// The folders a project compiles the component with: its include
    /// folders, the folders of its headers, and that of the device header.
    private static func includePaths(of files: [ComponentFile], deviceHeader: String?) -> Set<String> {
        var paths = Set<String>()
        for file in files {
            if file.category == "include" { paths.insert(PackPath.canonical(file.name)) }
            if file.category == "header" { paths.insert(PackPath.folder(of: PackPath.canonical(file.name))) }
        }
        if let deviceHeader { paths.insert(PackPath.folder(of: PackPath.canonical(deviceHeader))) }
        return paths
    }

    /// The compilers the conditions name (not in deny), each with its
    /// options; one without a name when none is named.
    static func compilers(in conditions: ConditionSection) -> [Compiler] {
        var found = Set<Compiler>()
        for condition in conditions.firstDefinitions {
            for expression in condition.expressions where expression.kind != .deny {
                if let name = expression.attributes["Tcompiler"], !name.isEmpty {
                    found.insert(Compiler(name: name, options: expression.attributes["Toptions"] ?? ""))
                }
            }
        }
        // packchk keeps them by "name [options]", in that order.
        let sorted = found.sorted { "\($0.name) [\($0.options)]" < "\($1.name) [\($1.options)]" }
        return sorted.isEmpty ? [Compiler(name: "", options: "")] : sorted
    }
}
