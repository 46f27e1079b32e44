import CMSISPack
import PackCheck
import Foundation

/// One pack of the catalogue: what the index lists (version, folder,
/// deprecation) and its description.
public struct CataloguePack: Sendable {
    public var entry: PackIndexEntry
    public var description: PackDescription
    /// The `.pack` file of the listed version, when the catalogue has one (a
    /// mirror's copy): device pages then show what its flash algorithms
    /// program and offer them, the SVD files and probe-rs descriptions.
    public var archivePath: String?
    /// The versions whose archives are published beside the index (a
    /// mirror's); the others are listed without a link. Nil: every release
    /// is linked where its publisher keeps it.
    public var heldVersions: Set<String>?
    /// What `index build --verify-archives` found missing at the server
    /// (or could not check), at the line of the release concerned.
    public var archiveFindings: [Finding]

    public init(entry: PackIndexEntry, description: PackDescription, archivePath: String? = nil, heldVersions: Set<String>? = nil,
                archiveFindings: [Finding] = []) {
        self.entry = entry
        self.description = description
        self.archivePath = archivePath
        self.heldVersions = heldVersions
        self.archiveFindings = archiveFindings
    }
}

/// The catalogue's cross references, computed once: page names, which pack
/// a device or board page is drawn from when several define it, and which
/// boards carry each device.
struct CatalogueModel: Sendable {
    struct PackPage: Sendable {
        let pack: CataloguePack
        let slug: String
        /// Its selectable devices (variants where a device has them), in document order.
        let devices: [String]
        let components: [Component]
        let examples: [Example]
        var family: PackFamily { pack.description.family }
        var isDeprecated: Bool { pack.entry.deprecated != nil }
    }

    /// A device or board page: drawn from `pack` (index into `packs`), also defined by `others`.
    struct Defined<Item: Sendable>: Sendable {
        let name: String
        let slug: String
        let item: Item
        let pack: Int
        var others: [Int]
    }

    var packs: [PackPage] = []
    var devices: [Defined<EffectiveDevice>] = []
    var boards: [Defined<Board>] = []
    /// Files to download, by pack (index into `packs`), for packs with an archive and device pages.
    private(set) var downloads: [Int: PackDownloads] = [:]
    private(set) var packByName: [String: Int] = [:]
    private(set) var deviceByName: [String: Int] = [:]
    private(set) var boardByName: [String: Int] = [:]
    /// Lower-cased device (or device family member) name → boards that mount it or are compatible.
    private(set) var boardsByDevice: [String: [Int]] = [:]
    /// Lower-cased board name → (pack, example) pairs that name the board.
    private(set) var examplesByBoard: [String: [(pack: Int, example: Int)]] = [:]

