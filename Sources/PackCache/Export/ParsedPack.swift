import CMSISPack

/// What the exports and the catalogue make descriptions from, read once per
/// pack: its name and release, `index.json`'s view of its devices (cores
/// with their access ports resolved) and its flash algorithms, parsed.
/// Making a description from it reads no file, so the catalogue can make
/// one per device, in parallel, without parsing an `.FLM` file twice.
///
/// ```swift
/// let parsed = pack.parsed(devices: pack.devices)
/// let built = ProbeRSTarget.build(parsed, devices: pack.devices)
/// ```
public struct ParsedPack: Sendable {
    public var vendor: String
    public var name: String
    public var release: String?
    /// Each device's index entry, by device name.
    public var entries: [String: DeviceIndexEntry]
    /// Each algorithm file the devices name (as the description writes it, '/' separators), parsed.
    public var algorithms: [String: Result<FlashAlgorithm, FlashAlgorithmError>]

    /// `Vendor::Name@release`.
    public var label: String { "\(vendor)::\(name)@\(release ?? "")" }
}

extension OpenedPack {
    /// Reads the algorithm files `devices` name (each once) and resolves their cores.
    public func parsed(devices: [EffectiveDevice]) -> ParsedPack {
        var algorithms: [String: Result<FlashAlgorithm, FlashAlgorithmError>] = [:]
        for file in devices.flatMap({ $0.properties.algorithms.compactMap(\.fileName) }) where algorithms[file] == nil {
            algorithms[file] = Result(catching: { () throws(FlashAlgorithmError) -> FlashAlgorithm in try flashAlgorithm(file) })
        }
        let wanted = Set(devices.map(\.name))
        let entries = DeviceIndexBuilder.build(description).devices.filter { wanted.contains($0.name) }
        return ParsedPack(vendor: description.vendor, name: description.name, release: description.latestRelease?.version,
                          entries: Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }),
                          algorithms: algorithms)
    }
}
