/// Numbers as the Open-CMSIS-Pack schema writes them (`NonNegativeInteger`:
/// `[+]?(0x|0X)?[0-9a-fA-F]+`).
///
/// A `0x` prefix means hexadecimal; plain digits are decimal, leading zeros
/// included (`"010"` is ten, never octal). Hex digits without a prefix are
/// accepted as hexadecimal, with a note, because the schema's pattern allows them.
public enum SpecNumber {
    public struct Parsed: Sendable, Equatable {
        public let value: UInt64
        /// Set when the text was accepted but is not in the usual form.
        public let note: String?
    }

    public static func parse(_ text: String) -> Parsed? {
        var digits = Substring(text.trimmingXMLWhitespace())
        if digits.hasPrefix("+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            let hex = digits.dropFirst(2)
            guard let value = UInt64(hex, radix: 16) else { return nil }
            return Parsed(value: value, note: nil)
        }
        if let value = UInt64(digits, radix: 10) {
            return Parsed(value: value, note: nil)
        }
        if let value = UInt64(digits, radix: 16) {
            return Parsed(value: value, note: "'\(text)' has hexadecimal digits without a 0x prefix; read as 0x\(digits)")
        }
        return nil
    }

    /// The value alone, for callers that do not report notes.
    public static func value(_ text: String?) -> UInt64? {
        guard let text else { return nil }
        return parse(text)?.value
    }
}

/// `xs:boolean` values, tolerant of case: `true`/`1` and `false`/`0`.
public enum SpecBool {
    public static func parse(_ text: String?) -> Bool? {
        guard let text else { return nil }
        switch text.trimmingXMLWhitespace().lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        default: return nil
        }
    }
}
