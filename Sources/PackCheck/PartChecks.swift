import CMSISPack
/// `<parts>`: Hvendor, Hname, Hrevision, Hclass, Hvariant, Hgroup and Hsub
/// identify a part, so no two parts may share all seven.
enum PartChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        var seen: [[String?]: Int] = [:]
        for part in context.pack.parts {
            if let first = seen[part.identity] {
                log.add(.duplicatePart, line: part.line,
                        "part '\(part.name)' of '\(part.vendor)' repeats the part on line \(first) (Hvendor, Hname, Hrevision, Hclass, Hvariant, Hgroup and Hsub must be unique together)")
            } else {
                seen[part.identity] = part.line
            }
        }
    }
}
