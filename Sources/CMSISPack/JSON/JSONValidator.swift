/// Checks that bytes are one well-formed JSON object without building values:
/// a fast structural scan (strings, nesting, literals), for files that are
/// read lazily.
public enum JSONValidator {
    public static func validateObject(_ bytes: [UInt8]) throws(JSONParseError) {
        var position = 0
        var stack: [UInt8] = []
        func fail(_ message: String) -> JSONParseError { JSONParseError(offset: position, message: message) }
        func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { throw fail("not a JSON object") }
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(byte)
                if stack.count > 512 { throw fail("nested too deeply") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let open = stack.popLast(), (open == UInt8(ascii: "{")) == (byte == UInt8(ascii: "}")) else {
                    throw fail("unbalanced brackets")
                }
                if stack.isEmpty {
                    position += 1
                    skipSpace()
                    guard position == bytes.count else { throw fail("unexpected data after the document") }
                    return
                }
            case UInt8(ascii: "\""):
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    if bytes[position] == UInt8(ascii: "\\") { position += 1 }
                    else if bytes[position] < 0x20 { throw fail("control character in a string") }
                    position += 1
                }
                guard position < bytes.count else { throw fail("unterminated string") }
            default:
                break
            }
            position += 1
        }
        throw fail("unexpected end of document")
    }
}
