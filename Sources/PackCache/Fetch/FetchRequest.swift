import OwnedFiles

/// One file to fetch.
public struct FetchRequest: Sendable {
    public enum Destination: Sendable, Equatable {
        /// Keep the body in memory (descriptions and indexes).
        case memory
        /// Write the body to this file (a place in a folder of ours, reached
        /// without following links); with `resumeFrom` > 0 the request asks
        /// for the rest with a Range header and appends.
        case file(Place, resumeFrom: Int64)
    }

    /// HEAD asks only whether the file is there (status, length, date): no body.
    public enum Method: String, Sendable { case get = "GET", head = "HEAD" }

    public var url: String
    public var method = Method.get
    /// Validators of the copy we hold: the answer is 304 when it is current.
    public var validators: HTTPValidators?
    public var destination: Destination
    /// Bodies larger than this are refused (a hostile server must not fill
    /// the disk or memory).
    public var sizeLimit: Int64
    /// The validator that must still match for a Range request (If-Range).
    public var resumeValidator: String?
    /// Called when a 200 or 206 answer's headers arrive, before its body:
    /// a file download records its validator then, so a process killed
    /// mid-transfer can resume next time.
    public var onResponse: (@Sendable (HTTPValidators?) -> Void)?

    public init(url: String, method: Method = .get, validators: HTTPValidators? = nil, destination: Destination = .memory,
                sizeLimit: Int64, resumeValidator: String? = nil) {
        self.url = url
        self.method = method
        self.validators = validators
        self.destination = destination
        self.sizeLimit = sizeLimit
        self.resumeValidator = resumeValidator
    }
}

/// What came back.
public enum FetchOutcome: Sendable {
    /// 304: the copy we hold is current.
    case notModified(HTTPValidators?)
    case fetched(FetchedContent)
}

public struct FetchedContent: Sendable {
    /// The body, for `.memory` requests.
    public var bytes: [UInt8]
    /// Bytes written to the file (for `.file` requests, counting a resumed part).
    public var fileSize: Int64
    /// True when a Range request was answered with the rest of the file.
    public var resumed: Bool
    public var validators: HTTPValidators?
    /// The URL after redirects.
    public var finalURL: String
    /// Bytes transferred by this request.
    public var transferred: Int64
    /// The Content-Length the server announced (what a HEAD request learns).
    public var announcedLength: Int64? = nil
}

/// ETag and Last-Modified of a response, kept beside the cache so the next
/// request can be conditional.
public struct HTTPValidators: Sendable, Equatable, Codable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }

    /// The strongest validator for If-Range (an ETag, else the date).
    public var ifRange: String? { etag ?? lastModified }
}
