/// `<components>`: software components, alone or grouped in bundles.
public struct ComponentSection: Sendable {
    public var bundles: [ComponentBundle] = []
    /// Components outside any bundle.
    public var components: [Component] = []
    public var extensions: [XMLElement] = []
    public var line = 0

    public init() {}

    /// Every component, those of bundles included, in document order.
    public var all: [Component] {
        (components + bundles.flatMap(\.components)).sorted { $0.line < $1.line }
    }
}

/// `<bundle>`: components released together under one Cbundle and Cversion.
public struct ComponentBundle: Sendable {
    public var attributes: [String: String]
    public var description: String?
    public var doc: String?
    public var components: [Component]
    public var extensions: [XMLElement]
    public var line: Int

    public var name: String? { attributes["Cbundle"] }
}

/// `<component>`: one software component and its files.
public struct Component: Sendable {
    public var attributes: [String: String]
    /// The enclosing bundle's attributes (Cbundle, Cclass, Cversion, Cvendor),
    /// which the component inherits where it states none.
    public var bundle: [String: String]?
    /// The pack's vendor, the default Cvendor.
    public var packVendor: String
    public var description: String?
    public var rteComponentsH: String?
    public var preIncludeGlobalH: String?
    public var preIncludeLocalH: String?
    public var files: [ComponentFile]
    /// How many `<files>` groups the component has (usually one).
    public var fileGroups: Int
    public var deprecated: String?
    /// `<environments><environment name>`: tool settings for this component.
    public var environments: [Environment] = []
    var environmentGroups = 0
    public var extensions: [XMLElement]
    public var line: Int

    /// The specification: a bundle's Cvendor, Cclass and Cbundle apply to all
    /// its components; only Cversion may be redefined by a component.
    private func bundled(_ key: String) -> String? { bundle?[key] ?? attributes[key] }

    public var vendor: String { bundled("Cvendor") ?? packVendor }
    public var componentClass: String { bundled("Cclass") ?? "" }
    public var group: String { attributes["Cgroup"] ?? "" }
    public var subGroup: String? { attributes["Csub"] }
    public var variant: String? { attributes["Cvariant"] }
    public var version: String? { attributes["Cversion"] ?? bundle?["Cversion"] }
    public var apiVersion: String? { attributes["Capiversion"] }
    public var bundleName: String? { bundle?["Cbundle"] }
    public var condition: String? { attributes["condition"] }
    public var maxInstances: Int? { attributes["maxInstances"].flatMap { Int($0) } }
    public var isDefaultVariant: Bool { SpecBool.parse(attributes["isDefaultVariant"]) ?? false }
    /// `<deprecated>true</deprecated>` (an xs:boolean: `true` or `1`).
    public var isDeprecated: Bool { deprecated.flatMap { SpecBool.parse($0) } ?? false }
    public var generator: String? { attributes["generator"] }
    public var licenseSet: String? { attributes["licenseSet"] }

    /// The component ID as CMSIS-Toolbox writes it:
    /// `Cvendor::Cclass&Cbundle:Cgroup:Csub&Cvariant@Cversion`.
    public var id: String {
        var text = "\(vendor)::\(componentClass)"
        if let bundleName { text += "&\(bundleName)" }
        text += ":\(group)"
        if let subGroup { text += ":\(subGroup)" }
        if let variant { text += "&\(variant)" }
        if let version { text += "@\(version)" }
        return text
    }
}

/// `<file>` of a component, API or generator.
public struct ComponentFile: Sendable, Hashable {
    public var attributes: [String: String]
    public var line: Int

    /// The path in the pack (or a URL for documents), with '/' separators.
    public var name: String { (attributes["name"] ?? "").replacingOccurrences(of: "\\", with: "/") }
    public var category: String? { attributes["category"] }
    public var attr: String? { attributes["attr"] }
    public var condition: String? { attributes["condition"] }
    public var select: String? { attributes["select"] }
    public var src: String? { attributes["src"] }
    public var version: String? { attributes["version"] }
    public var language: String? { attributes["language"] }
    public var scope: String? { attributes["scope"] }
}

// MARK: Decoding

