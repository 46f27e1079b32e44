import Foundation
import PackCache

/// Failures grouped by server and reason, so a server that is down gives one
/// line ("20 descriptions from http://127.0.0.1:8080: cannot connect: connection
/// refused …"), not one per description. The server is named by its origin
/// (scheme, host, port), so the line still says where it went. A failure's reason starts with the
/// URL it was fetched from; the rest is what went wrong there.
struct FailureGroups {
    /// From this many failures with the same server and reason on, one line says them all.
    static let threshold = 4

    struct Group {
        var host: String
        var reason: String
        var failures: [UpdateReport.Failure] = []
        var subjects: [String] { failures.map(\.subject) }
    }

    let groups: [Group]

    init(_ failures: [UpdateReport.Failure]) {
        var order: [String] = []
        var byKey: [String: Group] = [:]
        for failure in failures {
            let (host, reason) = Self.split(failure.reason)
            let key = host + "\u{0}" + reason
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = Group(host: host, reason: reason)
            }
            byKey[key]!.failures.append(failure)
        }
        groups = order.map { byKey[$0]! }
    }

    /// `http://host:port/path: what happened` → ("http://host:port", "what happened");
    /// a reason of another form is its own group.
    static func split(_ reason: String) -> (host: String, reason: String) {
        guard reason.hasPrefix("http://") || reason.hasPrefix("https://"),
              let schemeEnd = reason.range(of: "://"),
              let separator = reason.range(of: ": ", range: schemeEnd.upperBound..<reason.endIndex),
              let url = URL(string: String(reason[..<separator.lowerBound])), let host = url.host else {
            return (reason, reason)
        }
        let origin = (url.scheme ?? "http") + "://" + (url.port.map { "\(host):\($0)" } ?? host)
        return (origin, String(reason[separator.upperBound...]))
    }
}
