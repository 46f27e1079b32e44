/// Features and flash algorithms of devices and boards, as written: a type
/// the specification defines, not given twice on one level (M348), not
/// repeating one a level above already gives (M369, info), and naming a
/// processor the device has (M374).
///
/// A feature is identified by type, m and name; an algorithm by its file.
/// Feature types are checked from schema version 1.2 on, as packchk does;
/// the list is PACK.xsd's (packchk's own list misspells IrDA and PCIe).
enum DevicePropertyChecks: CheckGroup {
    static let deviceFeatures: Set<String> = [
        "Crypto", "NVIC", "DMA", "RNG", "CoreOther", "ExtBus", "Memory", "MemoryOther", "XTAL", "IntRC", "PLL", "RTC", "ClockOther",
        "PowerMode", "VCC", "Consumption", "PowerOther", "BGA", "CSP", "PLCC", "QFN", "QFP", "SON", "SOP", "DIP", "LGA", "PackageOther",
        "IOs", "ExtInt", "Temp", "ADC", "DAC", "TempSens", "AnalogOther", "PWM", "Timer", "WDT", "TimerOther", "MPSerial", "CAN", "ETH",
        "I2C", "I2S", "LIN", "SDIO", "SPI", "UART", "USART", "USBD", "USBH", "USBOTG", "ComOther", "Camera", "GLCD", "LCD", "Touch",
        "Other", "GPU", "AI", "NPU", "FPGA", "Application", "IrDA", "HDMI", "MIPI", "PCIe", "Bluetooth", "ZigBee", "802.15.4", "WiFi",
        "LoRa", "LTE Cat-M", "NB-IoT", "NFC", "WirelessOther", "I/O", "D/A", "A/D", "Com", "USB", "Package", "Backup",
    ]

    static let boardFeatures: Set<String> = [
        "ODbg", "XTAL", "PWR", "PWRSock", "Batt", "Curr", "CoreOther", "RAM", "ROM", "Memory", "MemCard", "MemoryOther", "DIO", "AIO",
        "Proto", "USB", "ETH", "SPI", "I2C", "RS232", "RS422", "RS485", "CAN", "IrDA", "LineIn", "LineOut", "MIC", "Edge", "ConnOther",
        "Button", "Poti", "Joystick", "Touch", "ContOther", "Accelerometer", "Gyro", "Compass", "TempSens", "PressSens", "LightSens",
        "SensOther", "CustomFF", "ArduinoFF", "FreedomFF", "TowerFF", "LED", "Camera", "LCD", "GLCD", "Speaker", "VirtualHW", "Other",
    ]

    /// Identifiers seen, per processor ("" for all of them) → id → line.
    typealias Scopes = [String: [String: Int]]

    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let checkTypes = isAfter(schemaVersion: context.root["schemaVersion"] ?? "", major: 1, minor: 1)
        for family in context.root.child("devices")?.children("family") ?? [] {
            visit(family, above: [:], processorsAbove: [], checkTypes: checkTypes, into: &log)
        }
        for board in context.root.child("boards")?.children("board") ?? [] {
            var seen: [String: Int] = [:]
            for feature in board.children("feature") {
                let id = identifier(feature)
                if id.isEmpty { continue }
                if let first = seen[id] {
                    log.add(.repeatedProperty, line: feature.line, "board '\(board["name"] ?? "")' gives feature \(id) again (first on line \(first))")
                } else {
                    seen[id] = feature.line
                }
                if checkTypes { checkType(feature, known: boardFeatures, owner: "board '\(board["name"] ?? "")'", into: &log) }
            }
        }
    }

    private static func visit(_ element: XMLElement, above: Scopes, processorsAbove: Set<String>, checkTypes: Bool,
                              into log: inout FindingLog) {
        let label = levelLabel(element)
        let processors = processorsAbove.union(element.children("processor").compactMap { $0["Pname"] })
        var local: Scopes = [:]
        var all = above
        for scope in [""] + processors {
            local[scope] = [:]
            if all[scope] == nil { all[scope] = [:] }
        }
        for property in element.children where property.isSchemaElement && (property.name == "feature" || property.name == "algorithm") {
            let id = identifier(property)
            if id.isEmpty { continue }
            let pname = property["Pname"] ?? ""
            let what = property.name == "feature" ? "feature \(id)" : "flash algorithm '\(id)'"
            for line in repeats(of: id, pname: pname, line: property.line, in: &local) {
                log.add(.repeatedProperty, line: property.line, "\(label) gives \(what) again (first on line \(line))")
            }
            if !pname.isEmpty && !processors.contains(pname) {
                log.add(.unknownPname, line: property.line, "\(what) of \(label) names Pname '\(pname)', which is no processor of the device")
            }
            for line in repeats(of: id, pname: pname, line: property.line, in: &all) {
                log.add(.inheritedPropertyRepeated, line: property.line, "\(label) gives \(what) that line \(line) already gives; it is added again")
            }
            if checkTypes && property.name == "feature" {
                checkType(property, known: deviceFeatures, owner: label, into: &log)
            }
        }
        for child in element.children where ["subFamily", "device", "variant"].contains(child.name) && child.isSchemaElement {
            visit(child, above: all, processorsAbove: processors, checkTypes: checkTypes, into: &log)
        }
    }

    /// The lines where `id` was already given in the scopes a property with
    /// `pname` sees; adds it to its own scope when it is new there.
    private static func repeats(of id: String, pname: String, line: Int, in scopes: inout Scopes) -> [Int] {
        var lines: [Int] = []
        if let line = scopes[""]?[id] { lines.append(line) }
        if pname.isEmpty {
            for (scope, ids) in scopes where !scope.isEmpty { if let line = ids[id] { lines.append(line) } }
        } else if let line = scopes[pname]?[id] {
            lines.append(line)
        }
        if lines.isEmpty, scopes[pname] != nil {
            scopes[pname]![id] = line
        }
        return lines.sorted()
    }

    /// "1.7.36" > 1.1: packchk checks feature types from 1.2 on.
    static func isAfter(schemaVersion: String, major: Int, minor: Int) -> Bool {
        let numbers = schemaVersion.split(separator: ".").map { Int(String($0).trimmingXMLWhitespace()) ?? 0 }
        let given = (numbers.first ?? 0, numbers.count > 1 ? numbers[1] : 0, numbers.count > 2 ? numbers[2] : 0)
        return given > (major, minor, 0)
    }

    private static func identifier(_ property: XMLElement) -> String {
        if property.name == "algorithm" { return property["name"] ?? "" }
        return ["type", "m", "name"].compactMap { key in property[key].map { "\(key)=\"\($0)\"" } }.joined(separator: ", ")
    }

    private static func checkType(_ feature: XMLElement, known: Set<String>, owner: String, into log: inout FindingLog) {
        let type = feature["type"] ?? ""
        guard !known.contains(type) else { return }
        if let spelled = known.first(where: { $0.lowercased() == type.lowercased() }) {
            log.add(.misspelledFeature, line: feature.line, "feature type '\(type)' of \(owner) is spelled '\(spelled)'")
        } else {
            log.add(.unknownFeature, line: feature.line, "feature type '\(type)' of \(owner) is not one the specification defines")
        }
    }

    private static func levelLabel(_ element: XMLElement) -> String {
        switch element.name {
        case "family": "family '\(element["Dfamily"] ?? "")'"
        case "subFamily": "sub-family '\(element["DsubFamily"] ?? "")'"
        case "device": "device '\(element["Dname"] ?? "")'"
        default: "variant '\(element["Dvariant"] ?? "")'"
        }
    }
}
