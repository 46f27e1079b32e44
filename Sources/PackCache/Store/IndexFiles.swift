import CMSISPack
import Foundation
import OwnedFiles

/// The device index on disk: `index.json`, `aliases.json` and `packs.json`
/// written into the index folder (claimed as pack-manager's), each atomically.
enum IndexFiles {
    static func write(_ index: DeviceIndex, to locations: CacheLocations) throws(CacheError) {
        let folder = try folderStep { () throws(FolderError) in try OwnedFolder.claim(locations.jsonPath, for: .index)! }
        let contents = try fileStep { () throws(FileError) in try index.files(locations.indexPaths) }
        for (name, bytes) in contents {
            try fileStep { () throws(FileError) in try folder.folder.top.child(name).write(bytes) }
        }
    }
}
