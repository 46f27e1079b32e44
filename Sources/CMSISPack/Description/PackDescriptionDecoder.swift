/// Turns the XML tree of a `.pdsc` into a `PackDescription`.
public struct PackDescriptionDecoder {
    private var log: DiagnosticLog

    public init(source: String) {
        log = DiagnosticLog(file: source)
    }

    public var diagnostics: [Diagnostic] { log.entries }

    /// Reads every section, then checks what was read (`PackDescriptionValidator`).
    public mutating func decode(_ root: XMLElement, source: String) throws(PackDescriptionError) -> PackDescription {
        guard root.name == "package" else {
            throw PackDescriptionError(file: source, line: root.line, reason: "the root element is <\(root.name)>, not <package>: this is not a pack description")
        }
        var package = DecodedPackage(packVendor: root.child("vendor")?.text ?? "")
        for element in root.children {
            guard element.isSchemaElement else {
                package.other.append(element)
                continue
            }
            decodeSection(element, into: &package)
        }
        let description = try package.description(schemaVersion: root["schemaVersion"], root: root, source: source)
        log.append(PackDescriptionValidator(description, packageLine: root.line).validate())
        return description
    }

    /// One child of `<package>`: a header element or a section.
    private mutating func decodeSection(_ element: XMLElement, into package: inout DecodedPackage) {
        if ["releases", "devices", "boards", "parts", "environments"].contains(element.name) {
            package.wrapperCounts[element.name, default: 0] += 1
        }
        switch element.name {
        case "vendor", "name", "description", "url", "license", "supportContact", "repository", "dominate":
            decodeHeader(element, into: &package)
        case "releases":
            var reader = ChildReader(element)
            package.releases += reader.collect("release") { decodeRelease($0) }
            keep(reader.unclaimed, in: element, into: &package.other)
        case "requirements":
            package.requirements = decodeRequirements(element, other: &package.other)
        case "keywords":
            package.keywords = ListSection(element, items: ["keyword"], log: &log) { item, _ in AttributeElement(item) }
        case "ECCN":
            package.exportControl = ListSection(element, items: ["ECCN-EU", "ECCN-US"], log: &log) { item, _ in AttributeElement(item) }
        case "changelogs":
            package.changelogs = ListSection(element, items: ["changelog"], log: &log) { item, _ in AttributeElement(item) }
        case "environments":
            var reader = ChildReader(element)
            package.environments += reader.collect("environment", make: Environment.init)
            keep(reader.unclaimed, in: element, into: &package.other)
        case "licenseSets":
            package.licenseSets = ListSection(element, items: ["licenseSet"], log: &log) { LicenseSet($0, log: &$1) }
        case "generators":
            package.generators = ListSection(element, items: ["generator"], log: &log) { Generator($0, log: &$1) }
        case "devices":
            var reader = ChildReader(element)
            package.devices += reader.collect("family") { decodeFamily($0) }.compactMap { $0 }
            keep(reader.unclaimed, in: element, into: &package.other)
        case "boards":
            var reader = ChildReader(element)
            package.boards += reader.collect("board") { decodeBoard($0) }.compactMap { $0 }
            keep(reader.unclaimed, in: element, into: &package.other)
        case "parts":
            var reader = ChildReader(element)
            package.parts += reader.collect("part") { decodePart($0, packVendor: package.packVendor) }.compactMap { $0 }
            keep(reader.unclaimed, in: element, into: &package.other)
        case "taxonomy":
            package.taxonomy = ListSection(element, items: ["description"], log: &log) { item, _ in AttributeElement(item) }
        case "part-taxonomy":
            package.partTaxonomy = ListSection(element, items: ["description"], log: &log) { item, _ in AttributeElement(item) }
        case "apis":
            package.apis = ListSection(element, items: ["api"], log: &log) { API($0, log: &$1) }
        case "conditions":
            package.conditions = ConditionSection(element, log: &log)
        case "examples":
            package.examples = ListSection(element, items: ["example"], log: &log) { Example($0, log: &$1) }
        case "csolution":
            package.csolution = ListSection(element, items: ["clayer", "template"], log: &log) { DescribedElement($0, log: &$1) }
        case "components":
            package.components = ComponentSection(element, packVendor: package.packVendor, log: &log)
        default:
            log.warning(element.line, "<\(element.name)> is not a section of PACK.xsd 1.7; kept as it is")
            package.other.append(element)
        }
    }

