import CMSISPack
/// Boards: unique, carrying devices that exist in this pack or a pack given
/// with `-i`, named one by one with their vendor and a unique deviceIndex,
/// and used by some example; and the boards examples run on.
enum BoardChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let pack = context.pack
        var seen: [String: Int] = [:]
        for board in pack.boards {
            let key = "\(board.vendor)|\(board.name)|\(board.revision ?? "")"
            if let first = seen[key] {
                log.add(.duplicateBoard, line: board.line, "board '\(board.name)'\(revision(board)) of '\(board.vendor)' is defined again (first on line \(first))")
            } else {
                seen[key] = board.line
            }
            if !context.catalog.exampleBoards.contains(PackCatalog.Board(name: board.name, vendor: board.vendor)) {
                log.add(.boardWithoutExample, line: board.line, "no example runs on board '\(board.name)' of '\(board.vendor)' \(context.elsewhereNote)")
            }
            if board.mountedDevices.isEmpty {
                log.add(.boardWithoutDevice, line: board.line, "board '\(board.name)' has no <mountedDevice>; tools cannot tell which device it carries")
            }
            var indexes: [String: (name: String, line: Int)] = [:]
            for device in board.mountedDevices {
                let index = device.attributes["deviceIndex"] ?? ""
                if let first = indexes[index] {
                    log.add(.repeatedDeviceIndex, line: device.line,
                            "<mountedDevice> deviceIndex '\(index)' of board '\(board.name)' is also that of '\(first.name)' on line \(first.line)")
                } else {
                    indexes[index] = (device.attributes["Dname"] ?? "", device.line)
                }
                checkMounted(device, board: board, context: context, into: &log)
            }
            for device in board.compatibleDevices {
                for attribute in ["Dfamily", "DsubFamily"] where device.attributes[attribute] != nil {
                    log.add(.compatibleDeviceFamily, line: device.line,
                            "<compatibleDevice> of board '\(board.name)' names \(attribute); name the devices (Dname)")
                }
                checkCompatible(device, board: board, context: context, into: &log)
            }
        }

        for example in pack.examples?.items ?? [] {
            for board in example.boards {
                let name = board.attributes["name"] ?? "", vendor = board.attributes["vendor"] ?? ""
                guard !context.catalog.boards.contains(PackCatalog.Board(name: name, vendor: vendor)) else { continue }
                log.add(.exampleBoardUnknown, line: board.line,
                        "example '\(example.name)' runs on board '\(name)'\(vendorNote(vendor, label: "vendor")), which is defined neither in this pack \(context.elsewhereNote)")
            }
        }
    }

    private static func checkMounted(_ device: BoardDevice, board: Board, context: CheckContext, into log: inout FindingLog) {
        let vendor = device.attributes["Dvendor"] ?? "", name = device.attributes["Dname"] ?? ""
        if vendor.isEmpty {
            log.add(.incompleteBoardDevice, line: device.line, "<mountedDevice> of board '\(board.name)' has no Dvendor")
        }
        guard !name.isEmpty else {
            log.add(.incompleteBoardDevice, line: device.line, "<mountedDevice> of board '\(board.name)' has no Dname")
            return
        }
        if name.contains(where: { "*?[]".contains($0) }) {
            log.add(.boardDevicePattern, line: device.line,
                    "<mountedDevice> of board '\(board.name)' names the pattern '\(name)'; a board carries one device: name it")
            return
        }
        guard let found = lookUp(name, vendor: vendor, of: "mountedDevice", board: board, line: device.line, context: context, into: &log) else { return }
        if found.contains(where: \.hasVariants) {
            log.add(.boardDeviceHasVariants, line: device.line,
                    "<mountedDevice> of board '\(board.name)' names '\(name)', a device with variants; name the variant the board carries")
        }
        checkVendor(vendor, of: found[0], board: board, line: device.line, into: &log)
    }

    private static func checkCompatible(_ device: BoardDevice, board: Board, context: CheckContext, into log: inout FindingLog) {
        let vendor = device.attributes["Dvendor"] ?? ""
        // packchk looks a compatible device up by Dname alone.
        guard let name = device.attributes["Dname"], !name.isEmpty else {
            log.add(.compatibleDeviceWithoutName, line: device.line,
                    "<compatibleDevice> of board '\(board.name)' has no Dname, so the device cannot be looked up; name it (Dfamily or Dvariant alone is not enough)")
            return
        }
        guard let found = lookUp(name, vendor: vendor, of: "compatibleDevice", board: board, line: device.line, context: context, into: &log) else { return }
        checkVendor(vendor, of: found[0], board: board, line: device.line, into: &log)
    }

    /// The devices a board's `<element>` names (never empty), or nil once
    /// PM501 says that no pack defines it.
    private static func lookUp(_ name: String, vendor: String, of element: String, board: Board, line: Int,
                               context: CheckContext, into log: inout FindingLog) -> [PackCatalog.Device]? {
        let found = context.catalog.devices(named: name, vendor: vendor)
        guard found.isEmpty else { return found }
        log.add(.boardDeviceUnknown, line: line,
                "<\(element)> of board '\(board.name)' names '\(name)'\(vendorNote(vendor, label: "Dvendor")), which is defined neither in this pack \(context.elsewhereNote)")
        return nil
    }

    /// Dvendor as the device's pack writes it, number included.
    private static func checkVendor(_ vendor: String, of device: PackCatalog.Device, board: Board, line: Int, into log: inout FindingLog) {
        guard !vendor.isEmpty, vendor != device.vendor else { return }
        log.add(.boardDeviceVendor, line: line,
                "board '\(board.name)' names '\(device.name)' with Dvendor '\(vendor)', but its pack (\(device.pack)) says '\(device.vendor)'")
    }

    private static func vendorNote(_ vendor: String?, label: String) -> String {
        guard let vendor, !vendor.isEmpty else { return "" }
        return " (\(label) '\(vendor)')"
    }

    private static func revision(_ board: Board) -> String {
        board.revision.map { " revision '\($0)'" } ?? ""
    }
}
