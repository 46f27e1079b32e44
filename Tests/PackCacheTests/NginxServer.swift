import Foundation
import Testing
import TestSupport

/// A real nginx (Debian's package) serving a folder on 127.0.0.1, as a
/// company would serve a mirror: configuration, pid file, logs and temporary
/// folders all in a fresh folder, `daemon off` so the test owns the process,
/// and an access log that records the conditional and Range headers of
/// every request.
final class NginxServer {
    struct Request: Equatable {
        var method: String
        var path: String
        var status: Int
        var bytes: Int
        var ifNoneMatch: String
        var ifModifiedSince: String
        var range: String
        /// nginx's connection serial number: requests with the same one shared a connection.
        var connection: Int
        /// HTTP/1.1 or HTTP/2.0.
        var protocolName: String
        var userAgent: String

        var isConditional: Bool { !ifNoneMatch.isEmpty || !ifModifiedSince.isEmpty }
    }

    static let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// How the server listens, beyond serving `root` as static files.
    struct Options {
        /// Answer `.pack` files at this many bytes per second (nginx's `limit_rate`).
        var rateLimitedPacks: Int?
        /// TLS with this certificate and key (PEM files).
        var tls: (certificate: String, key: String)?
        /// Offer HTTP/2 (ALPN) on the TLS port.
        var http2 = false
        /// More directives at the `http` level (zones) and inside the `server`.
        var httpDirectives = ""
        var serverDirectives = ""
    }

    let root: String
    let home: String
    private let process: LocalServerProcess
    var port: Int { process.port }
    private let tls: Bool
    var baseURL: String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }
    var accessLog: String { home + "/access.log" }

    /// `rateLimitedPacks`: answer `.pack` files at this many bytes per second
    /// (nginx's `limit_rate`), so a test can interrupt a download.
    convenience init(root: String, rateLimitedPacks: Int? = nil) throws {
        try self.init(root: root, options: Options(rateLimitedPacks: rateLimitedPacks))
    }

    init(root: String, options: Options) throws {
        tls = options.tls != nil
        let binary = try #require(Self.binary, "nginx is missing: install it with 'apt-get install nginx' (.ci/run does when it is missing)")
        let root = URL(fileURLWithPath: root).standardizedFileURL.path
        let home = Corpus.temporaryDirectory("nginx")
        self.root = root
        self.home = home
        for folder in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(atPath: home + "/" + folder, withIntermediateDirectories: true)
        }
        process = try LocalServerProcess(name: "nginx", home: home, launch: { port in
            let rate = options.rateLimitedPacks.map { "location ~ \\.pack$ { limit_rate \($0); }" } ?? ""
            let listen = options.tls == nil ? "" : " ssl" + (options.http2 ? " http2" : "")
            let certificates = options.tls.map { "ssl_certificate \($0.certificate); ssl_certificate_key \($0.key);" } ?? ""
            // As root, nginx's workers would run as nobody, who cannot read files
            // written 0600 into a private temporary folder; this server serves only that folder.
            let user = geteuid() == 0 ? "user root;" : ""
            let configuration = """
            \(user)
            worker_processes 1;
            pid \(home)/nginx.pid;
            error_log \(home)/error.log warn;
            events { worker_connections 256; }
            http {
                types {
                    text/html html; text/css css; application/javascript js; application/json json;
                    application/xml pidx vidx pdsc; application/zip pack; text/plain checksum;
                }
                default_type application/octet-stream;
                log_format cpm '$request_method\\t$uri\\t$status\\t$body_bytes_sent\\t$http_if_none_match\\t$http_if_modified_since\\t$http_range\\t$connection\\t$server_protocol\\t$http_user_agent';
                access_log \(home)/access.log cpm;
                client_body_temp_path \(home)/client_body;
                proxy_temp_path \(home)/proxy;
                fastcgi_temp_path \(home)/fastcgi;
                uwsgi_temp_path \(home)/uwsgi;
                scgi_temp_path \(home)/scgi;
                sendfile on;
                \(options.httpDirectives)
                server {
                    listen 127.0.0.1:\(port)\(listen);
                    \(certificates)
                    root \(root);
                    \(rate)
                    \(options.serverDirectives)
                }
            }

            """
            try configuration.write(toFile: home + "/nginx.conf", atomically: true, encoding: .utf8)
            return [binary, "-p", home, "-c", home + "/nginx.conf", "-e", home + "/error.log", "-g", "daemon off;"]
        }, diagnosis: {
            let errors = (try? String(contentsOfFile: home + "/stderr", encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: home + "/error.log", encoding: .utf8)) ?? ""
            return "\(errors) \(log)"
        })
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    func stop() { process.stop() }

    /// Requests logged so far (nginx writes a line when it has answered).
    func requests() -> [Request] {
        guard let text = try? String(contentsOfFile: accessLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 7, let status = Int(fields[2]) else { return nil }
            func value(_ text: String) -> String { text == "-" ? "" : text }
            return Request(method: fields[0], path: fields[1], status: status, bytes: Int(fields[3]) ?? 0,
                           ifNoneMatch: value(fields[4]), ifModifiedSince: value(fields[5]), range: value(fields[6]),
                           connection: fields.count > 7 ? Int(fields[7]) ?? 0 : 0, protocolName: fields.count > 8 ? fields[8] : "",
                           userAgent: fields.count > 9 ? value(fields[9]) : "")
        }
    }

    func requests(since mark: Int) -> [Request] { Array(requests().dropFirst(mark)) }
}