    /// `<vendor>`, `<name>`, `<url>`…: the first of each counts.
    private mutating func decodeHeader(_ element: XMLElement, into package: inout DecodedPackage) {
        if package.header[element.name] != nil {
            log.warning(element.line, "<\(element.name)> is given twice; the first is used")
        } else {
            package.header[element.name] = element.text
        }
        package.headerElements.append(AttributeElement(element))
    }

    /// Keeps the unexpected children of a header section, warning about schema elements.
    private mutating func keep(_ elements: [XMLElement], in parent: XMLElement, into other: inout [XMLElement]) {
        log.warnUnknown(elements, in: parent.name)
        other += elements
    }

    private func decodeRelease(_ element: XMLElement) -> Release {
        Release(
            version: element["version"]?.trimmingXMLWhitespace() ?? "",
            date: element["date"],
            deprecated: element["deprecated"],
            replacement: element["replacement"],
            url: element["url"],
            tag: element["tag"],
            text: element.text,
            line: element.line
        )
    }

    private mutating func decodeRequirements(_ element: XMLElement, other: inout [XMLElement]) -> Requirements {
        var result = Requirements()
        result.sectionCount = 1
        // Kept as they are, with their own warning rather than the generic one.
        var incomplete: [XMLElement] = []
        var groups = ChildReader(element)
        groups.read { group in
            guard ["packages", "compilers", "languages", "targets"].contains(group.name) else { return false }
            result.groupCounts[group.name, default: 0] += 1
            var items = ChildReader(group)
            items.read { item in
                switch (group.name, item.name) {
                case ("packages", "package"):
                    guard let vendor = item["vendor"], let name = item["name"] else {
                        log.warning(item.line, "<package> requirement without vendor or name; kept as it is")
                        incomplete.append(item)
                        return true
                    }
                    result.packages.append(PackRequirement(vendor: vendor, name: name, version: item["version"], line: item.line))
                case ("compilers", "compiler"):
                    result.compilers.append(NamedRequirement(name: item["name"] ?? "", version: item["version"], line: item.line))
                case ("languages", "language"):
                    result.languages.append(NamedRequirement(name: item["name"] ?? "", version: item["version"], line: item.line))
                case ("targets", "target"):
                    result.targets.append(AttributeElement(item))
                default:
                    return false
                }
                return true
            }
            keep(items.unclaimed, in: group, into: &other)
            return true
        }
        keep(groups.unclaimed, in: element, into: &other)
        other += incomplete
        return result
    }

    // MARK: Devices

    private mutating func decodeFamily(_ element: XMLElement) -> DeviceFamily? {
        guard let name = element["Dfamily"] else {
            log.warning(element.line, "<family> without Dfamily; its devices are skipped")
            return nil
        }
        var subFamilies: [DeviceSubFamily] = []
        var devices: [DeviceDefinition] = []
        let (properties, nested) = Self.properties(of: element, levels: ["subFamily", "device"])
        for child in nested {
            if child.name == "device" {
                if let device = decodeDevice(child) { devices.append(device) }
                continue
            }
            guard let subName = child["DsubFamily"] else {
                log.warning(child.line, "<subFamily> without DsubFamily in family '\(name)'; its devices are skipped")
                continue
            }
            let (subProperties, subNested) = Self.properties(of: child, levels: ["device"])
            var subDevices: [DeviceDefinition] = []
            for device in subNested {
                if let decoded = decodeDevice(device) { subDevices.append(decoded) }
            }
            subFamilies.append(DeviceSubFamily(name: subName, vendor: child["Dvendor"], properties: subProperties, devices: subDevices, line: child.line))
        }
        return DeviceFamily(
            name: name, vendor: element["Dvendor"] ?? "", properties: properties,
            subFamilies: subFamilies, devices: devices, line: element.line)
    }

    private mutating func decodeDevice(_ element: XMLElement) -> DeviceDefinition? {
        guard let name = element["Dname"] else {
            log.warning(element.line, "<device> without Dname; skipped")
            return nil
        }
        var variants: [DeviceVariant] = []
        let (properties, nested) = Self.properties(of: element, levels: ["variant"])
        for child in nested {
            guard let variantName = child["Dvariant"] else {
                log.warning(child.line, "<variant> of device '\(name)' without Dvariant; skipped")
                continue
            }
            let (variantProperties, _) = Self.properties(of: child, levels: [])
            variants.append(DeviceVariant(name: variantName, vendor: child["Dvendor"], properties: variantProperties, line: child.line))
        }
        return DeviceDefinition(name: name, vendor: element["Dvendor"], properties: properties, variants: variants, line: element.line)
    }

