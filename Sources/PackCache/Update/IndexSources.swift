import CMSISPack
import OwnedFiles
import Foundation

/// Which pack indexes to read: `--index-url` options, else the
/// `CMSIS_PACK_MANAGER_INDEX_URLS` variable, else a vendor list named with
/// `--vidx-list` or `CMSIS_PACK_MANAGER_VIDX_LIST`, else the index URLs the
/// last `--index-url` of this data folder gave (remembered in
/// `.cpm/index-urls`, as `pack init` remembers its index), else the lines of
/// `vendors.list` in the data folder, which is created with Keil's index
/// when it does not exist, as the reference does.
public enum IndexSources {
    public static let defaultIndexURL = "https://www.keil.com/pack/index.pidx"
    public static let indexURLsVariable = "CMSIS_PACK_MANAGER_INDEX_URLS"
    /// The vendor list written when there is none.
    public static let defaultVendorList = defaultIndexURL + "\n"

    /// Where the URLs came from, for the summary.
    public enum Origin: Sendable, Equatable {
        case options, environment, vendorList(String), remembered(String)
    }

    public static func resolve(indexURLs: [String], locations: CacheLocations, vendorListGiven: Bool,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(CacheError) -> [String] {
        try choose(indexURLs: indexURLs, locations: locations, vendorListGiven: vendorListGiven, environment: environment).urls
    }

    public static func choose(indexURLs: [String], locations: CacheLocations, vendorListGiven: Bool,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(CacheError) -> (urls: [String], origin: Origin) {
        if !indexURLs.isEmpty { return (indexURLs.map { FetchURL.resolve($0) }, .options) }
        if let variable = environment[indexURLsVariable], !variable.trimmingCharacters(in: .whitespaces).isEmpty {
            return (variable.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).map { FetchURL.resolve(String($0)) }, .environment)
        }
        // A vendor list named anywhere (the option, the variable, Python's vidx_list) wins over memory.
        let defaultList = (locations.dataPath as NSString).appendingPathComponent("vendors.list")
        let listNamed = vendorListGiven || !(environment[CacheLocations.vendorListVariable] ?? "").isEmpty
            || locations.vendorListPath != defaultList
        if !listNamed, let remembered = remembered(locations: locations) {
            return (remembered, .remembered(rememberedPath(locations)))
        }
        return (try vendorList(locations: locations, vendorListGiven: vendorListGiven), .vendorList(locations.vendorListPath))
    }

    /// `.cpm/index-urls` of the data folder: ours, and gone with `cache clean`.
    static func rememberedPath(_ locations: CacheLocations) -> String {
        locations.dataPath + "/" + FolderLayout.workName + "/index-urls"
    }

    static func remembered(locations: CacheLocations) -> [String]? {
        // Our own file, read only when it is one (never through a link).
        guard FileStat(rememberedPath(locations), followingLinks: false)?.isFile == true,
              let bytes = try? FileBytes.read(rememberedPath(locations)) else { return nil }
        let urls = ListFile.entries(String(decoding: bytes, as: UTF8.self))
        return urls.isEmpty ? nil : urls
    }

    /// Keeps the index URLs given with `--index-url`, so that later runs on
    /// this data folder (`cache devices X`, Python's updates) follow the same
    /// index. Call after the store is prepared (its `.cpm/` exists).
    public static func remember(_ urls: [String], locations: CacheLocations) throws(CacheError) {
        let text = "# index URLs of the last --index-url; replaced by the next one, removed by cache clean\n"
            + urls.map { FetchURL.resolve($0) + "\n" }.joined()
        let data = try folderStep { () throws(FolderError) in try OwnedFolder.claim(locations.dataPath, for: .data)! }
        try fileStep { () throws(FileError) in try data.workFolder.inside("index-urls")!.place.write(Array(text.utf8)) }
    }

    private static func vendorList(locations: CacheLocations, vendorListGiven: Bool) throws(CacheError) -> [String] {
        let path = locations.vendorListPath
        if FileStat(path) == nil {
            if vendorListGiven {
                throw .invalidPath(path: path, reason: "the vendor index list does not exist (a text file of index URLs, one per line)")
            }
            // Written into the data folder (or where the variable says), claimed first.
            let folder = (path as NSString).deletingLastPathComponent
            if folder == locations.dataPath {
                let data = try folderStep { () throws(FolderError) in try OwnedFolder.claim(folder, for: .data)! }
                try fileStep { () throws(FileError) in try data.place(path).write(Array(defaultVendorList.utf8)) }
            } else {
                try folderStep { () throws(FolderError) in try OutputFile.write(Array(defaultVendorList.utf8), to: path) }
            }
        }
        let text: String
        do { text = String(decoding: try FileBytes.read(path), as: UTF8.self) } catch { throw .file(error) }
        let urls = ListFile.entries(text).map { FetchURL.resolve($0, relativeTo: URL(fileURLWithPath: path).absoluteString) }
        if urls.isEmpty { throw .invalidPath(path: path, reason: "the vendor index list names no index URL") }
        return urls
    }
}
