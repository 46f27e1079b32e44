import CMSISPack
import Foundation

/// A device feature in words, as the specification means its numbers:
/// `n` and `m` mean something else for every type (the table "Device
/// Feature Types" of the Open-CMSIS-Pack specification, the values of
/// PACK.xsd's `DeviceFeatureTypeEnum`). ADC n="16" m="12" is 16 channels of
/// 12 bit, not a range; XTAL n="4000000" m="25000000" is a range of
/// frequencies; Timer n="12" m="16" is twelve 16-bit timers.
///
/// ```swift
/// FeatureText.describe(Feature(attributes: ["type": "ADC", "n": "16", "m": "12"], line: 0))
/// // ("ADC", "16 channels, 12-bit")
/// ```
enum FeatureText {
    /// What one number of a feature is.
    enum Quantity {
        /// A number of things, with the noun for them ("channels"); an empty noun is a bare count.
        case count(String)
        case bits
        case hertz
        case bitsPerSecond
        case volts
        case celsius
        case bytes
        /// Free text (a standard's version, an IP name).
        case text
        /// A number without a unit the specification names.
        case plain
    }

    /// How `n` and `m` combine: "n, m" (counts and qualities), "n × m" (n units of m each), or "n – m" (a range).
    enum Shape { case list, times, range }

    struct Meaning {
        let name: String
        let n: Quantity?
        let m: Quantity?
        var shape: Shape = .list
    }

    static func describe(_ feature: Feature) -> (label: String, detail: String) {
        let type = feature.type?.trimmingCharacters(in: .whitespaces) ?? ""
        let named = feature.name?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        guard let meaning = meanings[type] else {
            // A type the specification does not list: its numbers as they are.
            let values = [feature.n, feature.m].compactMap { $0?.trimmingCharacters(in: .whitespaces).nonEmpty }
            return (named.map { type.isEmpty ? $0 : "\(type) (\($0))" } ?? type, values.joined(separator: ", "))
        }
        var label = meaning.name
        if let named, named.lowercased() != meaning.name.lowercased() { label += " (\(named))" }
        let n = feature.n.flatMap { value in meaning.n.map { shown(value, as: $0) } }
        let m = feature.m.flatMap { value in meaning.m.map { shown(value, as: $0) } }
        switch (n, m, meaning.shape) {
        case let (n?, m?, .range): return (label, "\(n) – \(m)")
        case let (n?, m?, .times): return (label, "\(n) × \(m)")
        default: return (label, [n, m].compactMap { $0 }.joined(separator: ", "))
        }
    }

