/// Reads pack index files (`.pidx`, `.vidx`, legacy `.idx`).
///
/// Entries come from the internet, so their vendor, name and version are
/// checked before anything else sees them: an entry such as
/// `vendor="../../etc"` is refused with an error naming the line.
public enum PackIndexReader {
    public struct Result: Sendable {
        public let index: PackIndexFile
        /// Refused entries (errors) and oddities (warnings), with lines.
        public let diagnostics: [Diagnostic]
    }

    public static func read(path: String) throws(PackReadError) -> Result {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw .file(error) }
        return try read(bytes: bytes, source: path)
    }

    public static func read(bytes: [UInt8], source: String) throws(PackReadError) -> Result {
        do {
            let root = try XMLDocumentReader.parse(bytes, name: source)
            return try decode(root, source: source, kind: nil)
        } catch let error as XMLParseError {
            // The legacy index.idx is a sequence of <pdsc> elements without a
            // root element; read it wrapped in one.
            if let legacy = legacyWrapped(bytes), let root = try? XMLDocumentReader.parse(legacy, name: source),
               root.children.contains(where: { $0.name == "pdsc" }) {
                return try decode(root, source: source, kind: .legacy)
            }
            throw .xml(error)
        } catch let error as PackReadError {
            throw error
        } catch {
            throw .content(PackDescriptionError(file: source, line: 0, reason: "\(error)"))
        }
    }

    private static func legacyWrapped(_ bytes: [UInt8]) -> [UInt8]? {
        var text = String(decoding: bytes, as: UTF8.self)
        if let declarationEnd = text.range(of: "?>"), text.hasPrefix("<?xml") || text.trimmingXMLWhitespace().hasPrefix("<?xml") {
            text = String(text[declarationEnd.upperBound...])
        }
        guard text.contains("<pdsc") else { return nil }
        // The wrapper opens where the declaration was, so line numbers stay.
        return Array(("<legacy-index>" + text + "</legacy-index>").utf8)
    }

    static func decode(_ root: XMLElement, source: String, kind forcedKind: PackIndexFile.Kind?) throws(PackReadError) -> Result {
        var log = DiagnosticLog(file: source)
        guard forcedKind == .legacy || root.name == "index" else {
            throw .content(PackDescriptionError(file: source, line: root.line, reason: "the root element is <\(root.name)>, not <index>: this is not a pack index"))
        }
        var index = PackIndexFile(
            kind: forcedKind ?? .pidx, schemaVersion: root["schemaVersion"], vendor: root.child("vendor")?.text,
            url: root.child("url")?.text, timestamp: root.child("timestamp")?.text, packs: [], vendorIndexes: [],
            source: source)

        let pdscElements: [XMLElement]
        if forcedKind == .legacy {
            pdscElements = root.children("pdsc")
        } else {
            pdscElements = root.children("pindex").flatMap { $0.children("pdsc") }
        }
        var seen: [PackReference: Int] = [:]
        for element in pdscElements {
            guard let entry = decodePack(element, legacy: forcedKind == .legacy, log: &log) else { continue }
            if let first = seen[entry.reference] {
                log.warning(element.line, "\(entry.reference) is listed again (first on line \(first)); the first entry is used")
                continue
            }
            seen[entry.reference] = element.line
            index.packs.append(entry)
        }
        for element in root.children("vindex").flatMap({ $0.children("pidx") }) {
            guard let vendor = element["vendor"], let url = element["url"], !url.isEmpty else {
                log.error(element.line, "<pidx> without vendor or url; skipped")
                continue
            }
            do {
                try PackNaming.validateIdentifier(vendor, role: "vendor")
            } catch {
                log.error(element.line, "<pidx> refused: \(error)")
                continue
            }
            index.vendorIndexes.append(VendorIndexEntry(vendor: vendor, url: url, date: element["date"], line: element.line))
        }
        if forcedKind == nil, root.child("vindex") != nil { index.kind = .vidx }
        if forcedKind == nil, root.child("pindex") == nil, root.child("vindex") == nil {
            log.warning(root.line, "the index has neither <pindex> nor <vindex>: it lists nothing")
        }
        return Result(index: index, diagnostics: log.entries)
    }

    private static func decodePack(_ element: XMLElement, legacy: Bool, log: inout DiagnosticLog) -> PackIndexEntry? {
        guard let url = element["url"], !url.isEmpty else {
            // Named, so the publisher can find the entry (cpackget keeps it and fails later).
            let named = [element["vendor"], element["name"], element["version"]].compactMap { $0 }.joined(separator: ".")
            let what = element["url"] == nil ? "has no url attribute" : "has an empty url attribute"
            log.error(element.line, "<pdsc\(named.isEmpty ? "" : " " + named)> \(what), so its description cannot be fetched; skipped")
            return nil
        }
        var vendor = element["vendor"]
        var name = element["name"]
        if legacy || vendor == nil, let fileName = name, fileName.lowercased().hasSuffix(".pdsc") {
            // Legacy entries name the file: name="Vendor.Name.pdsc".
            let parts = fileName.dropLast(5).split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 { vendor = parts[0]; name = parts[1] }
        }
        guard let vendor, let name, let version = element["version"] else {
            log.error(element.line, "<pdsc> without vendor, name or version; skipped")
            return nil
        }
        let reference: PackReference
        do {
            reference = try PackReference(vendor: vendor, name: name, version: version.trimmingXMLWhitespace())
        } catch {
            log.error(element.line, "entry refused: \(error)")
            return nil
        }
        if let problem = reference.semanticVersion?.problem {
            log.warning(element.line, "\(reference): version \(problem)")
        }
        let lowered = url.lowercased()
        if !(lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("file:")) {
            log.warning(element.line, "\(reference): url '\(url)' is not an http(s) or file URL; read relative to the index")
        }
        return PackIndexEntry(
            reference: reference, url: url, date: element["date"], deprecated: element["deprecated"],
            replacement: element["replacement"], size: SpecNumber.value(element["size"]), line: element.line)
    }
}
