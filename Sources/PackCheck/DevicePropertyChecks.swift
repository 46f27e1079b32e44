import CMSISPack
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

    /// Identifiers seen, per processor ("" for all of them), with their lines.
    struct Scopes {
        private var lines: [String: Int] = [:]
        private(set) var names: Set<String> = [""]

        private static func key(_ scope: String, _ id: String) -> String { scope + "\u{0}" + id }

        /// The lines where `id` was already given in the scopes a property with `pname` sees.
        func repeats(of id: String, pname: String) -> [Int] {
            var found: [Int] = []
            if let line = lines[Self.key("", id)] { found.append(line) }
            if pname.isEmpty {
                for scope in names where !scope.isEmpty { if let line = lines[Self.key(scope, id)] { found.append(line) } }
            } else if let line = lines[Self.key(pname, id)] {
                found.append(line)
            }
            return found.sorted()
        }

        /// Adds `id` to the scope of `pname` (when it is one); the key, for undoing.
        mutating func add(_ id: String, pname: String, line: Int) -> String? {
            guard names.contains(pname) else { return nil }
            let key = Self.key(pname, id)
            lines[key] = line
            return key
        }

        mutating func addScope(_ name: String) -> Bool { names.insert(name).inserted }
        mutating func removeScope(_ name: String) { names.remove(name) }
        mutating func remove(_ key: String) { lines[key] = nil }
    }

    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let checkTypes = isAfter(schemaVersion: context.root["schemaVersion"] ?? "", major: 1, minor: 1)
        for family in context.root.child("devices")?.children("family") ?? [] {
            var scopes = Scopes()
            visit(family, all: &scopes, checkTypes: checkTypes, into: &log)
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

    /// `all` holds what the levels above give; what this level adds is taken
    /// out again after its children, so no level copies the scopes.
    private static func visit(_ element: XMLElement, all: inout Scopes, checkTypes: Bool, into log: inout FindingLog) {
        var newScopes: [String] = []
        for processor in element.children where processor.name == "processor" {
            if let name = processor["Pname"], all.addScope(name) { newScopes.append(name) }
        }
        var added: [String] = []
        let properties = element.children.filter { $0.isSchemaElement && ($0.name == "feature" || $0.name == "algorithm") }
        if !properties.isEmpty {
            added = visitProperties(properties, of: element, all: &all, checkTypes: checkTypes, into: &log)
        }
        for child in element.children where ["subFamily", "device", "variant"].contains(child.name) && child.isSchemaElement {
            visit(child, all: &all, checkTypes: checkTypes, into: &log)
        }
        for key in added { all.remove(key) }
        for name in newScopes { all.removeScope(name) }
    }

    private static func visitProperties(_ properties: [XMLElement], of element: XMLElement, all: inout Scopes, checkTypes: Bool,
                                        into log: inout FindingLog) -> [String] {
        let label = levelLabel(element)
        var local = Scopes()
        for name in all.names { _ = local.addScope(name) }
        var added: [String] = []
        for property in properties {
            let id = identifier(property)
            if id.isEmpty { continue }
            let pname = property["Pname"] ?? ""
            let what = property.name == "feature" ? "feature \(id)" : "flash algorithm '\(id)'"
            let here = local.repeats(of: id, pname: pname)
            for line in here {
                log.add(.repeatedProperty, line: property.line, "\(label) gives \(what) again (first on line \(line))")
            }
            if here.isEmpty { _ = local.add(id, pname: pname, line: property.line) }
            if !pname.isEmpty && !all.names.contains(pname) {
                log.add(.unknownPname, line: property.line, "\(what) of \(label) names Pname '\(pname)', which is no processor of the device")
            }
            let above = all.repeats(of: id, pname: pname)
            for line in above {
                log.add(.inheritedPropertyRepeated, line: property.line, "\(label) gives \(what) that line \(line) already gives; it is added again")
            }
            if above.isEmpty, let key = all.add(id, pname: pname, line: property.line) { added.append(key) }
            if checkTypes && property.name == "feature" {
                checkType(property, known: deviceFeatures, owner: label, into: &log)
            }
        }
        return added
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
