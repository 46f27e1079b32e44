import CMSISPack
import Foundation

/// Which pack indexes to read: `--index-url` options, else the
/// `CMSIS_PACK_MANAGER_INDEX_URLS` variable, else the lines of the vendor
/// list file (`vendors.list` in the data folder, or `--vidx-list`), which is
/// created with Keil's index when it does not exist, as the reference does.
public enum IndexSources {
    public static let defaultIndexURL = "https://www.keil.com/pack/index.pidx"
    public static let indexURLsVariable = "CMSIS_PACK_MANAGER_INDEX_URLS"
    /// The vendor list written when there is none.
    public static let defaultVendorList = defaultIndexURL + "\n"

    public static func resolve(indexURLs: [String], locations: CacheLocations, vendorListGiven: Bool,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(CacheError) -> [String] {
        if !indexURLs.isEmpty { return indexURLs.map { FetchURL.resolve($0) } }
        if let variable = environment[indexURLsVariable], !variable.trimmingCharacters(in: .whitespaces).isEmpty {
            return variable.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).map { FetchURL.resolve(String($0)) }
        }
        let path = locations.vendorListPath
        if FileStat(path) == nil {
            if vendorListGiven {
                throw .invalidPath(path: path, reason: "the vendor index list does not exist (a text file of index URLs, one per line)")
            }
            // Written into the data folder (or where the variable says), claimed first.
            let folder = (path as NSString).deletingLastPathComponent
            if folder == locations.dataPath { try OwnedFolder.claim(folder, for: .data) }
            do {
                try FileOps.createDirectory(folder)
                try FileBytes.writeAtomically(Array(defaultVendorList.utf8), to: path)
            } catch { throw .file(error) }
        }
        let text: String
        do { text = String(decoding: try FileBytes.read(path), as: UTF8.self) } catch { throw .file(error) }
        let urls = ListFile.entries(text).map { FetchURL.resolve($0, relativeTo: URL(fileURLWithPath: path).absoluteString) }
        if urls.isEmpty { throw .invalidPath(path: path, reason: "the vendor index list names no index URL") }
        return urls
    }
}
