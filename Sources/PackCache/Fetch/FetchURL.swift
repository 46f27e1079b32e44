import Foundation

/// URLs as index files and users write them: http(s)://, file://, plain
/// paths, and paths relative to the index they appear in.
public enum FetchURL {
    /// An absolute URL for `text`, read relative to `base` when it is relative.
    public static func resolve(_ text: String, relativeTo base: String? = nil) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("file:") {
            return trimmed
        }
        if trimmed.hasPrefix("/") {
            return URL(fileURLWithPath: trimmed).absoluteString
        }
        if let base, let baseURL = URL(string: base), let resolved = URL(string: trimmed, relativeTo: baseURL) {
            return resolved.absoluteURL.absoluteString
        }
        // A relative path on the command line: relative to the working folder.
        if !trimmed.contains("://") {
            return URL(fileURLWithPath: trimmed).absoluteString
        }
        return trimmed
    }

    public static func isLocal(_ url: String) -> Bool {
        url.lowercased().hasPrefix("file:")
    }

    /// The local path a `file:` URL names (nil for other URLs).
    public static func localPath(_ url: String) -> String? {
        guard isLocal(url), let parsed = URL(string: url), parsed.isFileURL else { return nil }
        // cpackget writes file://localhost/ + an absolute path, so the path starts with "//".
        var path = parsed.path
        while path.hasPrefix("//") { path.removeFirst() }
        return path
    }

    /// The server a URL is paced by (scheme, host and port), for per-host limits.
    static func hostKey(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? "http"
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return scheme + "://" + (url.host ?? "local").lowercased() + ":" + String(port)
    }
}
