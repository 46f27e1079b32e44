import Foundation

/// Folders named by the user's environment, worked out one way for every
/// command: the home folder, a leading `~`, and the CMSIS pack root.
public enum UserPaths {
    public static let packRootVariable = "CMSIS_PACK_ROOT"

    /// `$HOME` when set and not empty, else the account's home folder.
    public static func home(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// `path` with a leading `~` replaced by the home folder.
    public static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return home(environment) + path.dropFirst()
    }

    /// `user_data_dir('cmsis-pack-manager')` of Python's appdirs on Linux, the
    /// reference's data folder: `$XDG_DATA_HOME/cmsis-pack-manager`, else
    /// `~/.local/share/cmsis-pack-manager`.
    public static func defaultDataFolder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: expandingTilde(xdg, environment: environment)).standardizedFileURL.appendingPathComponent("cmsis-pack-manager").path
        }
        return home(environment) + "/.local/share/cmsis-pack-manager"
    }

    /// `$CMSIS_PACK_ROOT`, else `$CPACKGET_DEFAULT_MODE_PATH` (cpackget's
    /// override of its default root), else `$XDG_CACHE_HOME/arm/packs`, else
    /// `~/.cache/arm/packs`: where cpackget and CMSIS-Toolbox look.
    public static func defaultPackRoot(environment: [String: String]) -> String {
        for name in [packRootVariable, "CPACKGET_DEFAULT_MODE_PATH"] {
            if let variable = environment[name], !variable.isEmpty {
                return expandingTilde(variable, environment: environment)
            }
        }
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty {
            return expandingTilde(cache, environment: environment) + "/arm/packs"
        }
        return home(environment) + "/.cache/arm/packs"
    }
}
