import CMSISPack
import Foundation

/// Finds PACK.xsd for `check`: the file asked for, else `$CMSIS_PACK_SCHEMA`,
/// else the newest ARM.CMSIS pack installed under the pack root
/// (`$CMSIS_PACK_ROOT`, by default `$XDG_CACHE_HOME/arm/packs` or `~/.cache/arm/packs`, as cpackget lays it
/// out: `ARM/CMSIS/<version>/CMSIS/Utilities/PACK.xsd`).
///
/// ```swift
/// let found = SchemaLocator.find(explicit: nil, environment: ProcessInfo.processInfo.environment)
/// found.path       // "/home/me/.cache/arm/packs/ARM/CMSIS/6.1.0/CMSIS/Utilities/PACK.xsd", or nil
/// found.searched   // where it looked, for the note when nothing was found
/// ```
public enum SchemaLocator {
    public static let schemaVariable = "CMSIS_PACK_SCHEMA"

    public struct Result: Sendable, Equatable {
        public let path: String?
        public let searched: [String]
    }

    public static func find(explicit: String?, environment: [String: String]) -> Result {
        if let explicit { return Result(path: explicit, searched: [explicit]) }
        var searched: [String] = []
        if let variable = environment[schemaVariable], !variable.isEmpty {
            if FileManager.default.isReadableFile(atPath: variable) { return Result(path: variable, searched: [variable]) }
            searched.append("$\(schemaVariable)=\(variable) (no such file)")
        }
        let root = UserPaths.defaultPackRoot(environment: environment)
        let versions = root + "/ARM/CMSIS"
        searched.append(versions + "/*/CMSIS/Utilities/PACK.xsd")
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? []
        let newestFirst = installed.compactMap { name in SemanticVersion(name).map { (name, $0) } }.sorted { $0.1 > $1.1 }
        for (name, _) in newestFirst {
            let candidate = "\(versions)/\(name)/CMSIS/Utilities/PACK.xsd"
            if FileManager.default.isReadableFile(atPath: candidate) { return Result(path: candidate, searched: searched) }
        }
        return Result(path: nil, searched: searched)
    }
}
