import Foundation
import CMSISPack

/// Where the cache and the index live.
///
/// Defaults are the reference's: `user_data_dir('cmsis-pack-manager')`, which
/// on Linux is `$XDG_DATA_HOME/cmsis-pack-manager` or
/// `~/.local/share/cmsis-pack-manager`, for both data and JSON. Environment
/// variables override the defaults (pyOCD passes no paths), and explicit
/// paths override both. One rule: a command acts on the folders it is
/// given, or on the defaults when none is given; so the index follows an
/// explicit data folder unless an index folder is given too (a command
/// given only `--data-path X` never reaches the default index folder).
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

    /// Whether the data folder is the default one (no option, no variable).
    public let dataPathIsDefault: Bool
    /// Whether the index folder is the default one.
    public let jsonPathIsDefault: Bool

    public init(dataPath: String? = nil, jsonPath: String? = nil, vendorListPath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        let fallback = Self.defaultDirectory(environment: environment)
        let namedData = Self.nonEmpty(dataPath) ?? Self.nonEmpty(environment[Self.dataPathVariable])
        self.dataPath = Self.expandTilde(namedData ?? fallback, environment: environment)
        dataPathIsDefault = namedData == nil
        let namedJSON = Self.nonEmpty(jsonPath) ?? Self.nonEmpty(dataPath)
            ?? Self.nonEmpty(environment[Self.jsonPathVariable]) ?? Self.nonEmpty(environment[Self.dataPathVariable])
        self.jsonPath = Self.expandTilde(namedJSON ?? fallback, environment: environment)
        jsonPathIsDefault = namedJSON == nil
        let list = Self.nonEmpty(vendorListPath) ?? Self.nonEmpty(environment[Self.vendorListVariable])
            ?? (self.dataPath as NSString).appendingPathComponent("vendors.list")
        self.vendorListPath = Self.expandTilde(list, environment: environment)
    }

    public var indexPaths: IndexPaths { IndexPaths(directory: jsonPath) }

    /// `user_data_dir('cmsis-pack-manager')` of Python's appdirs on Linux.
    public static func defaultDirectory(environment: [String: String]) -> String {
        UserPaths.defaultDataFolder(environment: environment)
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


