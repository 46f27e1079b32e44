import CMSISPack
import Foundation

extension CatalogueRenderer {
    // MARK: Device pages

    /// The device's page, and its probe-rs description when the site has its pack's archive.
    func devicePages(_ defined: CatalogueModel.Defined<EffectiveDevice>) -> [Rendered] {
        let target = probeRSTarget(defined)
        return [devicePage(defined, probeRS: target?.path)] + (target.map { [$0] } ?? [])
    }

    func devicePage(_ defined: CatalogueModel.Defined<EffectiveDevice>, probeRS target: String?) -> Rendered {
        let device = defined.item
        let properties = device.properties
        let pack = model.packs[defined.pack]
        let downloads = model.downloads[defined.pack]
        var out = CataloguePage(path: "devices/\(defined.slug).html")
        out.add("<h1>\(HTMLText.text(device.name))</h1>\n")
        if let deprecated = properties.deprecated, SpecBool.parse(deprecated) ?? true {
            out.add("<p class=\"warning\">This device is marked deprecated by its pack.</p>\n")
        }
        out.add(properties.descriptions.map { CataloguePage.prose($0.text) }.joined())
        out.add(CataloguePage.facts([
            ("Vendor", deviceVendorLink(device.vendor)),
            ("Family", HTMLText.text([device.family, device.subFamily].compactMap { $0 }.joined(separator: " / "))),
            ("Variant of", device.variantOf.map(HTMLText.text) ?? ""),
            ("Pack", packLink(pack) + " " + HTMLText.text(pack.pack.entry.reference.version)),
            ("Also in", defined.others.prefix(20).map { packLink(model.packs[$0]) }.joined(separator: ", ")
                + (defined.others.count > 20 ? " and \(defined.others.count - 20) more" : "")),
        ]))
        out.add(CataloguePage.section("Processor", processors(properties)))
        let features = properties.features.map { feature -> String in
            let (label, detail) = FeatureText.describe(feature)
            return "<span class=\"feature\">\(HTMLText.text(label))</span>" + (detail.isEmpty ? "" : ": " + HTMLText.text(detail))
        }
        out.add(CataloguePage.section("Features", CataloguePage.list(features)))
        out.add(CataloguePage.section("Memory", id: "memory", memories(properties.memories)))
        out.add(CataloguePage.section("Flash algorithms", id: "flash", algorithms(properties.algorithms, downloads: downloads)))
        out.add(CataloguePage.section("Debug", id: "debug", debug(properties, pack: pack, downloads: downloads)))
        if let target {
            out.add(CataloguePage.section("Use with a debugger", id: "debugger", CataloguePage.facts([
                ("probe-rs", "<a href=\"../\(target)\" download>\(HTMLText.text((target as NSString).lastPathComponent))</a> "
                    + "(<code>probe-rs run --chip-description-path \(HTMLText.text((target as NSString).lastPathComponent)) --chip \(HTMLText.text(device.name))</code>)"),
            ])))
        }
        let books = properties.books.map { book in HTMLText.anchor(book.name, label: book.title ?? book.name ?? "") }
        out.add(CataloguePage.section("Documents", CataloguePage.list(books)))
        let boards = model.boards(carrying: device).map { "<a href=\"../boards/\($0.slug).html\">\(HTMLText.text($0.name))</a>" }
        out.add(CataloguePage.section("Boards", id: "boards", boards.isEmpty ? "<p>No board in the catalogue carries it.</p>\n" : CataloguePage.list(boards)))
        return (out.path, out.html(title: device.name, siteName: siteName))
    }

    private func processors(_ properties: DeviceProperties) -> String {
        let rows = properties.processors.map { processor -> [String] in
            let clock = processor.clock.map { $0 % 1_000_000 == 0 ? "\($0 / 1_000_000) MHz" : "\($0) Hz" } ?? ""
            return [processor.name, processor.core, Self.shown(processor.fpu, fpu: true), Self.shown(processor.mpu), Self.shown(processor.dsp),
                    Self.shown(processor.trustZone), Self.shown(processor.mve), processor.endian, clock].map { HTMLText.text($0 ?? "") }
        }
        return CataloguePage.table(["Name", "Core", "FPU", "MPU", "DSP", "TrustZone", "MVE", "Endian", "Clock"], rows)
    }

