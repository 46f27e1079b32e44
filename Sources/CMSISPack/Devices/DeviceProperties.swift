/// Everything one level of the device tree (family, subFamily, device or
/// variant) says about its devices.
public struct DeviceProperties: Sendable {
    public var processors: [Processor] = []
    public var memories: [Memory] = []
    public var algorithms: [Algorithm] = []
    public var debugs: [Debug] = []
    public var accessPortsV1: [AccessPortV1] = []
    public var accessPortsV2: [AccessPortV2] = []
    public var compiles: [Compile] = []
    public var debugConfig: DebugConfig?
    public var features: [Feature] = []
    public var books: [Book] = []
    public var descriptions: [DeviceDescription] = []
    /// Tool settings; a lower level's environment of the same name replaces the one above.
    public var environments: [Environment] = []
    /// The debug description: ports, variables, sequences, flash and trace information.
    public var debugPorts: [DebugPort] = []
    public var debugVars: DebugVars?
    public var sequenceSets: [SequenceSet] = []
    public var flashInfos: [FlashInfo] = []
    public var traces: [Trace] = []
    /// `<deprecated>`: the date this level was deprecated.
    public var deprecated: String?
    /// Elements this model does not know (vendor extensions, newer schema
    /// elements), kept as they are.
    public var otherElements: [XMLElement] = []

    /// The effective debug sequences: the lowest level's definition of each
    /// name (per core) wins.
    public var sequences: [DebugSequence] {
        var seen = Set<String>()
        var result: [DebugSequence] = []
        for sequence in sequenceSets.reversed().flatMap({ $0.sequences.reversed() }) {
            if seen.insert("\(sequence.name)|\(sequence.processorName ?? "")").inserted { result.append(sequence) }
        }
        return result.reversed()
    }

    public init() {}

    /// The effective properties of a child level: the specification's
    /// inheritance, where `self` is the lower level and `parent` the merged
    /// properties above it.
    ///
    /// - Unique properties (processor per Pname, memory per name, debug per
    ///   Pname/Punit, access port per __apid, compile per Pname, debugconfig)
    ///   merge attributes: the lower level overrides what it redefines.
    /// - Algorithms are unique per core, file name and start address.
    /// - Descriptions, features and books accumulate, parent first.
    public func inheriting(from parent: DeviceProperties) -> DeviceProperties {
        var result = DeviceProperties()
        result.processors = Self.mergeProcessors(parent.processors, processors)
        result.memories = Self.mergeMemories(parent.memories, memories)
        // Lower level first, as the reference lists them.
        result.algorithms = Self.merge(parent.algorithms, algorithms, childFirst: true) {
            "\($0.processorName ?? "")|\($0.fileName ?? "")@\($0.start.map(String.init) ?? "")"
        }
        result.debugs = Self.mergeDebugs(parent.debugs, debugs)
        result.accessPortsV1 = Self.merge(parent.accessPortsV1, accessPortsV1) { $0.id.map(String.init) ?? "" }
        result.accessPortsV2 = Self.merge(parent.accessPortsV2, accessPortsV2) { $0.id.map(String.init) ?? "" }
        result.compiles = Self.merge(parent.compiles, compiles) { $0.processorName ?? "" }
        switch (parent.debugConfig, debugConfig) {
        case let (above?, here?): result.debugConfig = here.inheriting(from: above)
        case let (above, here): result.debugConfig = here ?? above
        }
        result.features = parent.features + features
        result.books = parent.books + books
        result.descriptions = parent.descriptions + descriptions
        result.environments = Self.replacing(parent.environments, with: environments, key: \.name)
        result.debugPorts = Self.replacing(parent.debugPorts, with: debugPorts, key: \.id)
        result.debugVars = debugVars ?? parent.debugVars
        result.sequenceSets = parent.sequenceSets + sequenceSets
        result.flashInfos = Self.replacing(parent.flashInfos, with: flashInfos) { $0.attributes["Pname"] ?? "" }
        result.traces = Self.replacing(parent.traces, with: traces) { $0.attributes["Pname"] ?? "" }
        result.deprecated = deprecated ?? parent.deprecated
        result.otherElements = parent.otherElements + otherElements
        return result
    }

