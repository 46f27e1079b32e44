/// Boards: unique, carrying a device, naming devices that exist; and the
/// boards examples run on.
enum BoardChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let pack = context.pack
        var known = Set<String>()
        var families = Set<String>()
        for family in pack.devices {
            families.insert(family.name)
            for subFamily in family.subFamilies { families.insert(subFamily.name) }
            for device in family.devices + family.subFamilies.flatMap(\.devices) {
                known.insert(device.name)
                for variant in device.variants { known.insert(variant.name) }
            }
        }

        var seen: [String: Int] = [:]
        for board in pack.boards {
            let key = "\(board.vendor)|\(board.name)|\(board.revision ?? "")"
            if let first = seen[key] {
                log.add(.duplicateBoard, line: board.line, "board '\(board.name)'\(revision(board)) of '\(board.vendor)' is defined again (first on line \(first))")
            } else {
                seen[key] = board.line
            }
            if board.mountedDevices.isEmpty {
                log.add(.boardWithoutDevice, line: board.line, "board '\(board.name)' has no <mountedDevice>; tools cannot tell which device it carries")
            }
            for (device, kind) in board.mountedDevices.map({ ($0, "mountedDevice") }) + board.compatibleDevices.map({ ($0, "compatibleDevice") }) {
                checkDevice(device, kind: kind, board: board, known: known, families: families, into: &log)
            }
        }

        let boards = Set(pack.boards.map(\.name))
        for example in pack.examples?.items ?? [] {
            for board in example.boards {
                guard let name = board["name"], !boards.contains(name) else { continue }
                log.add(.exampleBoardUnknown, line: board.line,
                        "example '\(example.name)' runs on board '\(name)'\(vendorNote(board["vendor"], label: "vendor")), which this pack does not define (it may come from another pack)")
            }
        }
    }

    private static func checkDevice(_ device: BoardDevice, kind: String, board: Board, known: Set<String>, families: Set<String>,
                                    into log: inout FindingLog) {
        let named = [device.attributes["Dname"], device.attributes["Dvariant"]].compactMap { $0 }
        // Some packs write a pattern ("S32K118*"), as conditions may.
        let missing = named.filter { name in
            guard name.contains("*") || name.contains("?") else { return !known.contains(name) }
            let pattern = WildcardPattern(name)
            return !known.contains(where: pattern.matches)
        }
        let missingFamilies = named.isEmpty ? [device.family, device.subFamily].compactMap { $0 }.filter { !families.contains($0) } : []
        guard let name = missing.first ?? missingFamilies.first else { return }
        log.add(.boardDeviceUnknown, line: device.line,
                "<\(kind)> of board '\(board.name)' names '\(name)'\(vendorNote(device.vendor, label: "Dvendor")), which this pack does not define; it must come from another pack")
    }

    private static func vendorNote(_ vendor: String?, label: String) -> String {
        vendor.map { " (\(label) '\($0)')" } ?? ""
    }

    private static func revision(_ board: Board) -> String {
        board.revision.map { " revision '\($0)'" } ?? ""
    }
}
