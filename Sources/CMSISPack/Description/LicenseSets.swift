/// `<licenseSet>`: the licence files that apply to parts of a pack.
public struct LicenseSet: Sendable {
    public var attributes: [String: String]
    /// `<license name title spdx version/>`.
    public var licenses: [AttributeElement]
    public var extensions: [XMLElement]
    public var line: Int

    public var id: String { attributes["id"] ?? "" }
    public var isDefault: Bool { SpecBool.parse(attributes["default"]) ?? false }
    public var isGating: Bool { SpecBool.parse(attributes["gating"]) ?? false }

    init(_ element: XMLElement, log: inout DiagnosticLog) {
        var reader = ChildReader(element)
        let licenses = reader.collect("license", make: AttributeElement.init)
        log.warnUnknown(reader.unclaimed, in: "licenseSet")
        attributes = element.attributeDictionary
        self.licenses = licenses
        extensions = reader.unclaimed
        line = element.line
    }
}

extension LicenseSet: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["licenseSet", default: 0] += 1
        licenses.countElements(into: &counts)
        extensions.countElements(into: &counts)
    }
}

/// An element with a `<description>` child and attributes
/// (`<template>` of `<csolution>`; `<clayer>` carries text instead).
public struct DescribedElement: Sendable, ElementCounting {
    public var element: AttributeElement
    public var description: String?
    public var extensions: [XMLElement]

    init(_ xml: XMLElement, log: inout DiagnosticLog) {
        var description: String?
        var reader = ChildReader(xml)
        reader.read { child in
            guard child.name == "description" else { return false }
            description = child.text
            return true
        }
        log.warnUnknown(reader.unclaimed, in: xml.name)
        element = AttributeElement(name: xml.name, attributes: xml.attributeDictionary,
                                   text: xml.children.isEmpty ? xml.text : "", line: xml.line)
        self.description = description
        extensions = reader.unclaimed
    }

    public func countElements(into counts: inout [String: Int]) {
        element.countElements(into: &counts)
        if description != nil { counts["description", default: 0] += 1 }
        extensions.countElements(into: &counts)
    }
}
