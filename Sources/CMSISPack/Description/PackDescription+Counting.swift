// Element accounting: each model reports the PDSC elements it holds, so a
// test can compare them with the elements of the file and prove that
// decoding dropped nothing.

extension PackDescription: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["package", default: 0] += 1
        headerElements.countElements(into: &counts)
        for (wrapper, count) in wrapperCounts { counts[wrapper, default: 0] += count }
        counts["release", default: 0] += releases.count
        requirements.countElements(into: &counts)
        for section in [exportControl, changelogs, keywordSection, taxonomy, partTaxonomy] {
            section.countElements(into: &counts)
        }
        for environment in environments { environment.element.countElements(into: &counts) }
        licenseSets.countElements(into: &counts)
        generators.countElements(into: &counts)
        devices.countElements(into: &counts)
        boards.countElements(into: &counts)
        parts.countElements(into: &counts)
        apis.countElements(into: &counts)
        conditions.countElements(into: &counts)
        examples.countElements(into: &counts)
        csolution.countElements(into: &counts)
        components.countElements(into: &counts)
        otherSections.countElements(into: &counts)
    }

    /// The element counts of the model, by qualified name.
    public var elementCounts: [String: Int] {
        var counts: [String: Int] = [:]
        countElements(into: &counts)
        return counts.filter { $0.value != 0 }
    }
}

extension Requirements: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        guard sectionCount > 0 else { return }
        counts["requirements", default: 0] += sectionCount
        for (group, count) in groupCounts { counts[group, default: 0] += count }
        counts["package", default: 0] += packages.count
        counts["compiler", default: 0] += compilers.count
        counts["language", default: 0] += languages.count
        counts["target", default: 0] += targets.count
    }
}

extension DeviceFamily: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["family", default: 0] += 1
        properties.countElements(into: &counts)
        subFamilies.countElements(into: &counts)
        devices.countElements(into: &counts)
    }
}

extension DeviceSubFamily: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["subFamily", default: 0] += 1
        properties.countElements(into: &counts)
        devices.countElements(into: &counts)
    }
}

extension DeviceDefinition: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["device", default: 0] += 1
        properties.countElements(into: &counts)
        variants.countElements(into: &counts)
    }
}

extension DeviceVariant: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["variant", default: 0] += 1
        properties.countElements(into: &counts)
    }
}

extension DeviceProperties: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["processor", default: 0] += processors.count
        counts["memory", default: 0] += memories.count
        counts["algorithm", default: 0] += algorithms.count
        counts["debug", default: 0] += debugs.count
        counts["datapatch", default: 0] += debugs.reduce(0) { $0 + $1.dataPatches.count }
        counts["accessportV1", default: 0] += accessPortsV1.count
        counts["accessportV2", default: 0] += accessPortsV2.count
        counts["compile", default: 0] += compiles.count
        if debugConfig != nil { counts["debugconfig", default: 0] += 1 }
        counts["feature", default: 0] += features.count
        counts["book", default: 0] += books.count
        counts["description", default: 0] += descriptions.count
        for environment in environments { environment.element.countElements(into: &counts) }
        debugPorts.countElements(into: &counts)
        debugVars.countElements(into: &counts)
        sequenceSets.countElements(into: &counts)
        flashInfos.countElements(into: &counts)
        traces.countElements(into: &counts)
        if deprecated != nil { counts["deprecated", default: 0] += 1 }
        otherElements.countElements(into: &counts)
    }
}

extension Board: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["board", default: 0] += 1
        if description != nil { counts["description", default: 0] += 1 }
        counts["mountedDevice", default: 0] += mountedDevices.count
        counts["compatibleDevice", default: 0] += compatibleDevices.count
        counts["debugInterface", default: 0] += debugInterfaces.count
        if debugProbe != nil { counts["debugProbe", default: 0] += 1 }
        counts["feature", default: 0] += features.count
        counts["book", default: 0] += books.count
        if image != nil { counts["image", default: 0] += 1 }
        counts["memory", default: 0] += memories.count
        counts["algorithm", default: 0] += algorithms.count
        counts["mountedPart", default: 0] += mountedParts.count
        otherElements.countElements(into: &counts)
    }
}

extension Part: ElementCounting {
    public func countElements(into counts: inout [String: Int]) {
        counts["part", default: 0] += 1
        if description != nil { counts["description", default: 0] += 1 }
        counts["feature", default: 0] += features.count
        counts["book", default: 0] += books.count
        if image != nil { counts["image", default: 0] += 1 }
        otherElements.countElements(into: &counts)
    }
}
