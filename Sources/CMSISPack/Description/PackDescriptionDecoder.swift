/// Turns the XML tree of a `.pdsc` into a `PackDescription`.
struct PackDescriptionDecoder {
    private var log: DiagnosticLog

    init(source: String) {
        log = DiagnosticLog(file: source)
    }

    var diagnostics: [Diagnostic] { log.entries }

    mutating func decode(_ root: XMLElement, source: String) throws(PackDescriptionError) -> PackDescription {
        guard root.name == "package" else {
            throw PackDescriptionError(file: source, line: root.line, reason: "the root element is <\(root.name)>, not <package>: this is not a pack description")
        }
        var header: [String: String] = [:]
        var releases: [Release] = []
        var requirements = Requirements()
        var keywords: [String] = []
        var devices: [DeviceFamily] = []
        var boards: [Board] = []
        var parts: [Part] = []
        var other: [XMLElement] = []
        var vendorLine = root.line

        for element in root.children {
            switch element.name {
            case "vendor", "name", "description", "url", "license", "supportContact":
                header[element.name] = element.text
                if element.name == "vendor" { vendorLine = element.line }
            case "releases":
                releases = element.children("release").map(decodeRelease)
            case "requirements":
                requirements = decodeRequirements(element)
            case "keywords":
                keywords = element.children("keyword").map(\.text)
            case "devices":
                for family in element.children {
                    if family.name == "family" {
                        if let decoded = decodeFamily(family) { devices.append(decoded) }
                    } else {
                        log.warning(family.line, "<\(family.name)> inside <devices> is not a <family>; skipped")
                    }
                }
            case "boards":
                for board in element.children("board") {
                    if let decoded = decodeBoard(board) { boards.append(decoded) }
                }
            case "parts":
                for part in element.children("part") {
                    if let decoded = decodePart(part, packVendor: header["vendor"] ?? "") { parts.append(decoded) }
                }
            default:
                other.append(element)
            }
        }

        guard let vendor = header["vendor"], !vendor.isEmpty else {
            throw PackDescriptionError(file: source, line: root.line, reason: "<package> has no <vendor>")
        }
        guard let name = header["name"], !name.isEmpty else {
            throw PackDescriptionError(file: source, line: root.line, reason: "<package> has no <name>")
        }
        if (try? PackNaming.validateIdentifier(vendor, role: "vendor")) == nil {
            log.warning(vendorLine, "vendor '\(vendor)' holds characters other than letters, digits, '-' and '_'")
        }
        if releases.isEmpty {
            log.warning(root.line, "no <release> entries: the pack has no version")
        }
        for release in releases where release.semanticVersion == nil {
            log.warning(release.line, "release version '\(release.version)' is not a version")
        }
        for release in releases {
            if let version = release.semanticVersion, let problem = version.problem {
                log.warning(release.line, "release version \(problem)")
            }
        }
        // Parts: the specification requires vendor, name, revision, class,
        // variant, group and sub-group to be unique together.
        var seenParts: [[String?]: Int] = [:]
        for part in parts {
            if let first = seenParts[part.identity] {
                log.warning(part.line, "part '\(part.name)' repeats the identity of the part on line \(first) (Hvendor, Hname, Hrevision, Hclass, Hvariant, Hgroup and Hsub must be unique together)")
            } else {
                seenParts[part.identity] = part.line
            }
        }

        return PackDescription(
            schemaVersion: root["schemaVersion"],
            vendor: vendor,
            name: name,
            description: header["description"] ?? "",
            url: header["url"] ?? "",
            license: header["license"],
            supportContact: header["supportContact"],
            releases: releases,
            requirements: requirements,
            keywords: keywords,
            devices: devices,
            boards: boards,
            parts: parts,
            otherSections: other,
            source: source
        )
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

    private mutating func decodeRequirements(_ element: XMLElement) -> Requirements {
        var result = Requirements()
        for group in element.children {
            for item in group.children {
                switch (group.name, item.name) {
                case ("packages", "package"):
                    guard let vendor = item["vendor"], let name = item["name"] else {
                        log.warning(item.line, "<package> requirement without vendor or name; skipped")
                        continue
                    }
                    result.packages.append(PackRequirement(vendor: vendor, name: name, version: item["version"], line: item.line))
                case ("compilers", "compiler"):
                    result.compilers.append(NamedRequirement(name: item["name"] ?? "", version: item["version"], line: item.line))
                case ("languages", "language"):
                    result.languages.append(NamedRequirement(name: item["name"] ?? "", version: item["version"], line: item.line))
                default:
                    log.warning(item.line, "<\(item.name)> is not expected inside <requirements><\(group.name)>")
                }
            }
        }
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
            switch child.name {
            case "processor": properties.processors.append(Processor(child))
            case "memory": properties.memories.append(Memory(child))
            case "algorithm": properties.algorithms.append(Algorithm(child))
            case "debug": properties.debugs.append(Debug(child))
            case "accessportV1": properties.accessPortsV1.append(AccessPortV1(child))
            case "accessportV2": properties.accessPortsV2.append(AccessPortV2(child))
            case "compile": properties.compiles.append(Compile(child))
            case "debugconfig": properties.debugConfig = DebugConfig(child)
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
                properties.otherElements.append(child)
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
            switch child.name {
            case "description": board.description = child.text
            case "mountedDevice": board.mountedDevices.append(BoardDevice(child))
            case "compatibleDevice": board.compatibleDevices.append(BoardDevice(child))
            case "debugInterface": board.debugInterfaces.append(child.attributeDictionary)
            case "debugProbe": board.debugProbe = child.attributeDictionary
            case "feature": board.features.append(Feature(child))
            case "book": board.books.append(Book(child))
            case "image": board.image = child.attributeDictionary
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
            switch child.name {
            case "description": part.description = child.text
            case "feature": part.features.append(Feature(child))
            case "book": part.books.append(Book(child))
            case "image": part.image = child.attributeDictionary
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
