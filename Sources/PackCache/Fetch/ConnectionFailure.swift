import AsyncHTTPClient
import Foundation

/// Failures where the user has something to set rather than to wait for:
/// a certificate that the trusted roots do not lead to (a company proxy
/// re-signing TLS), and a proxy that wants other credentials. The message
/// names what was trusted or which proxy, and what to give.
enum ConnectionFailure {
    static func kind(of error: Error, url: String, configuration: FetchConfiguration) -> FetchError.Kind? {
        if let client = error as? HTTPClientError, client == .proxyAuthenticationRequired || client == .invalidProxyResponse {
            let target = URL(string: url).flatMap { configuration.proxies.server(for: $0) }
            let place = target.map { " at \($0.host):\($0.port)" } ?? ""
            if client == .proxyAuthenticationRequired {
                let given = target?.username == nil ? "none were given" : "those given were refused"
                return .unreachable("the proxy\(place) asks for credentials (HTTP 407) and \(given); "
                    + "give them in http_proxy/https_proxy as http://user:password@host:port (percent-encode special characters)")
            }
            let credentials = target?.username == nil ? "it may want credentials" : "check the credentials given"
            return .unreachable("the proxy\(place) refused to open a connection to the server (its answer to CONNECT was not 2xx): "
                + "\(credentials) (http_proxy/https_proxy as http://user:password@host:port), and that it lets this host and port through")
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.lowercased().contains("certificate verify failed") {
            return .tls("the server's certificate is not signed by a CA trusted here (\(configuration.trust.origin)). "
                + "Behind a company proxy that re-signs TLS, trust its CA with --cacert FILE (or SSL_CERT_FILE, REQUESTS_CA_BUNDLE)")
        }
        if text.contains("failedToValidateHostname") || text.contains("HOSTNAME_MISMATCH") {
            return .tls("the server's certificate does not name this host")
        }
        return nil
    }
}
