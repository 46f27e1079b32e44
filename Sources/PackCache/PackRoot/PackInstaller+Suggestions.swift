import CMSISPack
import OwnedFiles
import Foundation

extension PackInstaller {
    /// A named pack the root does not know: the packs it knows by a close
    /// name (another case, a mistyped or swapped letter), else how to get it.
    static func notInIndex(_ family: PackFamily, layout: PackRootLayout, inventory: PackRootInventory) -> InstallError {
        let hasIndex = layout.exists && FileManager.default.fileExists(atPath: layout.indexPath)
        let known = Array(inventory.publicIndex().keys) + inventory.registered().map(\.entry.reference.family)
            + inventory.installed().map(\.reference.family)
        let similar = NameSuggestions.closest(to: "\(family.vendor)::\(family.name)", in: known.map { "\($0.vendor)::\($0.name)" }, limit: 5)
        var hint = hasIndex
            ? "it is not in the pack root's index (\(layout.indexPath))"
            : "the pack root has no index yet"
        if !similar.isEmpty {
            hint += "; did you mean \(CacheError.choice(similar))? (names are matched exactly, case included)"
        }
        hint += hasIndex ? "; run `pack-manager pack update-index`, or give the .pack file or URL"
            : "; run `pack-manager pack init`, or give the .pack file or URL"
        return .notInIndex(pack: "\(family.vendor)::\(family.name)", hint: hint)
    }
}
