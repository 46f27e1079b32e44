import CMSISPack
import Foundation

/// A folder where pack-manager keeps fetched files, with its working folder
/// `.cpm/` inside (temporary files, partial downloads, index copies, HTTP
/// validators): the cache's data folder, a pack root's `.Web/`, or a
/// temporary folder of `index build` and `mirror`.
///
/// ```swift
/// let store = try OwnedFolder.claim(dataPath, for: .data)!.store
/// try store.work.inside("tmp")!.resetWorkFolder()
/// ```
public struct StoreFolder: Sendable {
    /// The folder itself.
    public let base: Place
    /// `<base>/.cpm`: everything in it is ours.
    public let work: OwnedPath
    /// A temporary file of an atomic write at the top of `base`, as ours.
    let leftover: @Sendable (String) -> OwnedPath?

    init(base: Place, work: OwnedPath, leftover: @escaping @Sendable (String) -> OwnedPath?) {
        self.base = base
        self.work = work
        self.leftover = leftover
    }

    /// A file at the top of the folder that an atomic write left when its
    /// run was killed (`.<name>.tmp-XXXXXX`), as ours; nil for any other name.
    public func atomicLeftover(_ name: String) -> OwnedPath? { leftover(name) }
}

extension OwnedFolder {
    /// The data folder as a store.
    public var store: StoreFolder {
        let folder = self
        return StoreFolder(base: self.folder.top, work: workFolder, leftover: { name in
            FolderLayout.isAtomicLeftover(name) ? folder.entry(name) : nil
        })
    }
}

extension TemporaryFolder {
    /// The temporary folder as a store (all of it is ours).
    public var store: StoreFolder {
        let top = folder.top
        let proof = "a temporary folder this run created"
        return StoreFolder(base: top, work: OwnedPath(try! top.child(FolderLayout.workName), proof: proof, scope: .workFolder),
                           leftover: { name in
                               guard FolderLayout.isAtomicLeftover(name), let place = try? top.child(name) else { return nil }
                               return OwnedPath(place, proof: proof)
                           })
    }
}
