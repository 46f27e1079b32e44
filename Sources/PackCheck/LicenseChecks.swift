import CMSISPack
/// Licences: a pack names at least one (`<license>` or `<licenseSets>`);
/// licence sets have unique ids, one default at most, and licences with a
/// file and a title. Their paths are `FileChecks`'.
enum LicenseChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        let license = context.pack.license?.trimmingXMLWhitespace() ?? ""
        guard let sets = context.root.child("licenseSets") else {
            if license.isEmpty {
                log.add(.noLicense, line: context.root.line, "the pack names no licence: add <license> or <licenseSets>")
            }
            return
        }
        let items = sets.children("licenseSet")
        if items.isEmpty {
            log.add(.missingEntry, line: sets.line, "<licenseSets> holds no <licenseSet>")
            if license.isEmpty {
                log.add(.noLicense, line: context.root.line, "the pack names no licence: add <license> or a <licenseSet>")
            }
        }
        var ids: [String: Int] = [:]
        var defaultLine: Int?
        for set in items {
            let id = set["id"]?.trimmingXMLWhitespace() ?? ""
            if id.isEmpty {
                log.add(.licenseSetWithoutID, line: set.line, "<licenseSet> has no id; components name licence sets by id")
            } else if let first = ids[id] {
                log.add(.duplicateLicenseSet, line: set.line, "licence set '\(id)' is defined again (first on line \(first))")
            } else {
                ids[id] = set.line
            }
            if SpecBool.parse(set["default"]) == true {
                if let first = defaultLine {
                    log.add(.severalDefaultLicenseSets, line: set.line, "licence set '\(id)' is a default too (the first default is on line \(first))")
                } else {
                    defaultLine = set.line
                }
            }
            let licenses = set.children("license")
            if licenses.isEmpty {
                log.add(.missingEntry, line: set.line, "licence set '\(id)' holds no <license>")
            }
            for license in licenses {
                for attribute in ["name", "title"] where (license[attribute] ?? "").trimmingXMLWhitespace().isEmpty {
                    log.add(.missingEntry, line: license.line, "<license> of licence set '\(id)' has no \(attribute)")
                }
            }
        }
    }
}
