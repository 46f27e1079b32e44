import AsyncHTTPClient
import CMSISPack
import OwnedFiles
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import NIOHTTP1

/// One HTTP(S) request with AsyncHTTPClient: conditional and range headers,
/// size limit, minimum speed, redirects. Retries are the Fetcher's job.
final class HTTPTransport: Sendable {
    private let configuration: FetchConfiguration
    /// One client per proxy (nil key: direct), so no_proxy can be honoured per host.
    private let clients: [ProxySettings.Server?: HTTPClient]

    init(configuration: FetchConfiguration) {
        self.configuration = configuration
        var clients: [ProxySettings.Server?: HTTPClient] = [:]
        for server in [nil, configuration.proxies.http, configuration.proxies.https] where clients[server] == nil {
            clients[server] = Self.makeClient(configuration, proxy: server)
        }
        self.clients = clients
    }

    private static func makeClient(_ configuration: FetchConfiguration, proxy: ProxySettings.Server?) -> HTTPClient {
        var settings = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: configuration.maximumRedirects, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(configuration.connectTimeout * 1000)),
                           read: .milliseconds(Int64(configuration.readTimeout * 1000))),
            connectionPool: .init(idleTimeout: .seconds(60),
                                  concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maximumRequestsPerHost),
            decompression: .enabled(limit: .ratio(50)))
        // HTTP/2 where the server offers it in the TLS handshake (ALPN); the
        // client then carries a host's requests on one connection.
        settings.httpVersion = configuration.allowsHTTP2 ? .automatic : .http1Only
        // A refused or unreachable host fails at once (our own retries, with
        // back-off, decide what happens next) instead of waiting for the
        // connect time-out.
        settings.connectionPool.retryConnectionEstablishment = false
        if let tls = configuration.trust.tlsConfiguration(skipVerification: configuration.skipsCertificateVerification) {
            settings.tlsConfiguration = tls
        }
        if let proxy {
            let authorization = proxy.username.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
            settings.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    func shutdown() async {
        for client in clients.values { try? await client.shutdown() }
    }

    /// `onAnswer` hears each answer's status and whether it came over
    /// HTTP/2, as soon as its head arrives (the host's gate learns from it).
    func fetchOnce(_ request: FetchRequest, url: URL, onAnswer: @Sendable (_ status: Int, _ http2: Bool) -> Void = { _, _ in },
                   onBytes: @escaping @Sendable (Int64) -> Void) async throws(FetchError) -> FetchOutcome {
        if let problem = configuration.trustProblem, url.scheme?.lowercased() == "https" {
            throw FetchError(url: request.url, kind: .tls(problem))
        }
        let client = clients[configuration.proxies.server(for: url)] ?? clients[nil]!
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = request.method == .head ? .HEAD : .GET
        httpRequest.headers.add(name: "User-Agent", value: configuration.userAgent)
        httpRequest.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        var resumeOffset: Int64 = 0
        if case .file(_, let offset) = request.destination, offset > 0 {
            resumeOffset = offset
            httpRequest.headers.add(name: "Range", value: "bytes=\(offset)-")
            if let validator = request.resumeValidator { httpRequest.headers.add(name: "If-Range", value: validator) }
        } else if let validators = request.validators {
            if let etag = validators.etag { httpRequest.headers.add(name: "If-None-Match", value: etag) }
            if let date = validators.lastModified { httpRequest.headers.add(name: "If-Modified-Since", value: date) }
        }

        let response: HTTPClientResponse
        do {
            // Time-outs come from the connect and read limits and the speed
            // watchdog; the deadline only bounds a stuck transfer.
            response = try await client.execute(httpRequest, deadline: .now() + .hours(6))
        } catch {
            throw translate(error, url: request.url)
        }
        let finalURL = response.url?.absoluteString ?? request.url
        let validators = HTTPValidators(etag: response.headers.first(name: "ETag"),
                                        lastModified: response.headers.first(name: "Last-Modified"))
        let status = Int(response.status.code)
        onAnswer(status, response.version.major == 2)
        switch status {
        case 304:
            return .notModified(validators.isEmpty ? nil : validators)
        case 200, 206:
            break
        default:
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.parseRetryAfter)
            throw FetchError(url: request.url, kind: Self.kind(forStatus: status), retryAfter: retryAfter)
        }
        let announced = response.headers.first(name: "Content-Length").flatMap(Int64.init)
        if request.method == .head {
            do { for try await _ in response.body {} } catch { throw translate(error, url: request.url) }
            return .fetched(FetchedContent(bytes: [], fileSize: 0, resumed: false, validators: validators.isEmpty ? nil : validators,
                                           finalURL: finalURL, transferred: 0, announcedLength: announced))
        }
        if let length = announced, length + (status == 206 ? resumeOffset : 0) > request.sizeLimit {
            throw FetchError(url: request.url, kind: .tooLarge(limit: request.sizeLimit))
        }
        let resumed = status == 206 && resumeOffset > 0
        request.onResponse?(validators.isEmpty ? nil : validators)
        let body: Body
        do {
            body = try await receive(response, request: request, append: resumed, onBytes: onBytes)
        } catch {
            var failure = error
            failure.validators = validators.isEmpty ? nil : validators
            throw failure
        }
        return .fetched(FetchedContent(
            bytes: body.bytes, fileSize: body.fileSize, resumed: resumed,
            validators: validators.isEmpty ? nil : validators, finalURL: finalURL, transferred: body.transferred,
            announcedLength: announced))
    }

    private struct Body {
        var bytes: [UInt8] = []
        var fileSize: Int64 = 0
        var transferred: Int64 = 0
    }

    /// Reads the body while a watchdog checks the speed; either ending the
    /// transfer cancels the other.
    private func receive(_ response: HTTPClientResponse, request: FetchRequest, append: Bool,
                         onBytes: @escaping @Sendable (Int64) -> Void) async throws(FetchError) -> Body {
        let progress = TransferProgress()
        let configuration = self.configuration
        do {
            return try await withThrowingTaskGroup(of: Body?.self) { group in
                group.addTask {
                    try await Self.readBody(response.body, request: request, append: append, progress: progress, onBytes: onBytes)
                }
                group.addTask {
                    try await Self.watchSpeed(progress, configuration: configuration, url: request.url)
                    return nil
                }
                while let finished = try await group.next() {
                    if let body = finished {
                        group.cancelAll()
                        return body
                    }
                }
                throw FetchError(url: request.url, kind: .cancelled)
            }
        } catch {
            throw translate(error, url: request.url)
        }
    }

    private static func readBody(_ body: HTTPClientResponse.Body, request: FetchRequest, append: Bool,
                                 progress: TransferProgress, onBytes: @Sendable (Int64) -> Void) async throws -> Body {
        var result = Body()
        var sink: FileSink?
        if case .file(let place, let offset) = request.destination {
            sink = try FileSink(place: place, append: append ? offset : 0)
            result.fileSize = append ? offset : 0
        }
        defer { try? sink?.close() }
        for try await chunk in body {
            let count = Int64(chunk.readableBytes)
            result.transferred += count
            progress.add(count)
            onBytes(count)
            if let sink {
                result.fileSize += count
                if result.fileSize > request.sizeLimit { throw FetchError(url: request.url, kind: .tooLarge(limit: request.sizeLimit)) }
                try chunk.withUnsafeReadableBytes { try sink.write($0) }
            } else {
                if Int64(result.bytes.count) + count > request.sizeLimit {
                    throw FetchError(url: request.url, kind: .tooLarge(limit: request.sizeLimit))
                }
                result.bytes.append(contentsOf: chunk.readableBytesView)
            }
        }
        try sink?.finish()
        return result
    }

    /// Throws `tooSlow` when fewer than minimum-speed × window bytes arrived
    /// in the last window.
    private static func watchSpeed(_ progress: TransferProgress, configuration: FetchConfiguration, url: String) async throws {
        let window = configuration.speedWindow
        let needed = Int64(Double(configuration.minimumBytesPerSecond) * window)
        guard needed > 0 else {
            try await Task.sleep(nanoseconds: UInt64.max / 2)
            return
        }
        let tick = min(0.5, window / 4)
        var windowStart = progress.total
        var elapsed = 0.0
        while true {
            try await Task.sleep(nanoseconds: UInt64(tick * 1e9))
            elapsed += tick
            if elapsed >= window {
                let received = progress.total - windowStart
                if received < needed {
                    throw FetchError(url: url, kind: .tooSlow(bytesPerSecond: Int(Double(received) / window)))
                }
                windowStart = progress.total
                elapsed = 0
            }
        }
    }

    static func kind(forStatus status: Int) -> FetchError.Kind {
        switch status {
        case 404, 410: return .notFound
        case 401, 403: return .forbidden(status)
        case 408, 429, 500...599: return .serverStatus(status)
        default: return .clientStatus(status)
        }
    }

    /// Retry-After: seconds, or an HTTP date (IMF-fixdate, read without ICU).
    static func parseRetryAfter(_ text: String) -> Double? {
        if let seconds = Double(text.trimmingCharacters(in: .whitespaces)) { return seconds }
        return CivilTime.httpDate(text).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// `translate`, with proxy credentials and TLS trust said in the user's terms.
    func translate(_ error: Error, url: String) -> FetchError {
        if let kind = ConnectionFailure.kind(of: error, url: url, configuration: configuration) { return FetchError(url: url, kind: kind) }
        return Self.translate(error, url: url)
    }

    static func translate(_ error: Error, url: String) -> FetchError {
        if let error = error as? FetchError { return error }
        if error is CancellationError { return FetchError(url: url, kind: .cancelled) }
        if let unreachable = UnreachableHost.kind(of: error, url: url) { return FetchError(url: url, kind: unreachable) }
        if let client = error as? HTTPClientError {
            switch client {
            case .redirectLimitReached, .redirectCycleDetected: return FetchError(url: url, kind: .tooManyRedirects(5))
            case .readTimeout: return FetchError(url: url, kind: .timeout("no data for the read time-out"))
            case .connectTimeout: return FetchError(url: url, kind: .timeout("no connection within the connect time-out"))
            case .deadlineExceeded: return FetchError(url: url, kind: .timeout("the request took too long"))
            case .remoteConnectionClosed, .bodyLengthMismatch, .uncleanShutdown:
                return FetchError(url: url, kind: .truncated("\(client)"))
            case .cancelled, .requestStreamCancelled: return FetchError(url: url, kind: .cancelled)
            default:
                if client == .invalidURL || client == .emptyHost || client == .emptyScheme {
                    return FetchError(url: url, kind: .invalidURL("\(client)"))
                }
                return FetchError(url: url, kind: .connection("\(client)"))
            }
        }
        if error is HTTPParserError {
            return FetchError(url: url, kind: .truncated("the answer ended early (\(error))"))
        }
        let text = "\(error)"
        if text.contains("EOF") || text.contains("closed") || text.contains("ended at an unexpected time") {
            return FetchError(url: url, kind: .truncated(text))
        }
        return FetchError(url: url, kind: .connection(text))
    }
}

/// Bytes received so far, read by the speed watchdog.
struct TransferProgress: Sendable {
    private let bytes = NIOLockedValueBox<Int64>(0)

    func add(_ count: Int64) { bytes.withLockedValue { $0 += count } }
    var total: Int64 { bytes.withLockedValue { $0 } }
}

/// Appends chunks to a download file with plain POSIX calls. The file is
/// opened by the file layer: a new file, or one resumed that must be a
/// regular file with one name, reached without following links.
final class FileSink {
    private var descriptor: Int32
    let path: String

    init(place: Place, append offset: Int64) throws {
        path = place.path
        do { descriptor = try place.openForDownload(resumingAt: offset) } catch {
            throw FetchError(url: place.path, kind: .invalidContent(error.description))
        }
    }

    func write(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FetchError(url: path, kind: .invalidContent("cannot write \(path): \(String(cString: strerror(errno)))"))
            }
            offset += written
        }
    }

    func finish() throws {
        if fsync(descriptor) != 0 {
            throw FetchError(url: path, kind: .invalidContent("cannot flush \(path): \(String(cString: strerror(errno)))"))
        }
    }

    func close() throws {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
    }
}
