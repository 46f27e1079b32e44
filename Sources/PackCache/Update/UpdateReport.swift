import CMSISPack

/// What an update did, for the summary and the exit status.
public struct UpdateReport: Sendable {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// `Vendor.Name` (or the index URL).
        public var subject: String
        public var reason: String
        /// Every URL tried answered "not found" (404/403): the server does not have it.
        public var notFound = false
        public var description: String { "\(subject): \(reason)" }

        public init(subject: String, reason: String, notFound: Bool = false) {
            self.subject = subject
            self.reason = reason
            self.notFound = notFound
        }
    }

    /// Packs listed by the indexes.
    public var listed = 0
    /// The index entries themselves (where each pack is published).
    public var entries: [PackIndexEntry] = []
    /// Descriptions stored for the first time (a new pack or a new version).
    public var new: [String] = []
    /// Descriptions whose content changed.
    public var updated: [String] = []
    public var unchanged = 0
    /// Of the unchanged: not asked about at all, as the index lists the version held (see `Revalidation`).
    public var notRequested = 0
    public var failed: [Failure] = []
    /// Index files that could not be read.
    public var indexFailures: [String] = []
    /// Packs no longer listed, whose devices left the device index.
    public var removed: [String] = []
    /// Refused index entries and other remarks.
    public var diagnostics: [Diagnostic] = []
    public var indexFiles = 0
    public var deviceCount = 0
    public var boardCount = 0
    public var indexWritten = false
    public var parsed = 0
    public var requests = 0
    public var bytes: Int64 = 0
    public var seconds = 0.0
    /// Servers that limited our requests (403 bursts, 429, 503 with Retry-After), for the summary.
    public var serverLimits: [ServerLimit] = []

    /// Packs downloaded by `cache everything` or `cache devices`.
    public var packsDownloaded: [String] = []
    public var packsHeld = 0
    public var packFailures: [Failure] = []

    /// Index entries refused because their names are unsafe or invalid.
    public var refusedEntries: Int { diagnostics.filter { $0.severity == .error }.count }

    public init() {}

    public var succeeded: Bool { failed.isEmpty && indexFailures.isEmpty && packFailures.isEmpty && refusedEntries == 0 }
}
