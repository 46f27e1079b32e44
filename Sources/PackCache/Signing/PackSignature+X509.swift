import _CryptoExtras
import Crypto
import Foundation
import X509

/// The X.509 modes of cpackget's signatures (full and certificate-only),
/// with swift-certificates and swift-crypto: RSA keys, PKCS#1 v1.5 padding
/// over SHA-256, as cpackget signs.
extension PackSignature {
    /// A signer's certificate, read from PEM, with what `signature-verify` shows.
    public struct SignerCertificate: Sendable {
        public let certificate: Certificate
        public let pem: [UInt8]

        public init(pem: [UInt8], source: String) throws(CacheError) {
            do { certificate = try Certificate(pemEncoded: String(decoding: pem, as: UTF8.self)) } catch {
                throw .signature(subject: source, reason: "not a PEM X.509 certificate (\(error))")
            }
            self.pem = pem
        }

        public var rsaKey: _RSA.Signing.PublicKey? { _RSA.Signing.PublicKey(certificate.publicKey) }

        static func commonName(_ name: DistinguishedName) -> String? {
            for relative in name {
                for attribute in relative where attribute.type == .RDNAttributeType.commonName {
                    return String(attribute.value) ?? attribute.value.description
                }
            }
            return nil
        }

        /// The lines `signature-verify` and `signature-create` print.
        public var summary: [String] {
            var lines = [
                "Subject: \(certificate.subject)",
                "Issuer: \(certificate.issuer)",
                "Valid from \(certificate.notValidBefore) to \(certificate.notValidAfter)",
            ]
            if let key = rsaKey { lines.append("Public key: RSA, \(key.keySizeInBits) bits") } else { lines.append("Public key: not RSA") }
            lines.append("Signature algorithm: \(certificate.signatureAlgorithm)")
            return lines
        }

        /// cpackget's checks before a certificate is trusted to name a signer:
        /// errors (what refuses it) and warnings (what is only said).
        public func sanityCheck(now: Date = Date()) -> (errors: [String], warnings: [String]) {
            var errors: [String] = []
            var warnings: [String] = []
            if Self.commonName(certificate.subject)?.isEmpty ?? true { errors.append("the certificate's subject has no common name (CN)") }
            if Self.commonName(certificate.issuer)?.isEmpty ?? true { errors.append("the certificate's issuer has no common name (CN)") }
            if now < certificate.notValidBefore { errors.append("the certificate is valid only from \(certificate.notValidBefore)") }
            if now > certificate.notValidAfter { errors.append("the certificate expired on \(certificate.notValidAfter)") }
            if rsaKey == nil { errors.append("the certificate's key is not RSA, the only kind cpackget's signatures use") }
            let extensions = certificate.extensions
            if let constraints = try? extensions.basicConstraints, case .isCertificateAuthority = constraints {
                warnings.append("the certificate is a CA certificate; a signer's should not be")
            }
            let usage = try? extensions.keyUsage
            if !(usage?.digitalSignature ?? false) || !(usage?.nonRepudiation ?? false) {
                warnings.append("the certificate lacks the Digital Signature and Content Commitment key usages")
            }
            return (errors, warnings)
        }
    }

    /// Signs `hash` as cpackget does: RSA PKCS#1 v1.5 over SHA-256(hash), with
    /// the private key that belongs to `signer` (PKCS#1 or PKCS#8 PEM).
    public static func sign(hash: [UInt8], privateKeyPEM: String, keySource: String, signer: SignerCertificate) throws(CacheError) -> [UInt8] {
        if privateKeyPEM.contains("ENCRYPTED PRIVATE KEY") {
            throw .signature(subject: keySource, reason: "encrypted private keys are not supported (as with cpackget); decrypt it first, e.g. with `openssl pkey`")
        }
        let key: _RSA.Signing.PrivateKey
        do { key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM) } catch {
            throw .signature(subject: keySource, reason: "not an RSA private key in PEM (\(error))")
        }
        guard let certificateKey = signer.rsaKey, certificateKey.derRepresentation == key.publicKey.derRepresentation else {
            throw .signature(subject: keySource, reason: "the private key does not belong to the certificate")
        }
        do {
            return Array(try key.signature(for: SHA256.hash(data: hash), padding: .insecurePKCS1v1_5).rawRepresentation)
        } catch {
            throw .signature(subject: keySource, reason: "cannot sign: \(error)")
        }
    }

    /// Whether `signature` is the certificate's signature over `hash` (cpackget's full mode).
    public static func isValid(signature: [UInt8], hash: [UInt8], signer: SignerCertificate) -> Bool {
        guard let key = signer.rsaKey else { return false }
        return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: hash),
                                    padding: .insecurePKCS1v1_5)
    }
}
