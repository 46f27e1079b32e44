import CMSISPack
/// The package header: names, file name, description, schema version, URL.
enum HeaderChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let pack = context.pack
        checkNames(context, into: &log)
        checkFileNames(context, into: &log)
        if pack.description.trimmingXMLWhitespace().isEmpty {
            log.add(.missingDescription, line: context.headerLine("description"), "<description> of the package is missing or empty")
        }
        if (context.root["schemaVersion"] ?? "").trimmingXMLWhitespace().isEmpty {
            log.add(.missingSchemaVersion, line: context.root.line, "<package> has no schemaVersion attribute")
        }
        let line = context.headerLine("url")
        checkURL(pack.url.trimmingXMLWhitespace(), line: line, into: &log)
        if let reference = context.urlReference {
            checkURL(pack.url.trimmingXMLWhitespace(), against: reference, line: line, into: &log)
        }
    }

    private static func checkNames(_ context: CheckContext, into log: inout FindingLog) {
        let checks: [(role: String, value: String, element: String, missing: CheckRule)] = [
            ("vendor", context.pack.vendor, "vendor", .missingVendor), ("pack name", context.pack.name, "name", .missingName),
        ]
        for check in checks {
            if check.value.isEmpty {
                log.add(check.missing, line: context.headerLine(check.element), "<\(check.element)> of the package is missing or empty")
                continue
            }
            do {
                try PackNaming.validateIdentifier(check.value, role: check.role)
            } catch {
                log.add(.invalidName, line: context.headerLine(check.element), "<\(check.element)> '\(check.value)': \(error.reason)")
            }
        }
    }

    /// The published name is `<vendor>.<name>.pdsc`, and tools rely on it;
    /// the cache keeps `<vendor>.<name>.<version>.pdsc` with a version the
    /// description lists. A pack is `<vendor>.<name>.<version>.pack` with
    /// its newest version.
    private static func checkFileNames(_ context: CheckContext, into log: inout FindingLog) {
        let pack = context.pack
        let line = context.headerLine("name")
        let expected = "\(pack.vendor).\(pack.name)"
        let fileName = context.fileName
        var stem = fileName
        if fileName.lowercased().hasSuffix(".pdsc") {
            stem = String(fileName.dropLast(5))
            if !fileName.hasSuffix(".pdsc") {
                log.add(.uppercaseExtension, line: line, "'\(fileName)': the extension must be '.pdsc' in lower case")
            }
        }
        // A cache names its copies <vendor>.<name>.<version>.pdsc; packchk
        // (M207) does not accept that for a description with its files.
        let isCacheCopy = context.files == nil && context.packFileName == nil
        let cacheNames = isCacheCopy ? Set(pack.releases.map { "\(expected).\($0.version)" }) : []
        if stem != expected && !cacheNames.contains(stem) {
            let how = stem.lowercased() == expected.lowercased() ? " (the case differs)" : ""
            log.add(.fileNameMismatch, line: line, "the file is named '\(fileName)' but the content says '\(expected).pdsc'\(how)")
        }
        guard let packFileName = context.packFileName, let expectedPack = pack.standardPackFileName else { return }
        // The first release is the pack's version (releases are newest first).
        if packFileName != expectedPack {
            let how = packFileName.lowercased() == expectedPack.lowercased() ? " (the case differs)" : ""
            log.add(.fileNameMismatch, line: line, "the pack is named '\(packFileName)' but the content says '\(expectedPack)'\(how)")
        }
    }

    private static func checkURL(_ url: String, line: Int, into log: inout FindingLog) {
        if url.isEmpty {
            log.add(.missingURL, line: line, "<url> is missing or empty: tools cannot find where the pack is published")
            return
        }
        let bytes = Array(url.utf8)
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":") {
            log.add(.driveURL, line: line, "<url> '\(url)' names a drive; give the web address the pack is published at")
            return
        }
        if url.contains("\\") {
            log.add(.backslashURL, line: line, "<url> '\(url)' uses backslashes; a URL has '/'")
        }
        let lowered = url.lowercased()
        if lowered.hasPrefix("http://") {
            log.add(.insecureURL, line: line, "<url> '\(url)' uses http; publish over https")
        } else if !lowered.hasPrefix("https://") {
            log.add(.invalidURL, line: line, "<url> '\(url)' has no http:// or https:// scheme; tools may not read it as a web address")
        }
        if !url.hasSuffix("/") {
            log.add(.urlWithoutSlash, line: line, "<url> '\(url)' does not end with '/' (tools append the file name)")
        }
    }

    /// `-u`: the `<url>` starts with the given URL (trailing '/' ignored,
    /// case ignored), as packchk compares them.
    private static func checkURL(_ url: String, against reference: String, line: Int, into log: inout FindingLog) {
        var wanted = reference.replacingOccurrences(of: "\"", with: "")
        while wanted.hasSuffix("/") { wanted.removeLast() }
        guard !wanted.isEmpty, !url.lowercased().hasPrefix(wanted.lowercased()) else { return }
        log.add(.urlMismatch, line: line, "<url> '\(url)' is not the URL given with -u, '\(reference)'")
    }
}