    /// The property elements of one level, and its child levels (elements
    /// named in `levels`) for the caller to decode.
    private static func properties(of element: XMLElement, levels: Set<String>) -> (DeviceProperties, [XMLElement]) {
        var properties = DeviceProperties()
        var nested: [XMLElement] = []
        for child in element.children {
            // Elements of other namespaces are vendor extensions: kept, never interpreted.
            guard child.isSchemaElement else {
                properties.otherElements.append(child)
                continue
            }
            switch child.name {
            case "processor": properties.processors.append(Processor(child))
            case "memory": properties.memories.append(Memory(child))
            case "algorithm": properties.algorithms.append(Algorithm(child))
            case "debug":
                var debug = Debug(child)
                debug.dataPatches = child.children("datapatch").map(AttributeElement.init)
                properties.debugs.append(debug)
                properties.otherElements += child.children.filter { $0.name != "datapatch" || !$0.isSchemaElement }
            case "accessportV1": properties.accessPortsV1.append(AccessPortV1(child))
            case "accessportV2": properties.accessPortsV2.append(AccessPortV2(child))
            case "compile": properties.compiles.append(Compile(child))
            case "debugconfig" where properties.debugConfig == nil: properties.debugConfig = DebugConfig(child)
            case "feature": properties.features.append(Feature(child))
            case "book": properties.books.append(Book(child))
            case "environment": properties.environments.append(Environment(child))
            case "description":
                properties.descriptions.append(DeviceDescription(text: child.text, processorName: child["Pname"], line: child.line))
            case "debugport":
                // Access ports may be written inside their debug port.
                for port in child.children {
                    if port.name == "accessportV1" { properties.accessPortsV1.append(AccessPortV1(port).defaultingDebugPort(child["__dp"])) }
                    if port.name == "accessportV2" { properties.accessPortsV2.append(AccessPortV2(port).defaultingDebugPort(child["__dp"])) }
                }
                properties.debugPorts.append(DebugPort(child))
            case "debugvars" where properties.debugVars == nil:
                properties.debugVars = DebugVars(attributes: child.attributeDictionary, text: child.rawText, line: child.line)
            case "sequences": properties.sequenceSets.append(SequenceSet(child))
            case "flashinfo": properties.flashInfos.append(FlashInfo(child))
            case "trace":
                properties.traces.append(Trace(attributes: child.attributeDictionary, parts: child.children, line: child.line))
            case "deprecated" where properties.deprecated == nil: properties.deprecated = child.text
            default:
                if levels.contains(child.name) {
                    nested.append(child)
                } else {
                    properties.otherElements.append(child)
                }
            }
        }
        return (properties, nested)
    }

    // MARK: Boards and parts

    private mutating func decodeBoard(_ element: XMLElement) -> Board? {
        guard let name = element["name"] else {
            log.warning(element.line, "<board> without a name; skipped")
            return nil
        }
        var board = Board(
            name: name, vendor: element["vendor"] ?? "", revision: element["revision"],
            salesContact: element["salesContact"], orderForm: element["orderForm"], uuid: element["uuid"],
            description: nil, mountedDevices: [], compatibleDevices: [], debugInterfaces: [], debugProbe: nil,
            features: [], books: [], image: nil, memories: [], algorithms: [], mountedParts: [],
            otherElements: [], line: element.line)
        for child in element.children {
            guard child.isSchemaElement else {
                board.otherElements.append(child)
                continue
            }
            switch child.name {
            case "description" where board.description == nil: board.description = child.text
            case "mountedDevice": board.mountedDevices.append(BoardDevice(child))
            case "compatibleDevice": board.compatibleDevices.append(BoardDevice(child))
            case "debugInterface": board.debugInterfaces.append(child.attributeDictionary)
            case "debugProbe" where board.debugProbe == nil: board.debugProbe = child.attributeDictionary
            case "feature": board.features.append(Feature(child))
            case "book": board.books.append(Book(child))
            case "image" where board.image == nil: board.image = child.attributeDictionary
            case "memory": board.memories.append(Memory(child))
            case "algorithm": board.algorithms.append(Algorithm(child))
            case "mountedPart": board.mountedParts.append(child.attributeDictionary)
            default: board.otherElements.append(child)
            }
        }
        return board
    }

