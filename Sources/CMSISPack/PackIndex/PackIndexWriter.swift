import Foundation

/// Writes a flat pack index (`.pidx`, PackIndex.xsd): what `pack init`
/// keeps in `.Local/local_repository.pidx`, and what `index build` and
/// `mirror` publish.
///
/// ```swift
/// let text = PackIndexWriter.pidx(vendor: "Acme", url: "https://example.com/", entries: entries,
///                                 timestamp: "2026-11-21T10:00:00.0000000+00:00")
/// ```
public enum PackIndexWriter {
    /// PackIndex.xsd's timestamp: ISO 8601 in UTC with seven fraction digits,
    /// as Arm's index files write it (`2026-11-21T10:00:00.0000000+00:00`).
    public static func timestamp(_ date: Date = Date()) -> String {
        let time = CivilTime(utc: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%07d+00:00", time.year, time.month, time.day,
                      time.hour, time.minute, time.second, time.nanosecond / 100)
    }

    /// The PackIndex.xsd version the index is written for (vidx2pidx's too).
    public static let schemaVersion = "1.1.1"

    /// A flat index that validates against PackIndex.xsd 1.1.1 when it
    /// lists at least one pack (the schema wants one `<pdsc>`; an empty list
    /// is written as an empty `<pindex>`, as cpackget writes its local
    /// repository). Values the schema would refuse are left out rather than
    /// written: a `date` or `deprecated` that is not YYYY-MM-DD, a `size` over
    /// 2^32-1, an empty `replacement`.
    public static func pidx(vendor: String, url: String, entries: [PackIndexEntry], timestamp: String) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<index schemaVersion=\"\(schemaVersion)\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema-instance\" xs:noNamespaceSchemaLocation=\"PackIndex.xsd\">",
            "  <vendor>\(XMLEscaping.text(vendor.trimmingXMLWhitespace()))</vendor>",
            "  <url>\(XMLEscaping.text(url.trimmingXMLWhitespace()))</url>",
            "  <timestamp>\(XMLEscaping.text(timestamp))</timestamp>",
            "  <pindex>",
        ]
        for entry in entries.sorted(by: { $0.reference < $1.reference }) {
            var attributes = [
                ("url", entry.url), ("vendor", entry.reference.vendor), ("name", entry.reference.name),
                ("version", entry.reference.version),
            ]
            if let date = entry.date, CalendarDate(date) != nil { attributes.append(("date", date)) }
            if let deprecated = entry.deprecated, CalendarDate(deprecated) != nil { attributes.append(("deprecated", deprecated)) }
            if let replacement = entry.replacement?.trimmingXMLWhitespace(), !replacement.isEmpty {
                attributes.append(("replacement", replacement))
            }
            if let size = entry.size, size <= UInt64(UInt32.max) { attributes.append(("size", String(size))) }
            let text = attributes.map { "\($0.0)=\"\(XMLEscaping.attribute($0.1))\"" }.joined(separator: " ")
            lines.append("    <pdsc \(text)/>")
        }
        lines.append("  </pindex>")
        lines.append("</index>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Escaping for text and attribute values in the XML we write.
public enum XMLEscaping {
    public static func text(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    public static func attribute(_ value: String) -> String {
        var result = ""
        for character in text(value) {
            switch character {
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\t": result += "&#9;"
            default: result.append(character)
            }
        }
        return result
    }
}