    /// The schema's values for a core's units, in words: Dfpu "1" or "SP_FPU" is
    /// "single precision", "DP_FPU" "double precision"; "0"/"NO_…" is "no", "1" or the unit's name "yes".
    static func shown(_ value: String?, fpu: Bool = false) -> String? {
        guard let value else { return nil }
        switch value.uppercased() {
        case "0", "NO_FPU", "NO_MPU", "NO_DSP", "NO_TZ", "NO_MVE", "NO_PACBTI": return "no"
        case "1", "FPU", "SP_FPU": return fpu ? "single precision" : "yes"
        case "DP_FPU": return "double precision"
        case "MPU", "DSP", "TZ": return "yes"
        case "MVE": return "integer"
        case "FP_MVE": return "integer and floating point"
        default: return value
        }
    }

    func memories(_ memories: [Memory]) -> String {
        let rows = memories.map { memory -> [String] in
            let access = memory.access
            let rights = [(access.read, "r"), (access.write, "w"), (access.execute, "x"), (access.peripheral, "p"),
                          (access.secure, "s"), (access.nonSecure, "n"), (access.nonSecureCallable, "c")]
                .filter(\.0).map(\.1).joined()
            var flags: [String] = []
            if memory.isStartup { flags.append("startup") }
            if memory.isDefault { flags.append("default") }
            if let alias = memory.alias { flags.append("alias of \(alias)") }
            return [HTMLText.text(memory.name ?? ""), "<code>\(CataloguePage.hex(memory.start))</code>", CataloguePage.size(memory.size),
                    HTMLText.text(rights), HTMLText.text(flags.joined(separator: ", ")), HTMLText.text(memory.processorName ?? "")]
        }
        return CataloguePage.table(["Name", "Start", "Size", "Access", "Use", "Processor"], rows)
    }

    /// The algorithms as the description declares them; with the pack's
    /// archive at hand, what each file programs (range, sector sizes, page
    /// size) and a link to the file.
    func algorithms(_ algorithms: [Algorithm], downloads: PackDownloads? = nil) -> String {
        guard let downloads else {
            let rows = algorithms.map { algorithm -> [String] in
                [fileCell(algorithm.fileName, downloads: nil), "<code>\(CataloguePage.hex(algorithm.start))</code>",
                 CataloguePage.size(algorithm.size), ram(algorithm), algorithm.isDefault ? "yes" : "", HTMLText.text(algorithm.style)]
            }
            return CataloguePage.table(["File", "Start", "Size", "RAM", "Default", "Style"], rows)
        }
        let rows = algorithms.map { algorithm -> [String] in
            let parsed = algorithm.fileName.flatMap { downloads.parsed.algorithms[$0] }
            var range = "<code>\(CataloguePage.hex(algorithm.start))</code> \(CataloguePage.size(algorithm.size))"
            var sectors = "", page = ""
            switch parsed {
            case .success(let flash)?:
                let device = flash.device
                range = "<code>\(CataloguePage.hex(UInt64(device.start)))–\(CataloguePage.hex(device.end))</code> \(CataloguePage.size(UInt64(device.size)))"
                sectors = HTMLText.text(device.sectorRanges.map { "\($0.count) × \(CataloguePage.size(UInt64($0.sectorSize)))" }.joined(separator: ", "))
                page = HTMLText.text(CataloguePage.size(UInt64(device.pageSize)))
                if !device.name.isEmpty { range += "<br><span class=\"notes\">\(HTMLText.text(device.name))</span>" }
            case .failure(let error)?:
                sectors = "<span class=\"warning\">cannot be read: \(HTMLText.text(error.reason))</span>"
            case nil:
                break
            }
            return [fileCell(algorithm.fileName, downloads: downloads), range, sectors,
                    page, ram(algorithm), algorithm.isDefault ? "yes" : ""]
        }
        return CataloguePage.table(["File", "Programs", "Sectors", "Page", "RAM", "Default"], rows)
    }

    private func ram(_ algorithm: Algorithm) -> String {
        algorithm.ramStart.map { "<code>\(CataloguePage.hex($0))</code> \(CataloguePage.size(algorithm.ramSize))" } ?? ""
    }

    /// A file of the pack: a link to its copy when the site has one.
    private func fileCell(_ member: String?, downloads: PackDownloads?) -> String {
        let name = "<code class=\"algorithm\">\(HTMLText.text(member ?? ""))</code>"
        guard let member, let path = downloads?.sitePaths[member] else { return name }
        return "<a href=\"../\(path)\" download>\(name)</a>"
    }

