import CMSISPack
import OwnedFiles

/// The size and time of the file a record was read from, kept in packs.json
/// so a later run re-reads only the descriptions that changed.
extension PackRecord {
    mutating func stampSource(_ path: String) {
        guard let stat = FileStat(path) else { return }
        sourceSize = stat.size
        sourceModified = stat.modified
    }

    /// Whether the file, as `FileStat` sees it now, still has the recorded size and time.
    func sourceUnchanged(_ stat: FileStat) -> Bool {
        sourceSize == stat.size && sourceModified.map { abs($0 - stat.modified) < 1e-3 } == true
    }
}
