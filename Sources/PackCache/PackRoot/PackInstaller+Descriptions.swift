import CMSISPack

/// Where a pack id finds its versions: the public pack's description in
/// `.Web`, fetched on demand as cpackget does (`init` fetches the index
/// only), else, for a pack that is not public, its description in `.Local`.
extension PackInstaller {
    /// Fetches `.Web/<Vendor>.<Name>.pdsc` when it is missing or older than
    /// the version the index lists. On failure the index entry alone still
    /// names one version, so the reason becomes a note, not an error.
    func fetchWebDescriptionIfNeeded(_ family: PackFamily, report: inout Report) async {
        guard let entry = inventory.publicIndex()[family] else { return }
        if let held = inventory.webDescription(family)?.latestRelease?.semanticVersion,
           let listed = entry.reference.semanticVersion, held >= listed {
            return
        }
        do {
            _ = try await WebIndexUpdate(root: root, fetcher: fetcher, progress: progress).fetchDescription(entry)
        } catch {
            report.notes.append("the description of \(family) could not be fetched (\(error.description)); using the version the index lists")
        }
    }
}
