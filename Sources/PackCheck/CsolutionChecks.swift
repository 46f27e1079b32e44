import CMSISPack
/// `<csolution>`: layers and project templates name their type or name,
/// folder and file, and templates describe themselves. Their paths are
/// `FileChecks`'.
enum CsolutionChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        guard let section = context.root.child("csolution") else { return }
        for entry in section.children where entry.isSchemaElement {
            switch entry.name {
            case "clayer":
                require(["type", "path", "file"], of: entry, into: &log)
            case "template":
                require(["name", "path", "file"], of: entry, into: &log)
                if entry.child("description") == nil {
                    log.add(.missingEntry, line: entry.line, "<template> has no <description>")
                }
            default:
                continue
            }
        }
    }

    private static func require(_ attributes: [String], of entry: XMLElement, into log: inout FindingLog) {
        for attribute in attributes where (entry[attribute] ?? "").isEmpty {
            log.add(.missingEntry, line: entry.line, "<\(entry.name)> has no \(attribute)")
        }
    }
}
