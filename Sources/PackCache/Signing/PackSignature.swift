import CMSISPack
import Crypto
import Foundation

/// cpackget's pack signatures, kept in the archive comment as
/// `cpackget-v<version>:<mode>:<base64>[:<base64>]`:
///
/// - `f` (full): the signer's X.509 certificate (PEM) and an RSA PKCS#1 v1.5
///   signature over SHA-256 of the pack hash;
/// - `c` (certificate only): the certificate alone, which proves nothing
///   about the content;
/// - `p` (PGP): an armored detached PGP signature of the pack hash.
///
/// The pack hash is cpackget's: the running SHA-256 after each member, in
/// archive order, concatenated (32 bytes per member).
///
/// ```swift
/// let scheme = try PackSignature.Scheme(comment: ZipComment.read("Acme.Widgets.1.0.0.pack.signed"))
/// ```
public enum PackSignature {
    public enum Scheme: Equatable, Sendable {
        case full(certificate: [UInt8], signature: [UInt8])
        case certificateOnly(certificate: [UInt8])
        case pgp(armoredSignature: [UInt8])
        /// An archive without a comment, or with one that is not a signature.
        case none(comment: String)

        /// Reads cpackget's scheme from an archive comment.
        public init(comment: String) {
            let fields = comment.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 || fields.count == 4, fields[0].hasPrefix("cpackget-v"),
                  SemanticVersion(String(fields[0].dropFirst("cpackget-v".count))) != nil else {
                self = .none(comment: comment)
                return
            }
            let decoded = fields.dropFirst(2).map { Data(base64Encoded: $0).map { Array($0) } }
            switch (fields[1], decoded.count) {
            case ("f", 2):
                if let certificate = decoded[0], let signature = decoded[1] { self = .full(certificate: certificate, signature: signature); return }
            case ("c", 1):
                if let certificate = decoded[0] { self = .certificateOnly(certificate: certificate); return }
            case ("p", 1):
                if let signature = decoded[0] { self = .pgp(armoredSignature: signature); return }
            default: break
            }
            self = .none(comment: comment)
        }

        /// The comment that carries this scheme, stamped with `version`.
        public func comment(version: String) -> String {
            let prefix = "cpackget-v" + version
            switch self {
            case .full(let certificate, let signature):
                return "\(prefix):f:\(Data(certificate).base64EncodedString()):\(Data(signature).base64EncodedString())"
            case .certificateOnly(let certificate):
                return "\(prefix):c:\(Data(certificate).base64EncodedString())"
            case .pgp(let signature):
                return "\(prefix):p:\(Data(signature).base64EncodedString())"
            case .none(let comment):
                return comment
            }
        }

        public var modeName: String {
            switch self {
            case .full: "full (X.509 certificate and RSA signature)"
            case .certificateOnly: "certificate only"
            case .pgp: "PGP"
            case .none: "none"
            }
        }
    }

    /// cpackget's pack hash: the running SHA-256 after each member, in
    /// archive order (folders included), concatenated.
    public static func packHash(_ path: String) throws(CacheError) -> [UInt8] {
        let archive: PackArchive
        do { archive = try PackArchive(path: path) } catch { throw .signature(subject: error.path, reason: error.reason) }
        var running = SHA256()
        var result: [UInt8] = []
        for index in archive.storedMembers.indices {
            do { try archive.streamStored(at: index) { running.update(data: $0) } } catch {
                throw .signature(subject: error.path, reason: error.reason)
            }
            result += Array(running.finalize())
        }
        return result
    }

    /// The file `signature-create` writes: `<pack file name>.signed`, in `folder`.
    public static func signedPath(forPack pack: String, folder: String?) -> String {
        let name = (pack as NSString).lastPathComponent + ".signed"
        guard let folder, !folder.isEmpty else { return name }
        return FolderURL.slashed(folder) + name
    }
}
