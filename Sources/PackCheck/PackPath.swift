import CMSISPack
/// Paths as a pack description writes them: relative to the folder of the
/// `.pdsc`, '/' or (discouraged) '\\' separators, sometimes a web link.
enum PackPath {
    enum Resolved: Equatable {
        /// Normalised: '/' separators, no "." or "..", no trailing '/'; "" is the pack's top.
        case inside(String)
        /// Starts with '/' or a drive letter.
        case absolute
        /// Climbs above the pack's top with "..".
        case outside
    }

    static func resolve(_ raw: String) -> Resolved {
        let path = raw.contains("\\") ? raw.replacingOccurrences(of: "\\", with: "/") : raw
        let bytes = Array(path.utf8)
        if path.hasPrefix("/") { return .absolute }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"),
           (bytes[0] >= 0x41 && bytes[0] <= 0x5A) || (bytes[0] >= 0x61 && bytes[0] <= 0x7A) {
            return .absolute
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return .outside }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return .inside(parts.joined(separator: "/"))
    }

    /// `./Include//a/../b/` as `Include/b`: one spelling per place inside
    /// the pack; a path that leaves it is kept as written.
    static func canonical(_ raw: String) -> String {
        if case .inside(let path) = resolve(raw) { return path }
        return raw
    }

    /// The last part of a path: "Device/Source/system_X.c" → "system_X.c".
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The folder of a path, "" at the top: "Device/Include/X.h" → "Device/Include".
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// A web link rather than a file in the pack (books and documents may be either).
    static func isLink(_ raw: String) -> Bool {
        let lowered = raw.lowercased()
        return lowered.contains("://") || lowered.hasPrefix("www.") || lowered.hasPrefix("mailto:")
    }

    /// The file part of a document reference: "doc/index.html#intro" → "doc/index.html".
    static func droppingAnchor(_ raw: String) -> String {
        guard let mark = raw.firstIndex(where: { $0 == "#" || $0 == "?" }) else { return raw }
        let head = raw[..<mark].lowercased()
        return head.hasSuffix(".htm") || head.hasSuffix(".html") ? String(raw[..<mark]) : raw
    }
}