    /// Parent entries first (in their order), each merged with a redefinition
    /// from the lower level; then the lower level's new entries. With
    /// `childFirst`, the lower level's entries come first, then the parent's
    /// entries it does not redefine.
    /// The parent's entries that the child does not redefine (same key), then the child's.
    static func replacing<T, Key: Hashable>(_ parent: [T], with child: [T], key: (T) -> Key) -> [T] {
        let redefined = Set(child.map(key))
        return parent.filter { !redefined.contains(key($0)) } + child
    }

    static func merge<P: DeviceProperty>(_ parent: [P], _ child: [P], childFirst: Bool = false, key: (P) -> String) -> [P] {
        if child.isEmpty { return parent }
        if parent.isEmpty { return child }
        var childByKey: [String: P] = [:]
        for item in child { childByKey[key(item)] = childByKey[key(item)].map { item.inheriting(from: $0) } ?? item }
        if childFirst {
            var parentByKey: [String: P] = [:]
            for item in parent where parentByKey[key(item)] == nil { parentByKey[key(item)] = item }
            var result: [P] = []
            var used = Set<String>()
            for item in child where used.insert(key(item)).inserted {
                let merged = childByKey[key(item)]!
                result.append(parentByKey[key(item)].map { merged.inheriting(from: $0) } ?? merged)
            }
            for item in parent where used.insert(key(item)).inserted { result.append(item) }
            return result
        }
        var result: [P] = []
        result.reserveCapacity(parent.count + child.count)
        var used = Set<String>()
        for item in parent {
            let itemKey = key(item)
            if let redefined = childByKey[itemKey] {
                if used.insert(itemKey).inserted { result.append(redefined.inheriting(from: item)) }
            } else {
                result.append(item)
            }
        }
        for item in child where !used.contains(key(item)) {
            let itemKey = key(item)
            if used.insert(itemKey).inserted { result.append(childByKey[itemKey]!) }
        }
        return result
    }

    /// A memory redefines one above it with the same `id` or the same `name`
    /// (files mix the deprecated id and the newer name for one region).
    static func mergeMemories(_ parent: [Memory], _ child: [Memory]) -> [Memory] {
        if child.isEmpty { return parent }
        if parent.isEmpty { return child }
        var result = parent
        for memory in child {
            let match = result.firstIndex { above in
                (memory.id != nil && memory.id == above.id) || (memory.attributes["name"] != nil && memory.attributes["name"] == above.attributes["name"])
                    || (memory.id == nil && memory.attributes["name"] == nil && above.id == nil && above.attributes["name"] == nil)
            }
            if let match {
                result[match] = memory.inheriting(from: result[match])
            } else {
                result.append(memory)
            }
        }
        return result
    }

    /// Debug settings merge per Pname and Punit; a core-specific `<debug>`
    /// below an unnamed one (which applies to every core) inherits from it.
    static func mergeDebugs(_ parent: [Debug], _ child: [Debug]) -> [Debug] {
        if child.isEmpty { return parent }
        if parent.isEmpty { return child }
        let unnamedAbove = parent.first { $0.processorName == nil && $0.unit == nil }
        let completed = child.map { debug -> Debug in
            let sameKey = parent.contains { $0.processorName == debug.processorName && $0.unit == debug.unit }
            if !sameKey, debug.processorName != nil, let unnamedAbove { return debug.inheriting(from: unnamedAbove) }
            return debug
        }
        return merge(parent, completed) { "\($0.processorName ?? "")#\($0.unit.map(String.init) ?? "")" }
    }

    /// Processors merge per Pname. A lone unnamed processor above named ones
    /// supplies their defaults (a family often states the core once and the
    /// devices name it).
    static func mergeProcessors(_ parent: [Processor], _ child: [Processor]) -> [Processor] {
        if child.isEmpty { return parent }
        if parent.isEmpty { return child }
        if parent.count == 1, parent[0].name == nil, child.allSatisfy({ $0.name != nil }) {
            return child.map { $0.inheriting(from: parent[0]) }
        }
        if child.count == 1, child[0].name == nil, parent.allSatisfy({ $0.name != nil }) {
            return parent.map { child[0].inheriting(from: $0).withName($0.name) }
        }
        return merge(parent, child) { $0.name ?? "" }
    }
}

extension Processor {
    func withName(_ name: String?) -> Processor {
        var copy = self
        copy.attributes["Pname"] = name
        return copy
    }
}

/// `<description>` of a device level, optionally for one core.
public struct DeviceDescription: Sendable, Hashable {
    public let text: String
    public let processorName: String?
    public let line: Int
}
