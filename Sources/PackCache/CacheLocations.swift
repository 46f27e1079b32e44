import Foundation
import CMSISPack

/// Where the cache and the index live.
///
/// Defaults are the reference's: `user_data_dir('cmsis-pack-manager')`, which
/// on Linux is `$XDG_DATA_HOME/cmsis-pack-manager` or
/// `~/.local/share/cmsis-pack-manager`, for both data and JSON. Environment
/// variables override the defaults (pyOCD passes no paths), and explicit
/// paths override both.
public struct CacheLocations: Sendable, Equatable {
    /// Pack descriptions and packs (`<data>/<Vendor>.<Name>.<version>.pdsc`,
    /// `<data>/<Vendor>/<Name>/<version>.pack`).
    public var dataPath: String
    /// `index.json`, `aliases.json` and `packs.json`.
    public var jsonPath: String
    /// The text file listing index URLs, one per line.
    public var vendorListPath: String

    public static let dataPathVariable = "CMSIS_PACK_MANAGER_DATA_PATH"
    public static let jsonPathVariable = "CMSIS_PACK_MANAGER_JSON_PATH"
    public static let vendorListVariable = "CMSIS_PACK_MANAGER_VIDX_LIST"

    public init(dataPath: String? = nil, jsonPath: String? = nil, vendorListPath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        let fallback = Self.defaultDirectory(environment: environment)
        let data = Self.nonEmpty(dataPath) ?? Self.nonEmpty(environment[Self.dataPathVariable]) ?? fallback
        self.dataPath = Self.expandTilde(data, environment: environment)
        let json = Self.nonEmpty(jsonPath) ?? Self.nonEmpty(environment[Self.jsonPathVariable])
            ?? Self.nonEmpty(environment[Self.dataPathVariable]) ?? fallback
        self.jsonPath = Self.expandTilde(json, environment: environment)
        let list = Self.nonEmpty(vendorListPath) ?? Self.nonEmpty(environment[Self.vendorListVariable])
            ?? (self.dataPath as NSString).appendingPathComponent("vendors.list")
        self.vendorListPath = Self.expandTilde(list, environment: environment)
    }

    public var indexPaths: IndexPaths { IndexPaths(directory: jsonPath) }

    /// `user_data_dir('cmsis-pack-manager')` of Python's appdirs on Linux.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let xdg = nonEmpty(environment["XDG_DATA_HOME"]) {
            return (expandTilde(xdg, environment: environment) as NSString).appendingPathComponent("cmsis-pack-manager")
        }
        return UserPaths.home(environment) + "/.local/share/cmsis-pack-manager"
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// An absolute, standardised path (records in packs.json compare paths,
    /// so `data` and `/home/me/data` must be the same string).
    private static func expandTilde(_ path: String, environment: [String: String]) -> String {
        URL(fileURLWithPath: UserPaths.expandingTilde(path, environment: environment)).standardizedFileURL.path
    }
}