    private mutating func decodePart(_ element: XMLElement, packVendor: String) -> Part? {
        guard let name = element["Hname"] else {
            log.warning(element.line, "<part> without Hname; skipped")
            return nil
        }
        var part = Part(
            vendor: element["Hvendor"] ?? packVendor, name: name, partClass: element["Hclass"],
            group: element["Hgroup"], subGroup: element["Hsub"], variant: element["Hvariant"],
            revision: element["Hrevision"], description: nil, features: [], books: [], image: nil,
            otherElements: [], line: element.line)
        for child in element.children {
            guard child.isSchemaElement else {
                part.otherElements.append(child)
                continue
            }
            switch child.name {
            case "description" where part.description == nil: part.description = child.text
            case "feature": part.features.append(Feature(child))
            case "book": part.books.append(Book(child))
            case "image" where part.image == nil: part.image = child.attributeDictionary
            default: part.otherElements.append(child)
            }
        }
        return part
    }
}

extension XMLElement {
    var attributeDictionary: [String: String] {
        var result: [String: String] = [:]
        for attribute in attributes { result[attribute.name] = attribute.value }
        return result
    }
}

extension AccessPortV1 {
    func defaultingDebugPort(_ dp: String?) -> Self {
        guard attributes["__dp"] == nil, let dp else { return self }
        var copy = self
        copy.attributes["__dp"] = dp
        return copy
    }
}

extension AccessPortV2 {
    func defaultingDebugPort(_ dp: String?) -> Self {
        guard attributes["__dp"] == nil, let dp else { return self }
        var copy = self
        copy.attributes["__dp"] = dp
        return copy
    }
}

/// A file that is well-formed XML but not a usable pack description.
public struct PackDescriptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

/// What `<package>` holds while it is decoded.
struct DecodedPackage {
    /// `<vendor>`'s text, which parts default to.
    let packVendor: String
    var header: [String: String] = [:]
    var headerElements: [AttributeElement] = []
    var releases: [Release] = []
    var requirements = Requirements()
    var devices: [DeviceFamily] = []
    var boards: [Board] = []
    var parts: [Part] = []
    /// Elements kept as they are: other namespaces, unknown sections and children.
    var other: [XMLElement] = []
    var keywords: ListSection<AttributeElement>?
    var exportControl: ListSection<AttributeElement>?
    var changelogs: ListSection<AttributeElement>?
    var environments: [Environment] = []
    var wrapperCounts: [String: Int] = [:]
    var licenseSets: ListSection<LicenseSet>?
    var generators: ListSection<Generator>?
    var taxonomy: ListSection<AttributeElement>?
    var partTaxonomy: ListSection<AttributeElement>?
    var apis: ListSection<API>?
    var conditions: ConditionSection?
    var examples: ListSection<Example>?
    var csolution: ListSection<DescribedElement>?
    var components: ComponentSection?

    init(packVendor: String) { self.packVendor = packVendor }

    /// The description; without a `<vendor>` or `<name>` there is none.
    func description(schemaVersion: String?, root: XMLElement, source: String) throws(PackDescriptionError) -> PackDescription {
        guard let vendor = header["vendor"], !vendor.isEmpty else {
            throw PackDescriptionError(file: source, line: root.line, reason: "<package> has no <vendor>")
        }
        guard let name = header["name"], !name.isEmpty else {
            throw PackDescriptionError(file: source, line: root.line, reason: "<package> has no <name>")
        }
        return PackDescription(
            schemaVersion: schemaVersion,
            headerElements: headerElements,
            vendor: vendor,
            name: name,
            description: header["description"] ?? "",
            url: header["url"] ?? "",
            license: header["license"],
            supportContact: header["supportContact"],
            exportControl: exportControl,
            licenseSets: licenseSets,
            releases: releases,
            requirements: requirements,
            changelogs: changelogs,
            keywordSection: keywords,
            environments: environments,
            wrapperCounts: wrapperCounts,
            generators: generators,
            devices: devices,
            boards: boards,
            parts: parts,
            taxonomy: taxonomy,
            partTaxonomy: partTaxonomy,
            apis: apis,
            conditions: conditions,
            examples: examples,
            csolution: csolution,
            components: components,
            otherSections: other,
            source: source
        )
    }
}