    /// A device's probe-rs target description, when the site has its pack's archive.
    func probeRSTarget(_ defined: CatalogueModel.Defined<EffectiveDevice>) -> Rendered? {
        guard let downloads = model.downloads[defined.pack] else { return nil }
        let built = ProbeRSTarget.build(downloads.parsed, devices: [defined.item])
        guard !built.target.variants.isEmpty else { return nil }
        return (PackDownloads.targetPath(device: defined.slug), built.target.yaml)
    }

    private func debug(_ properties: DeviceProperties, pack: CatalogueModel.PackPage, downloads: PackDownloads?) -> String {
        var pairs: [(String, String)] = []
        var seen = Set<String>()
        let svds = properties.debugs.compactMap(\.svd).map(PackDownloads.member(svd:)).filter { seen.insert($0).inserted }
        pairs.append(("SVD", svds.map { svd in
            let name = HTMLText.text((svd as NSString).lastPathComponent)
            // The copy on this site, else the pack that holds it.
            if let path = downloads?.sitePaths[svd] { return "<a href=\"../\(path)\" download>\(name)</a>" }
            guard let href = HTMLText.link(pack.pack.entry.packURL) else { return name }
            return "<a href=\"\(href)\" rel=\"nofollow noopener\">\(name)</a> (in \(HTMLText.text(pack.pack.entry.reference.packFileName)))"
        }.joined(separator: ", ")))
        if let config = properties.debugConfig {
            let parts = [config.defaultProtocol.map { "protocol \($0)" }, config.clock.map { "clock \($0) Hz" },
                         config.swj.map { $0 ? "SWJ" : "no SWJ" }].compactMap { $0 }
            pairs.append(("Configuration", HTMLText.text(parts.joined(separator: ", "))))
        }
        pairs.append(("Debug ports", properties.debugPorts.isEmpty ? "" : "\(properties.debugPorts.count)"))
        let accessPorts = properties.accessPortsV1.count + properties.accessPortsV2.count
        pairs.append(("Access ports", accessPorts == 0 ? "" : "\(accessPorts)"))
        let sequences = properties.sequences.map(\.name)
        pairs.append(("Debug sequences", HTMLText.text(sequences.prefix(40).joined(separator: ", ") + (sequences.count > 40 ? " …" : ""))))
        pairs.append(("Debug variables", properties.debugVars == nil ? "" : "yes"))
        pairs.append(("Trace", properties.traces.isEmpty ? "" : "yes"))
        return CataloguePage.facts(pairs)
    }

    // MARK: Board pages

    func boardPage(_ defined: CatalogueModel.Defined<Board>) -> Rendered {
        let board = defined.item
        let pack = model.packs[defined.pack]
        var out = CataloguePage(path: "boards/\(defined.slug).html")
        out.add("<h1>\(HTMLText.text(board.name))</h1>\n")
        out.add(CataloguePage.prose(board.description))
        let probe = board.debugProbe.map { probe in probe.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
        out.add(CataloguePage.facts([
            ("Vendor", HTMLText.text(board.vendor)),
            ("Revision", HTMLText.text(board.revision ?? "")),
            ("Pack", packLink(pack) + " " + HTMLText.text(pack.pack.entry.reference.version)),
            ("Mounted devices", board.mountedDevices.compactMap(\.name).map(deviceLink).joined(separator: ", ")),
            ("Compatible devices", board.compatibleDevices.compactMap(\.name).map(deviceLink).joined(separator: ", ")),
            ("Debug interfaces", HTMLText.text(board.debugInterfaces.compactMap { $0["adapter"] ?? $0["connector"] }.joined(separator: ", "))),
            ("Debug probe", HTMLText.text(probe ?? "")),
            ("Order", HTMLText.anchor(board.orderForm)),
        ]))
        let features = board.features.map { HTMLText.text([$0.type, $0.name, $0.n].compactMap { $0 }.joined(separator: " ")) }
        out.add(CataloguePage.section("Features", CataloguePage.list(features)))
        out.add(CataloguePage.section("Memory", memories(board.memories)))
        out.add(CataloguePage.section("Flash algorithms", algorithms(board.algorithms)))
        let books = board.books.map { HTMLText.anchor($0.name, label: $0.title ?? $0.name ?? "") }
        out.add(CataloguePage.section("Documents", CataloguePage.list(books)))
        let examples = model.examples(on: board.name).map { item in
            "\(HTMLText.text(item.example.name)) (<a href=\"../packs/\(item.pack.slug).examples.html\">\(HTMLText.text(item.pack.family.description))</a>)"
        }
        out.add(CataloguePage.section("Examples", CataloguePage.list(examples, limit: 200)))
        return (out.path, out.html(title: board.name, siteName: siteName))
    }
}
