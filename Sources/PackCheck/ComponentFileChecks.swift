import CMSISPack
/// The `<file>` entries of components and APIs: extensions that fit the
/// category, versions of configuration files, templates, compiler
/// conditions of libraries and assembler files, deprecated attributes, the
/// same file in several components, configuration files on include paths.
enum ComponentFileChecks: CheckGroup {
    /// Extensions each category allows (compared without case).
    static let extensions: [String: Set<String>] = [
        "header": ["h", "hpp"], "sourceAsm": ["s", "asm"], "sourceC": ["c"], "sourceCpp": ["cpp", "cc", "cxx"],
    ]

    /// Categories whose files are compiled or linked, which two components
    /// should not both bring in (packchk's M610).
    static let builtCategories: Set<String> = ["library", "object", "source", "sourceC", "sourceCpp", "sourceAsm", "genSource"]

    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let pack = context.pack
        if let description = pack.headerElements.first(where: { $0.name == "description" }),
           let overview = description.attributes["overview"], !overview.isEmpty, fileExtension(overview) != "md" {
            log.add(.wrongExtension, line: description.line, "overview document '\(overview)' is not Markdown (.md)")
        }
        let conditions = Dictionary(pack.conditions?.conditions.map { ($0.id, $0) } ?? [], uniquingKeysWith: { first, _ in first })
        var built: [String: (line: Int, component: String)] = [:]
        // By canonical path, as packchk: each configuration file once.
        var configFiles: [String: ComponentFile] = [:]
        var includePaths: [String: Int] = [:]
        let owners: [(files: [ComponentFile], condition: String?, key: String?, label: String)] =
            pack.allComponents.map { ($0.files, $0.condition, "\($0.variant ?? ""):\($0.bundleName ?? ""):\($0.condition ?? "")", $0.id) }
            + (pack.apis?.items ?? []).map { ($0.files, $0.condition, nil, "API \($0.componentClass):\($0.group)") }
        // By default DeviceStartupChecks reports them for each device, as packchk.
        for component in pack.allComponents where !context.findingPerDevice && component.componentClass == "Device" && component.group == "Startup" {
            checkStartupFiles(component, into: &log)
        }
        for owner in owners {
            for file in owner.files {
                check(file, ownerCondition: owner.condition, conditions: conditions, into: &log)
                let category = file.category ?? ""
                if let key = owner.key, builtCategories.contains(category) {
                    let id = "\(file.attributes["name"] ?? ""):\(file.condition ?? ""):\(key)"
                    if let first = built[id] {
                        log.add(.repeatedComponentFile, line: file.line,
                                "\(category) file '\(file.name)' is also named by \(first.component) on line \(first.line); two components bring it in")
                    } else {
                        built[id] = (file.line, owner.label)
                    }
                }
                if file.attr == "template" { continue }
                if file.attr == "config" {
                    // Any configuration file, as packchk: the project gets a copy of each.
                    configFiles[PackPath.canonical(file.name)] = file
                } else if category == "header" || category == "include" {
                    // A header's folder (or its path attribute) is on the include path, as an include folder is.
                    let path = category == "include" ? PackPath.canonical(file.name)
                        : file.attributes["path"].map(PackPath.canonical) ?? PackPath.folder(of: PackPath.canonical(file.name))
                    if includePaths[path] == nil { includePaths[path] = file.line }
                }
            }
        }
        for (path, file) in configFiles.sorted(by: { $0.value.line < $1.value.line }) {
            let folder = PackPath.folder(of: path)
            guard let line = includePaths[folder] else { continue }
            log.add(.configInIncludePath, line: file.line,
                    "configuration file '\(file.name)' lies in '\(folder)', an include path (line \(line)): the copy in the project and this one would both be found")
        }
    }

    /// The startup and system files a project adapts are copied into it:
    /// they are configuration files.
    private static func checkStartupFiles(_ component: Component, into log: inout FindingLog) {
        for file in component.files where ["source", "sourceAsm", "sourceC"].contains(file.category ?? "") && file.attr != "config" {
            let name = PackPath.fileName(file.name)
            let isSystem = name.hasPrefix("system_") && name.lowercased().hasSuffix(".c")
            guard isSystem || name.contains("startup_") else { continue }
            log.add(.startupFileNotConfig, line: file.line,
                    "'\(file.name)' of \(component.id) is not attr=\"config\"; projects adapt startup and system files, so they get a copy")
        }
    }

    private static func check(_ file: ComponentFile, ownerCondition: String?, conditions: [String: Condition], into log: inout FindingLog) {
        let name = file.name
        let category = file.category ?? ""
        let ext = fileExtension(name)
        if let allowed = extensions[category], !allowed.contains(ext.lowercased()) {
            log.add(.wrongExtension, line: file.line, "\(category) file '\(name)' has the extension '\(ext)'; expected \(allowed.sorted().map { ".\($0)" }.joined(separator: " or "))")
        }
        if file.attr == "config" && (file.version ?? "").isEmpty {
            log.add(.configWithoutVersion, line: file.line, "configuration file '\(name)' has no version; tools cannot tell the user's copy is outdated")
        }
        if file.attr == "template" {
            if category == "include" {
                log.add(.templateInclude, line: file.line, "template file '\(name)' has category=\"include\"; a template is a file to copy")
            }
            if (file.select ?? "").isEmpty {
                log.add(.templateWithoutSelect, line: file.line, "template file '\(name)' has no select; tools list templates by it")
            }
        }
        if file.attr == "copy" {
            log.add(.deprecatedCopy, line: file.line, "file '\(name)' has attr=\"copy\", which is deprecated")
        }
        let assembler = category == "sourceAsm" || (category == "source" && ["s", "asm"].contains(ext.lowercased()))
        if assembler, ext == "s", compilers(in: file.condition, conditions: conditions).contains(where: { $0.lowercased() == "gcc" }) {
            log.add(.gccLowercaseAssembler, line: file.line, "assembler file '\(name)' for GCC ends in '.s'; GCC runs the preprocessor only on '.S'")
        }
        if category == "library" || assembler {
            let named = compilers(in: file.condition, conditions: conditions) + compilers(in: ownerCondition, conditions: conditions)
            if named.isEmpty {
                log.add(.missingCompilerCondition, line: file.line,
                        "\(category) file '\(name)' has no condition naming Tcompiler; it suits one compiler only")
            }
        }
    }

    /// The compilers (`Tcompiler`) a condition and the conditions it refers
    /// to require or accept.
    static func compilers(in id: String?, conditions: [String: Condition]) -> [String] {
        ReachableExpressions.of(id, in: conditions).compactMap { $0.attributes["Tcompiler"] }.filter { !$0.isEmpty }
    }

    private static func fileExtension(_ name: String) -> String {
        let file = PackPath.fileName(name)
        guard let dot = file.lastIndex(of: ".") else { return "" }
        return String(file[file.index(after: dot)...])
    }
}
