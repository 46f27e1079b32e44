/// Writes JSON the way Python's `json.dump(obj, indent=1, sort_keys=True)`
/// does: one space per level, keys in code-point order, non-ASCII escaped.
/// Deterministic, so two runs on the same input give the same bytes.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the current container already has an element (needs a comma).
    private var hasElement: [Bool] = []
    private var afterKey = false

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"key": `; the next value belongs to it. Callers give keys in
    /// sorted order (see `JSONWriter.sortedKeys`).
    public mutating func key(_ key: String) {
        separate()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        writeString(value)
    }

    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func number(_ value: UInt64) {
        separate()
        appendDecimal(value)
    }

    public mutating func number(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude, not the negation: -Int.min does not fit an Int.
        appendDecimal(UInt64(value.magnitude))
    }

    public mutating func optionalNumber(_ value: UInt64?) {
        if let value { number(value) } else { null() }
    }

    /// A number already in JSON form (kept from a parsed document).
    public mutating func rawNumber(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: Self.nullBytes)
    }

    /// Keys in the order Python's `sort_keys` gives: by code point (UTF-8 byte order).
    public static func sortedKeys<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: Layout

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        depth += 1
        hasElement.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        let hadElements = hasElement.removeLast()
        if hadElements { newline() }
        bytes.append(bracket)
    }

    /// Before a value or key: a comma and a new line as needed.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if hasElement[depth - 1] { bytes.append(UInt8(ascii: ",")) }
        hasElement[depth - 1] = true
        newline()
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func appendDecimal(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes.append(contentsOf: digits.reversed())
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x20..<0x7F: bytes.append(UInt8(scalar.value))
            case 0x10000...:
                let value = scalar.value - 0x10000
                appendEscape(0xD800 + (value >> 10))
                appendEscape(0xDC00 + (value & 0x3FF))
            default:
                appendEscape(scalar.value)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ unit: UInt32) {
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hex[Int((unit >> UInt32(shift)) & 0xF)])
        }
    }
}
