/// Attribute values whose PACK.xsd type is an enumeration of `xs:token`
/// (Dcore, Dfpu, Dendian…): XML Schema collapses their whitespace before it
/// compares them, so `Dfpu="1 "` is valid and means `1`. The reader does the
/// same, so what the schema accepts means what it says.
///
/// ```swift
/// SchemaToken.collapse(" SP_FPU ")   // "SP_FPU"
/// SchemaToken.collapse("Little-\tendian")   // "Little- endian" (one blank; still not a value of the enumeration)
/// ```
enum SchemaToken {
    /// Device property attributes typed by token enumerations in PACK.xsd 1.7.
    static let attributes: Set<String> = [
        "Dcore", "Dfpu", "Dmpu", "Dtz", "Ddsp", "Dmve", "Dpacbti", "Dendian", "Dvendor", "Dsecure", "style", "type",
    ]

    /// Leading and trailing whitespace removed, inner runs made one blank.
    static func collapse(_ value: String) -> String {
        let trimmed = value.trimmingXMLWhitespace()
        guard trimmed.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return trimmed }
        return trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }
}
