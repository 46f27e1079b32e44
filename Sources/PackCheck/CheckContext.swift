import CMSISPack
/// What the checks of one pack description share: the XML as written (for
/// what the model does not keep, such as requirements it could not use), the
/// decoded model, the file names, and the pack's files when they are at hand.
struct CheckContext {
    let root: XMLElement
    let pack: PackDescription
    /// The `.pdsc` file name as found (no folders).
    let fileName: String
    /// The archive's file name when a `.pack` is checked.
    let packFileName: String?
    /// The pack's files; nil when only a `.pdsc` is checked.
    let files: PackFileTree?
    let today: CalendarDate
    /// Every device with its inherited properties, worked out once for all checks.
    let devices: [EffectiveDevice]
    /// This pack and the packs given with `-i`, for the checks that look
    /// beyond one pack (boards, dependencies, requirements).
    let catalog: PackCatalog
    /// Whether packs were given with `-i`: without them, a device or
    /// component from another pack cannot be found, and messages say so.
    let hasReferences: Bool
    /// `-u`: the URL the description's `<url>` must start with.
    let urlReference: String?
    /// One finding per device, as packchk (see `ProblemsByElement`).
    var findingPerDevice = true

    /// The line of a header element (`<url>`, `<name>`…), else of `<package>`.
    func headerLine(_ name: String) -> Int {
        pack.headerElements.first { $0.name == name }?.line ?? root.line
    }

    /// What to tell the user when something was not found in this pack and
    /// the packs given with `-i`.
    var elsewhereNote: String {
        hasReferences ? "nor in the packs given with -i" : "(give the pack that defines it with -i)"
    }
}

/// One group of checks; each group is a small file of its own.
protocol CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog)
}
