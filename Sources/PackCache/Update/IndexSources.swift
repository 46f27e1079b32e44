import Foundation

/// Which pack indexes to read: `--index-url` options, else the
/// `CMSIS_PACK_MANAGER_INDEX_URLS` variable, else the lines of the vendor
/// list file (`vendors.list` in the data folder, or `--vidx-list`), which is
/// created with Keil's index when it does not exist, as the reference does.
public enum IndexSources {
    public static let defaultIndexURL = "https://www.keil.com/pack/index.pidx"
    public static let indexURLsVariable = "CMSIS_PACK_MANAGER_INDEX_URLS"

    public static func resolve(indexURLs: [String], locations: CacheLocations, vendorListGiven: Bool,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(CacheError) -> [String] {
        if !indexURLs.isEmpty { return indexURLs.map { FetchURL.resolve($0) } }
        if let variable = environment[indexURLsVariable], !variable.trimmingCharacters(in: .whitespaces).isEmpty {
            return variable.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).map { FetchURL.resolve(String($0)) }
        }
        let path = locations.vendorListPath
        if !FileManager.default.fileExists(atPath: path) {
            if vendorListGiven {
                throw .filesystem(path: path, reason: "the vendor index list does not exist (a text file of index URLs, one per line)")
            }
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data((defaultIndexURL + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .filesystem(path: path, reason: "cannot create the vendor index list: \(error.localizedDescription)")
            }
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .filesystem(path: path, reason: "cannot read the vendor index list: \(error.localizedDescription)")
        }
        let urls = ListFile.entries(text).map { FetchURL.resolve($0, relativeTo: URL(fileURLWithPath: path).absoluteString) }
        if urls.isEmpty { throw .filesystem(path: path, reason: "the vendor index list names no index URL") }
        return urls
    }
}