    /// One value in words; a value that is not the number it should be is shown as it is.
    static func shown(_ raw: String, as quantity: Quantity) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard let number = Double(value), number.isFinite else { return value }
        switch quantity {
        case .count(let noun): return noun.isEmpty ? value : "\(value) \(noun)"
        case .bits: return "\(value)-bit"
        case .hertz: return scaled(number, units: ["Hz", "kHz", "MHz", "GHz"], step: 1000)
        case .bitsPerSecond: return scaled(number, units: ["bit/s", "kbit/s", "Mbit/s", "Gbit/s"], step: 1000)
        case .volts: return "\(value) V"
        case .celsius: return "\(value) °C"
        case .bytes: return number >= 0 && number < 1e18 ? CataloguePage.size(UInt64(number)) : value
        case .text, .plain: return value
        }
    }

    /// 37500000 Hz → "37.5 MHz"; at most three decimals, none trailing.
    static func scaled(_ number: Double, units: [String], step: Double) -> String {
        var value = number
        var unit = 0
        while abs(value) >= step, unit < units.count - 1 {
            value /= step
            unit += 1
        }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return "\(text) \(units[unit])"
    }

    /// The specification's table, type by type: its default name, and what n and m are.
    static let meanings: [String: Meaning] = {
        var table: [String: Meaning] = [:]
        func add(_ types: [String], _ name: String? = nil, n: Quantity?, m: Quantity? = nil, _ shape: Shape = .list) {
            for type in types { table[type] = Meaning(name: name ?? type, n: n, m: m, shape: shape) }
        }
        // Core and memory
        add(["NVIC"], n: .count("interrupts"))
        add(["DMA"], n: .count("channels"))
        add(["Crypto"], "Cryptographic engine", n: .bits)
        add(["RNG"], "Random number generator", n: .count(""))
        add(["CoreOther"], "Other core feature", n: .count(""))
        add(["Memory"], n: .bytes)
        add(["MemoryOther"], "Other memory", n: .count(""))
        add(["ExtBus"], "External bus interface", n: .bits)
        // Clocks and power
        add(["XTAL"], "External crystal oscillator", n: .hertz, m: .hertz, .range)
        add(["IntRC"], "Internal RC oscillator", n: .hertz, m: .hertz, .range)
        add(["PLL"], n: .count(""))
        add(["RTC"], n: .hertz)
        add(["ClockOther"], "Other clock peripheral", n: .count(""))
        add(["PowerMode"], "Power modes", n: .count(""))
        add(["VCC"], "Operating voltage", n: .volts, m: .volts, .range)
        add(["Consumption"], "Power consumption (minimum – typical)", n: .plain, m: .plain, .range)
        add(["PowerOther"], "Other power feature", n: .count(""))
        // Packages
        add(["BGA"], n: .count("balls"))
        add(["CSP", "PLCC", "QFN", "QFP", "SON", "SOP", "DIP"], n: .count("leads"))
        add(["PackageOther"], "Other package", n: .count("pins"))
        // Analog, timers, I/O
        add(["IOs"], "Inputs/outputs", n: .count(""))
        add(["ExtInt"], "External interrupts", n: .count(""))
        add(["Temp"], "Operating temperature", n: .celsius, m: .celsius, .range)
        add(["ADC", "DAC"], n: .count("channels"), m: .bits)
        add(["TempSens"], "Temperature sensors", n: .count(""))
        add(["AnalogOther"], "Other analog peripheral", n: .count(""))
        add(["Timer"], "Timer/counter", n: .count(""), m: .bits, .times)
        add(["PWM"], n: .count(""), m: .bits, .times)
        add(["WDT"], "Watchdog", n: .count(""))
        add(["TimerOther"], "Other timer peripheral", n: .count(""))
        // Communication
        add(["MPSerial"], "Multi-purpose serial", n: .count(""))
        add(["CAN", "I2C", "I2S", "LIN"], n: .count(""))
        add(["ETH"], "Ethernet", n: .count(""), m: .bitsPerSecond, .times)
        add(["SDIO"], n: .count(""), m: .bits, .times)
        add(["SPI", "UART", "USART"], n: .count(""), m: .bitsPerSecond, .times)
        add(["USBD"], "USB device", n: .count(""))
        add(["USBH"], "USB host", n: .count(""))
        add(["USBOTG"], "USB OTG", n: .count(""))
        add(["ComOther"], "Other communication peripheral", n: .count(""))
        // Human interface
        add(["Camera"], "Camera interface", n: .count(""), m: .bits, .times)
        add(["GLCD"], "Graphic LCD controller", n: .count(""), m: .plain, .times)
        add(["LCD"], "Segment LCD controller", n: .count(""), m: .plain, .times)
        add(["Touch"], "Capacitive touch", n: .count("channels"))
        add(["Other"], "Other feature", n: .count(""))
        // Accelerators and standards
        add(["GPU"], n: .text, m: .count("shaders"))
        add(["AI"], "AI accelerator", n: nil)
        add(["FPGA"], n: .count("logic elements"))
        add(["NPU"], "Neural processing unit", n: .text, m: .text)
        add(["Application"], n: .text, m: .text)
        add(["HDMI", "802.15.4"], n: .text)
        add(["IrDA"], "Infrared (IrDA)", n: .text, m: .bitsPerSecond)
        add(["MIPI", "PCIe", "Bluetooth", "WiFi", "LoRa", "LTE Cat-M", "NB-IoT", "NFC"], n: .text, m: .bitsPerSecond)
        add(["ZigBee"], n: .text, m: .bitsPerSecond)
        add(["WirelessOther"], "Other wireless", n: .text, m: .bitsPerSecond)
        return table
    }()
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
