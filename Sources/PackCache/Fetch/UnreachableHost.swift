import Foundation
import NIOCore
import NIOPosix

/// A host that cannot be reached at all: its name does not resolve, nothing
/// listens on the port, or there is no route. Asking again within the run
/// does not help, so these fail at once (offline, a mistyped host, a proxy
/// that is not running), with a message that says which host and why.
enum UnreachableHost {
    static func kind(of error: Error, url: String) -> FetchError.Kind? {
        let requested = URL(string: url)?.host
        if let connection = error as? NIOConnectionError {
            let via = proxyNote(connection.host, requested: requested)
            if (connection.dnsAError ?? connection.dnsAAAAError) != nil, connection.connectionErrors.isEmpty {
                return .unreachable("cannot resolve the host name '\(connection.host)'\(via) (offline, or a mistyped host?)")
            }
            for failure in connection.connectionErrors {
                if let io = failure.error as? IOError, let reason = reason(io.errnoCode) {
                    return .unreachable("\(reason) at \(connection.host):\(connection.port)\(via)")
                }
            }
        }
        if let io = error as? IOError, let reason = reason(io.errnoCode) {
            return .unreachable(reason + (hostAndPort(url).map { " at \($0)" } ?? ""))
        }
        return nil
    }

    private static func hostAndPort(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }

    private static func reason(_ code: Int32) -> String? {
        switch code {
        case ECONNREFUSED: return "connection refused (nothing listens there)"
        case ENETUNREACH: return "network unreachable"
        case EHOSTUNREACH: return "no route to the host"
        default: return nil
        }
    }

    /// Requests go through the proxy of http_proxy/https_proxy when one is set;
    /// a failure to reach it says so.
    private static func proxyNote(_ host: String, requested: String?) -> String {
        guard let requested, host.lowercased() != requested.lowercased() else { return "" }
        return " (the proxy from http_proxy/https_proxy, for \(requested))"
    }
}
