import Foundation

/// Proxies as curl and most tools read them: `http_proxy` for http URLs,
/// `https_proxy` for https URLs (lower case first, then upper case), and
/// `no_proxy` for hosts reached directly.
public struct ProxySettings: Sendable, Equatable {
    public struct Server: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var username: String?
        public var password: String?
    }

    public var http: Server?
    public var https: Server?
    /// Host suffixes (".example.com" or "example.com") reached directly; "*" means all.
    public var bypass: [String]

    public init(http: Server? = nil, https: Server? = nil, bypass: [String] = []) {
        self.http = http
        self.https = https
        self.bypass = bypass
    }

    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            let found = environment[name] ?? environment[name.uppercased()]
            return found?.isEmpty == false ? found : nil
        }
        http = value("http_proxy").flatMap(Self.parse)
        https = value("https_proxy").flatMap(Self.parse)
        bypass = (value("no_proxy") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
    }

    static func parse(_ text: String) -> Server? {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else { return nil }
        return Server(host: host, port: components.port ?? 80, username: components.user, password: components.password)
    }

    /// The proxy for a URL, or nil to connect directly.
    public func server(for url: URL) -> Server? {
        guard let host = url.host?.lowercased() else { return nil }
        for entry in bypass {
            if entry == "*" { return nil }
            let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            let bare = suffix.split(separator: ":").first.map(String.init) ?? suffix
            if host == bare || host.hasSuffix("." + bare) { return nil }
        }
        switch url.scheme?.lowercased() {
        case "https": return https
        case "http": return http
        default: return nil
        }
    }
}
