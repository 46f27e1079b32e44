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
        checkURL(pack.url, line: context.headerLine("url"), into: &log)
    }

    private static func checkNames(_ context: CheckContext, into log: inout FindingLog) {
        for (role, value, element) in [("vendor", context.pack.vendor, "vendor"), ("pack name", context.pack.name, "name")] {
            do {
                try PackNaming.validateIdentifier(value, role: role)
            } catch {
                log.add(.invalidName, line: context.headerLine(element), "<\(element)> '\(value)': \(error.reason)")
            }
        }
    }

    /// The published name is `<vendor>.<name>.pdsc`, and tools rely on it;
    /// a pack is `<vendor>.<name>.<version>.pack` with its newest version.
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
        if stem != expected {
            let how = stem.lowercased() == expected.lowercased() ? " (the case differs)" : ""
            log.add(.fileNameMismatch, line: line, "the file is named '\(fileName)' but the content says '\(expected).pdsc'\(how)")
        }
        guard let packFileName = context.packFileName, let version = pack.releases.first?.version, !version.isEmpty else { return }
        // The first release is the pack's version (releases are newest first).
        let expectedPack = "\(expected).\(version).pack"
        if packFileName != expectedPack {
            let how = packFileName.lowercased() == expectedPack.lowercased() ? " (the case differs)" : ""
            log.add(.fileNameMismatch, line: line, "the pack is named '\(packFileName)' but the content says '\(expectedPack)'\(how)")
        }
    }

    private static func checkURL(_ url: String, line: Int, into log: inout FindingLog) {
        let url = url.trimmingXMLWhitespace()
        if url.isEmpty {
            log.add(.missingURL, line: line, "<url> is missing or empty: tools cannot find where the pack is published")
            return
        }
        let lowered = url.lowercased()
        guard !url.contains("\\"), lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
              url.utf8.count > (lowered.hasPrefix("https://") ? 8 : 7)
        else {
            log.add(.invalidURL, line: line, "<url> '\(url)' is not an http(s) URL with forward slashes")
            return
        }
        if lowered.hasPrefix("http://") {
            log.add(.insecureURL, line: line, "<url> '\(url)' uses http; publish over https")
        }
        if !url.hasSuffix("/") {
            log.add(.urlWithoutSlash, line: line, "<url> '\(url)' does not end with '/' (tools append the file name)")
        }
    }
}
