import ArgumentParser
import Foundation
import CMSISPack
import OwnedFiles
import PackCache

/// Options every command takes, as the reference's do.
struct LocationOptions: ParsableArguments {
    @Option(name: .customLong("data-path"), help: ArgumentHelp("Folder of cached pack descriptions and packs.", valueName: "dir"))
    var dataPath: String?

    @Option(name: .customLong("json-path"), help: ArgumentHelp("Folder of index.json and aliases.json (default: the --data-path folder when one is given).", valueName: "dir"))
    var jsonPath: String?

    @Option(name: .customLong("vidx-list"), help: ArgumentHelp("Text file of index URLs, one per line.", valueName: "file"))
    var vidxList: String?

    @Option(name: .customLong("pack-root"), help: ArgumentHelp("CMSIS pack root (default $CMSIS_PACK_ROOT, else $CPACKGET_DEFAULT_MODE_PATH, else $XDG_CACHE_HOME/arm/packs, else ~/.cache/arm/packs); its packs are indexed too.", valueName: "dir"))
    var packRoot: String?

    @Flag(name: [.short, .long], help: "Print warnings and progress details.")
    var verbose = false

    var locations: CacheLocations {
        CacheLocations(dataPath: dataPath, jsonPath: jsonPath, vendorListPath: vidxList)
    }

    var packRootLayout: PackRootLayout { PackRootLayout(explicit: packRoot) }
}

/// `--and`/`--or` (and the reference's synonyms), which here really choose.
struct MatchOptions: ParsableArguments {
    @Flag(name: [.customLong("and"), .customLong("intersection")], help: "Every word must match.")
    var all = false

    @Flag(name: [.customLong("or"), .customLong("union")], help: "Any word may match.")
    var any = false

    func mode(default fallback: NameMatcher.Mode) -> NameMatcher.Mode {
        if all { return .all }
        if any { return .any }
        return fallback
    }
}

/// How downloads behave: concurrency, politeness to servers, TLS, retries, time limits.
struct NetworkOptions: ParsableArguments {
    @Option(name: [.customLong("concurrency"), .customShort("C"), .customLong("concurrent-downloads")],
            help: "Requests in flight at once (all hosts); 0 means one at a time (cpackget's -C).")
    var concurrency = FetchConfiguration().maximumConcurrentRequests

    @Option(name: .customLong("per-host"), help: "HTTP/1.1 connections, and so requests in flight, per host (the reference's 6: pack servers' CDNs block addresses that ask much more).")
    var perHost = FetchConfiguration().maximumRequestsPerHost

    @Option(name: .customLong("http2-streams"), help: "Requests in flight to a host that speaks HTTP/2, all on one connection (the server's own limit caps it too).")
    var http2Streams = FetchConfiguration().maximumStreamsPerHost

    @Flag(name: .customLong("http1"), help: "Use HTTP/1.1 only; do not offer HTTP/2 to https servers.")
    var http1Only = false

    @Option(help: "Attempts per file (the first included).")
    var attempts = FetchConfiguration().attempts

    @Option(name: .customLong("rate-limit-pause"), help: ArgumentHelp("Seconds to rest after a burst of HTTP 403 from one server (a rate limit) before asking it again, one request at a time.", valueName: "seconds"))
    var rateLimitPause = FetchConfiguration().rateLimitPause

    @Option(name: [.customLong("timeout"), .customShort("T")], help: "Seconds to wait for a connection, and for the next data of an answer; 0 means no limit (cpackget's -T).")
    var timeout: Double = FetchConfiguration().readTimeout

    @Option(name: .customLong("cacert"), help: ArgumentHelp("Trust the CA certificates in this PEM file (or folder) instead of the system's (curl's --cacert); default: $REQUESTS_CA_BUNDLE, $CURL_CA_BUNDLE, $SSL_CERT_FILE/$SSL_CERT_DIR, else the system's store.", valueName: "file"))
    var cacert: String?

    @Flag(name: .customLong("insecure-skip-verify"), help: "Do not check the server's TLS certificate (a mirror with a self-signed one).")
    var insecureSkipVerify = false

    @Option(name: .customLong("min-speed"), help: "Bytes per second below which a transfer is dropped and retried (measured over --speed-window seconds; 0 turns this off).")
    var minimumSpeed = FetchConfiguration().minimumBytesPerSecond

    @Option(name: .customLong("speed-window"), help: "Seconds over which --min-speed is measured.")
    var speedWindow = FetchConfiguration().speedWindow

    func validate() throws {
        guard concurrency >= 0, perHost > 0, http2Streams > 0, attempts > 0, timeout >= 0, minimumSpeed >= 0, speedWindow > 0,
              rateLimitPause >= 0 else {
            throw ValidationError("--per-host, --http2-streams, --attempts and --speed-window must be positive; --concurrency, --timeout and --rate-limit-pause may be 0")
        }
        // A file named here is checked now; the variables' choice only when TLS is needed.
        if let cacert { _ = try configuredTrust(cacert: cacert) }
    }

    private func configuredTrust(cacert: String?) throws -> FetchConfiguration {
        var configuration = FetchConfiguration()
        do {
            try configuration.chooseTrust(cacert: cacert, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("cannot use the CA certificates of \(error.description)")
        }
        return configuration
    }

    func fetchConfiguration() throws -> FetchConfiguration {
        var configuration = try configuredTrust(cacert: cacert)
        configuration.maximumConcurrentRequests = max(concurrency, 1)
        configuration.maximumRequestsPerHost = min(perHost, max(concurrency, 1))
        configuration.maximumStreamsPerHost = min(http2Streams, max(concurrency, 1))
        configuration.allowsHTTP2 = !http1Only
        configuration.attempts = attempts
        configuration.rateLimitPause = rateLimitPause
        // cpackget's -T 0: no time limit; a day stands in for "none".
        let seconds = timeout == 0 ? 86_400 : timeout
        configuration.readTimeout = seconds
        configuration.connectTimeout = min(seconds, configuration.connectTimeout)
        configuration.skipsCertificateVerification = insecureSkipVerify
        configuration.minimumBytesPerSecond = minimumSpeed
        configuration.speedWindow = speedWindow
        return configuration
    }
}
