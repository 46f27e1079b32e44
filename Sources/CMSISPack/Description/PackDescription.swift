/// A pack description (`.pdsc`): every section of PACK.xsd 1.7, decoded.
/// Elements of other namespaces and elements newer than this model are kept
/// as XML (`otherSections`, and `extensions` inside each section).
///
/// ```swift
/// let pack = try PackDescriptionReader.read(path: "Keil.STM32F4xx_DFP.pdsc").description
/// pack.latestRelease?.version        // "2.17.1"
/// pack.devices.effectiveDevices()    // every device with inherited properties
/// pack.allComponents.map(\.id)       // "Keil::Device:Startup@2.6.3", …
/// ```
public struct PackDescription: Sendable {
    public var schemaVersion: String?
    /// The simple header elements as written: vendor, name, description, url,
    /// license, supportContact, repository, dominate (the typed fields below
    /// read them).
    public var headerElements: [AttributeElement]
    public var vendor: String
    public var name: String
    public var description: String
    public var url: String
    public var license: String?
    public var supportContact: String?
    /// `<ECCN>`: export control classification (ECCN-EU, ECCN-US).
    public var exportControl: ListSection<AttributeElement>?
    public var licenseSets: ListSection<LicenseSet>?
    public var releases: [Release]
    public var requirements: Requirements
    /// `<changelogs><changelog id name type default/>`.
    public var changelogs: ListSection<AttributeElement>?
    public var keywordSection: ListSection<AttributeElement>?
    /// `<environments>` of the package: tool settings that apply to all of it.
    public var environments: [Environment]
    /// How many times each wrapper element without a model of its own
    /// (`releases`, `devices`, `boards`, `parts`, `environments`) appeared.
    var wrapperCounts: [String: Int]
    public var generators: ListSection<Generator>?
    public var devices: [DeviceFamily]
    public var boards: [Board]
    public var parts: [Part]
    /// `<taxonomy><description Cclass Cgroup doc generator>`: what each component class means.
    public var taxonomy: ListSection<AttributeElement>?
    /// `<part-taxonomy><description Hclass Hgroup…>`.
    public var partTaxonomy: ListSection<AttributeElement>?
    public var apis: ListSection<API>?
    public var conditions: ConditionSection?
    public var examples: ListSection<Example>?
    /// `<csolution>`: `<clayer>` and `<template>` entries for CMSIS-Toolbox.
    public var csolution: ListSection<DescribedElement>?
    public var components: ComponentSection?
    /// Elements kept whole: unknown top-level sections, vendor extensions, and
    /// unexpected children of the header sections (releases, requirements…).
    public var otherSections: [XMLElement]
    /// Where this description was read from.
    public var source: String

    public var keywords: [String] { keywordSection?.items.map(\.text) ?? [] }
    /// Every component, bundled or not, in document order.
    public var allComponents: [Component] { components?.all ?? [] }
    public func condition(_ id: String) -> Condition? { conditions?[id] }

    public var family: PackFamily { PackFamily(vendor: vendor, name: name) }

    /// The newest release: the highest version among the `<release>` entries
    /// (the specification asks for newest first; not every file complies).
    public var latestRelease: Release? {
        releases.max { a, b in
            switch (a.semanticVersion, b.semanticVersion) {
            case let (x?, y?): return x < y
            case (nil, _?): return true
            default: return false
            }
        }
    }

    /// The reference of the newest release, when the names are valid.
    public var reference: PackReference? {
        guard let version = latestRelease?.version else { return nil }
        return try? PackReference(vendor: vendor, name: name, version: version)
    }

    /// A replacement pack named by the newest release's `replacement` when it is deprecated.
    public var deprecation: (date: String, replacement: String?)? {
        guard let latest = latestRelease, let date = latest.deprecated else { return nil }
        return (date, latest.replacement)
    }
}

/// `<release>`: one version in the pack's history.
public struct Release: Sendable, Hashable {
    public var version: String
    public var date: String?
    public var deprecated: String?
    public var replacement: String?
    public var url: String?
    public var tag: String?
    public var text: String
    public var line: Int

    public var semanticVersion: SemanticVersion? { SemanticVersion(version) }
}

/// `<requirements>`: packs, compilers and languages this pack needs.
public struct Requirements: Sendable, Hashable {
    public var packages: [PackRequirement] = []
    public var compilers: [NamedRequirement] = []
    public var languages: [NamedRequirement] = []
    /// `<targets><target Dvendor Dname Bvendor Bname…/>`: devices or boards the pack is for.
    public var targets: [AttributeElement] = []
    /// Whether `<requirements>` was present, and the group elements it held.
    var sectionCount = 0
    /// The group wrappers seen: packages, compilers, languages, targets.
    var groupCounts: [String: Int] = [:]

    public var isEmpty: Bool { packages.isEmpty && compilers.isEmpty && languages.isEmpty && targets.isEmpty }
}

/// `<requirements><packages><package vendor name version/>`.
public struct PackRequirement: Sendable, Hashable {
    public var vendor: String
    public var name: String
    /// A version range `min[:max]`, or nil for any version.
    public var version: String?
    public var line: Int
}

/// `<compiler name version/>` or `<language name version/>`.
public struct NamedRequirement: Sendable, Hashable {
    public var name: String
    public var version: String?
    public var line: Int
}

/// `<board>`.
public struct Board: Sendable {
    public var name: String
    public var vendor: String
    public var revision: String?
    public var salesContact: String?
    public var orderForm: String?
    public var uuid: String?
    public var description: String?
    public var mountedDevices: [BoardDevice]
    public var compatibleDevices: [BoardDevice]
    public var debugInterfaces: [[String: String]]
    public var debugProbe: [String: String]?
    public var features: [Feature]
    public var books: [Book]
    public var image: [String: String]?
    public var memories: [Memory]
    public var algorithms: [Algorithm]
    public var mountedParts: [[String: String]]
    public var otherElements: [XMLElement]
    public var line: Int
}

/// `<mountedDevice>` or `<compatibleDevice>` of a board.
public struct BoardDevice: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var deviceIndex: String? { attributes["deviceIndex"] }
    public var vendor: String? { attributes["Dvendor"] }
    /// The device meant: Dvariant when given, else Dname.
    public var name: String? { attributes["Dvariant"] ?? attributes["Dname"] }
    public var family: String? { attributes["Dfamily"] }
    public var subFamily: String? { attributes["DsubFamily"] }
}

/// `/package/parts/part`: a hardware part other than an MCU.
public struct Part: Sendable {
    public var vendor: String
    public var name: String
    public var partClass: String?
    public var group: String?
    public var subGroup: String?
    public var variant: String?
    public var revision: String?
    public var description: String?
    public var features: [Feature]
    public var books: [Book]
    public var image: [String: String]?
    public var otherElements: [XMLElement]
    public var line: Int

    /// The fields that the specification requires to be unique together.
    public var identity: [String?] { [vendor, name, revision, partClass, variant, group, subGroup] }
}
