/// Checks that bytes are one well-formed JSON object (RFC 8259 grammar:
/// strings with their escapes, numbers, literals, commas and colons in their
/// places) without building values, for files that are parsed lazily later.
///
/// The scan keeps an explicit stack of open containers instead of recursing,
/// so a hostile file nested a million levels deep is refused, not a crash.
public enum JSONValidator {
    /// Deeper nesting than any file we write; refused as damage.
    public static let maximumDepth = 512

    public static func validateObject(_ bytes: [UInt8]) throws(JSONParseError) {
        var scan = Scan(bytes: bytes)
        try scan.document()
    }

    private struct Scan {
        let bytes: [UInt8]
        var position = 0
        var open: [UInt8] = []

        /// What the grammar allows next.
        enum Expecting { case value, firstValueOrEnd, key, firstKeyOrEnd, colon, commaOrEnd }

        init(bytes: [UInt8]) { self.bytes = bytes }

        func fail(_ message: String) -> JSONParseError { JSONParseError(offset: position, message: message) }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func document() throws(JSONParseError) {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { throw fail("not a JSON object") }
            var expecting = Expecting.value
            while true {
                skipSpace()
                guard position < bytes.count else { throw fail("unexpected end of document") }
                let byte = bytes[position]
                switch expecting {
                case .firstKeyOrEnd where byte == UInt8(ascii: "}"), .firstValueOrEnd where byte == UInt8(ascii: "]"),
                     .commaOrEnd where byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]"):
                    guard let container = open.popLast(), (container == UInt8(ascii: "{")) == (byte == UInt8(ascii: "}")) else {
                        throw fail("'\(Character(Unicode.Scalar(byte)))' does not close the open bracket")
                    }
                    position += 1
                    if open.isEmpty {
                        skipSpace()
                        guard position == bytes.count else { throw fail("unexpected data after the document") }
                        return
                    }
                    expecting = .commaOrEnd
                case .commaOrEnd:
                    guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or a closing bracket") }
                    position += 1
                    expecting = open.last == UInt8(ascii: "{") ? .key : .value
                case .key, .firstKeyOrEnd:
                    guard byte == UInt8(ascii: "\"") else { throw fail("expected a string as the member name") }
                    try string()
                    expecting = .colon
                case .colon:
                    guard byte == UInt8(ascii: ":") else { throw fail("expected ':' after the member name") }
                    position += 1
                    expecting = .value
                case .value, .firstValueOrEnd:
                    expecting = try value(startingWith: byte)
                }
            }
        }

        /// One value, or the opening of a container; says what may follow.
        mutating func value(startingWith byte: UInt8) throws(JSONParseError) -> Expecting {
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                open.append(byte)
                guard open.count <= JSONValidator.maximumDepth else { throw fail("nested too deeply") }
                position += 1
                return byte == UInt8(ascii: "{") ? .firstKeyOrEnd : .firstValueOrEnd
            case UInt8(ascii: "\""):
                try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
            default:
                throw fail("expected a value")
            }
            return .commaOrEnd
        }

        mutating func literal(_ word: StaticString) throws(JSONParseError) {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard bytes.count - position >= expected.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
                throw fail("expected a value")
            }
            position += expected.count
        }

        mutating func digits() -> Int {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - start
        }

        mutating func number() throws(JSONParseError) {
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            if position < bytes.count, bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else if digits() == 0 {
                throw fail("malformed number")
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw fail("malformed number") }
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw fail("malformed number") }
            }
        }

        mutating func string() throws(JSONParseError) {
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return
                case UInt8(ascii: "\\"):
                    position += 1
                    guard position < bytes.count else { throw fail("unterminated string") }
                    if bytes[position] == UInt8(ascii: "u") {
                        let hex = bytes[(position + 1)...].prefix(4)
                        guard hex.count == 4, hex.allSatisfy({ Self.isHexDigit($0) }) else { throw fail("malformed \\u escape") }
                        position += 5
                    } else {
                        guard "\"\\/bfnrt".utf8.contains(bytes[position]) else { throw fail("unknown escape in a string") }
                        position += 1
                    }
                case 0..<0x20:
                    throw fail("control character in a string")
                default:
                    position += 1
                }
            }
            throw fail("unterminated string")
        }

        static func isHexDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        }
    }
}