extension ComponentSection {
    init(_ element: XMLElement, packVendor: String, log: inout DiagnosticLog) {
        line = element.line
        var bundles: [ComponentBundle] = []
        var components: [Component] = []
        var reader = ChildReader(element)
        reader.read { child in
            switch child.name {
            case "component":
                components.append(Component(child, bundle: nil, packVendor: packVendor, log: &log))
            case "bundle":
                var inner: [Component] = []
                var description: String?
                var doc: String?
                var bundleReader = ChildReader(child)
                let attributes = child.attributeDictionary
                bundleReader.read { item in
                    switch item.name {
                    case "component": inner.append(Component(item, bundle: attributes, packVendor: packVendor, log: &log))
                    case "description": description = item.text
                    case "doc": doc = item.text
                    default: return false
                    }
                    return true
                }
                log.warnUnknown(bundleReader.unclaimed, in: "bundle")
                bundles.append(ComponentBundle(attributes: attributes, description: description, doc: doc, components: inner,
                                               extensions: bundleReader.unclaimed, line: child.line))
            default:
                return false
            }
            return true
        }
        log.warnUnknown(reader.unclaimed, in: "components")
        self.bundles = bundles
        self.components = components
        extensions = reader.unclaimed
    }
}

extension Component {
    init(_ element: XMLElement, bundle: [String: String]?, packVendor: String, log: inout DiagnosticLog) {
        attributes = element.attributeDictionary
        self.bundle = bundle
        self.packVendor = packVendor
        line = element.line
        var files = FileGroups()
        var description: String?
        var rte: String?
        var global: String?
        var local: String?
        var deprecated: String?
        var nested: [XMLElement] = []
        var componentEnvironments: [Environment] = []
        var environmentGroupCount = 0
        var reader = ChildReader(element)
        reader.read { child in
            switch child.name {
            case "description": description = child.text
            case "RTE_Components_h": rte = child.rawText
            case "Pre_Include_Global_h": global = child.rawText
            case "Pre_Include_Local_Component_h": local = child.rawText
            case "deprecated": deprecated = child.text
            case "environments":
                environmentGroupCount += 1
                var inner = ChildReader(child)
                componentEnvironments += inner.collect("environment", make: Environment.init)
                nested += inner.unclaimed
            case "files":
                files.read(child, log: &log)
            default:
                return false
            }
            return true
        }
        if attributes["Cclass"] == nil && bundle?["Cclass"] == nil {
            log.warning(line, "<component> without Cclass")
        }
        if let bundle {
            for key in ["Cclass", "Cvendor"] {
                if let own = attributes[key], let inherited = bundle[key], own != inherited {
                    log.warning(line, "component \(key)='\(own)' differs from its bundle's '\(inherited)'; the bundle's applies (only Cversion may be redefined)")
                }
            }
        }
        if attributes["Cgroup"] == nil { log.warning(line, "<component> without Cgroup") }
        if attributes["Cversion"] == nil && bundle?["Cversion"] == nil {
            log.warning(line, "<component> without Cversion (and no bundle gives one)")
        }
        self.description = description
        rteComponentsH = rte
        preIncludeGlobalH = global
        preIncludeLocalH = local
        self.deprecated = deprecated
        self.files = files.files
        fileGroups = files.groups
        environments = componentEnvironments
        environmentGroups = environmentGroupCount
        // Elements other than the schema's (vendor extensions) are kept;
        // schema elements this decoder does not know are kept with a warning.
        log.warnUnknown(reader.unclaimed, in: "component")
        extensions = reader.unclaimed + nested + files.unclaimed
    }
}

// MARK: Counting

extension ComponentSection: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["components", default: 0] += 1
        bundles.countElements(into: &counts)
        components.countElements(into: &counts)
        extensions.countElements(into: &counts)
    }
}

extension ComponentBundle: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["bundle", default: 0] += 1
        if description != nil { counts["description", default: 0] += 1 }
        if doc != nil { counts["doc", default: 0] += 1 }
        components.countElements(into: &counts)
        extensions.countElements(into: &counts)
    }
}

extension Component: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["component", default: 0] += 1
        for (name, value) in [("description", description), ("RTE_Components_h", rteComponentsH),
                              ("Pre_Include_Global_h", preIncludeGlobalH), ("Pre_Include_Local_Component_h", preIncludeLocalH),
                              ("deprecated", deprecated)] where value != nil {
            counts[name, default: 0] += 1
        }
        counts["files", default: 0] += fileGroups
        counts["file", default: 0] += files.count
        counts["environments", default: 0] += environmentGroups
        for environment in environments { environment.element.countElements(into: &counts) }
        extensions.countElements(into: &counts)
    }
}
