import CMSISPack

/// Why a pack could not be installed, removed, registered or checked in a
/// pack root, one case per cause, so callers can tell them apart; each says
/// the pack or file and what to do.
public enum InstallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pack is not in the pack root's index (or there is no index): how to get it.
    case notInIndex(pack: String, hint: String)
    case noMatchingVersion(pack: String, requirement: String, available: [String])
    case noSuchFile(String)
    case notAPackURL(String)
    /// A local file that is neither named as a pack nor holds a usable description.
    case notAPack(file: String)
    /// The server answered "not found": which version its index lists, if any.
    case notOnServer(pack: String, explanation: String)
    case downloadFailed(pack: String, reason: String)
    case checksumMismatch(pack: String, checksumFile: String, problems: [String])
    /// The archive holds something else than the pack it is named after, or something unsafe.
    case archiveRefused(pack: String, reason: String)
    case noEmbeddedLicense(pack: String)
    case licenseFileMissing(pack: String, file: String)
    case unreadableArchive(path: String, reason: String)
    /// A `.sha256.checksum` file that is not one: the line (1-based) and what was there.
    case badChecksumFile(line: Int?, found: String)
    /// What names a pack to remove is neither `Vendor::Name[@version]` nor a pack or description file name.
    case notAPackName(String, expected: String)
    /// A local description that cannot be registered.
    case badRegistration(file: String, reason: String)
    case indexUnreadable(url: String, reason: String)
    case descriptionUnavailable(pack: String, reason: String)

    public var description: String {
        switch self {
        case .notInIndex(let pack, let hint): return "\(pack): \(hint)"
        case .noMatchingVersion(let pack, let requirement, let available):
            return "\(pack): no version matches \(requirement) (available: \(available.joined(separator: ", ")))"
        case .noSuchFile(let file): return "\(file): no such file"
        case .notAPackURL(let url): return "\(url): a pack URL must end in <Vendor>.<Name>.<version>.pack"
        case .notAPack(let file):
            return "\(file): not a pack: it is not named <Vendor>.<Name>.<version>.pack and holds no usable description"
        case .notOnServer(let pack, let explanation): return "\(pack): \(explanation)"
        case .downloadFailed(let pack, let reason):
            return "\(pack): cannot download it (\(reason)); if you are offline, give the .pack file instead"
        case .checksumMismatch(let pack, let file, let problems):
            return "\(pack): the archive does not match its checksum file \(file): " + problems.prefix(3).joined(separator: "; ")
        case .archiveRefused(let pack, let reason): return "\(pack): \(reason)"
        case .noEmbeddedLicense(let pack): return "\(pack): the pack has no embedded licence to extract"
        case .licenseFileMissing(let pack, let file): return "\(pack): its licence file \(file) is not in the pack"
        case .unreadableArchive(let path, let reason): return "\(path): \(reason)"
        case .badChecksumFile(let line, let found):
            guard let line else { return "the checksum file: it lists no files" }
            return "line \(line) of the checksum file: expected '<sha256 digest> <path>', found '\(found)'"
        case .notAPackName(let text, let expected): return "\(text): \(expected)"
        case .badRegistration(let file, let reason): return "\(file): \(reason)"
        case .indexUnreadable(let url, let reason): return "\(url): \(reason)"
        case .descriptionUnavailable(let pack, let reason): return "\(pack): \(reason)"
        }
    }
}