    init(_ input: [CataloguePack]) {
        // Current packs first, so a device several packs define is shown from a current one.
        let sorted = input.sorted { a, b in
            let (x, y) = (a.entry.deprecated != nil, b.entry.deprecated != nil)
            if x != y { return !x }
            return a.description.family.description.lowercased() < b.description.family.description.lowercased()
        }
        var slugs = SlugSet()
        for pack in sorted {
            let family = pack.description.family
            guard packByName[family.lookupKey] == nil else { continue }
            packByName[family.lookupKey] = packs.count
            packs.append(PackPage(pack: pack, slug: slugs.claim(family.description), devices: Self.deviceNames(pack.description.devices),
                                  components: pack.description.allComponents, examples: pack.description.examples?.items ?? []))
        }
        var deviceSlugs = SlugSet()
        var boardSlugs = SlugSet()
        var deviceOwners: [String: Int] = [:]
        var boardOwners: [String: Int] = [:]
        var pendingDevices: [(name: String, pack: Int, others: [Int])] = []
        var pendingBoards: [Defined<Board>] = []
        for (packIndex, page) in packs.enumerated() {
            for name in page.devices {
                let key = name.lowercased()
                if let owner = deviceOwners[key] {
                    if pendingDevices[owner].others.last != packIndex { pendingDevices[owner].others.append(packIndex) }
                    continue
                }
                deviceOwners[key] = pendingDevices.count
                pendingDevices.append((name, packIndex, []))
            }
            for board in page.pack.description.boards {
                let key = board.name.lowercased()
                if let owner = boardOwners[key] {
                    if pendingBoards[owner].others.last != packIndex { pendingBoards[owner].others.append(packIndex) }
                    continue
                }
                boardOwners[key] = pendingBoards.count
                pendingBoards.append(Defined(name: board.name, slug: "", item: board, pack: packIndex, others: []))
            }
            for (exampleIndex, example) in page.examples.enumerated() {
                for board in example.boards {
                    guard let name = board.attributes["name"]?.lowercased() else { continue }
                    examplesByBoard[name, default: []].append((packIndex, exampleIndex))
                }
            }
        }
        // Names sorted before slugs are claimed, so a page keeps its file name from run to run.
        // Inheritance is resolved only for packs whose devices get pages: with
        // many packs defining the same devices, most packs own none.
        let owners = Array(Set(pendingDevices.map(\.pack))).sorted()
        let effective = Self.effectiveDevices(owners.map { packs[$0].pack.description })
        var resolved: [Int: [String: EffectiveDevice]] = [:]
        for (owner, devices) in zip(owners, effective) {
            resolved[owner] = Dictionary(devices.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        }
        pendingDevices.sort { $0.name.lowercased() < $1.name.lowercased() }
        for pending in pendingDevices {
            guard let device = resolved[pending.pack]?[pending.name.lowercased()] else { continue }
            deviceByName[pending.name.lowercased()] = devices.count
            devices.append(Defined(name: pending.name, slug: deviceSlugs.claim(pending.name), item: device,
                                   pack: pending.pack, others: pending.others))
        }
        let withArchives = owners.filter { packs[$0].pack.archivePath != nil }
        // Each pack's algorithms are parsed once, here; packs in parallel, each with its own archive.
        let read = withArchives.map { (packs[$0], resolved[$0].map { Array($0.values) } ?? []) }.concurrentMap { PackDownloads.read($0.0, devices: $0.1) }
        for (owner, files) in zip(withArchives, read) { downloads[owner] = files }
        pendingBoards.sort { $0.name.lowercased() < $1.name.lowercased() }
        for pending in pendingBoards {
            boardByName[pending.name.lowercased()] = boards.count
            boards.append(Defined(name: pending.name, slug: boardSlugs.claim(pending.name), item: pending.item,
                                  pack: pending.pack, others: pending.others))
            for device in pending.item.mountedDevices + pending.item.compatibleDevices {
                guard let name = device.name?.lowercased() else { continue }
                if boardsByDevice[name]?.last != boards.count - 1 { boardsByDevice[name, default: []].append(boards.count - 1) }
            }
        }
    }

    /// A pack by `Vendor.Name` or `Vendor::Name`, ignoring case.
    /// The names `effectiveDevices()` gives, without resolving inheritance.
    static func deviceNames(_ families: [DeviceFamily]) -> [String] {
        var named: [(line: Int, name: String)] = []
        for family in families {
            for device in family.devices + family.subFamilies.flatMap(\.devices) {
                if device.variants.isEmpty { named.append((device.line, device.name)) } else { named += device.variants.map { ($0.line, $0.name) } }
            }
        }
        return named.sorted { $0.line < $1.line }.map(\.name)
    }

    /// `effectiveDevices()` of several packs, in parallel.
    static func effectiveDevices(_ descriptions: [PackDescription]) -> [[EffectiveDevice]] {
        descriptions.concurrentMap { $0.devices.effectiveDevices() }
    }

    func pack(named name: String) -> PackPage? {
        PackFamily(lenient: name).flatMap { packByName[$0.lookupKey] }.map { packs[$0] }
    }
    func device(named name: String) -> Defined<EffectiveDevice>? { deviceByName[name.lowercased()].map { devices[$0] } }
    func board(named name: String) -> Defined<Board>? { boardByName[name.lowercased()].map { boards[$0] } }

    /// Boards that carry a device: by its own name, or the device it is a variant of.
    func boards(carrying device: EffectiveDevice) -> [Defined<Board>] {
        var indexes = boardsByDevice[device.name.lowercased()] ?? []
        if let parent = device.variantOf?.lowercased() { indexes += boardsByDevice[parent] ?? [] }
        var seen = Set<Int>()
        return indexes.filter { seen.insert($0).inserted }.map { boards[$0] }
    }

    func examples(on board: String) -> [(pack: PackPage, example: Example)] {
        (examplesByBoard[board.lowercased()] ?? []).map { (packs[$0.pack], packs[$0.pack].examples[$0.example]) }
    }
}

/// Page file names: safe characters only, unique without regard to case
/// (a site may be copied to a case-insensitive disk), and stable: a name
/// that had to change gets a hash of the original, not a counter.
struct SlugSet {
    private var taken = Set<String>()

    mutating func claim(_ name: String) -> String {
        var slug = HTMLText.slug(name)
        if slug != name || taken.contains(slug.lowercased()) {
            slug += "-" + StableHash.hex32(name)
        }
        while taken.contains(slug.lowercased()) { slug += "_" }
        taken.insert(slug.lowercased())
        return slug
    }
}
