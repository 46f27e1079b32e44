import Foundation

/// Paths from pack files that become local file names: relative, inside the
/// destination, no '..' components.
public enum SafePath {
    /// The normalised relative path, or nil when it would leave the folder.
    public static func relative(_ path: String) -> String? {
        let normalized = path.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("/") || normalized.contains("\0") { return nil }
        if normalized.count >= 2, normalized.dropFirst().first == ":" { return nil }  // C:/...
        var components: [Substring] = []
        for component in normalized.split(separator: "/") {
            switch component {
            case "", ".": continue
            case "..": return nil
            default: components.append(component)
            }
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }
}
