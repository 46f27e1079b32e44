import CMSISPack
import Foundation
import OwnedFiles
import NIOSSL

/// The certificates a TLS server's chain must lead to, chosen as the tools
/// users already configure do: `--cacert FILE` (curl's name; cpackget has
/// none), else REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE (pip, requests, curl),
/// else SSL_CERT_FILE and SSL_CERT_DIR (OpenSSL, Go, so cpackget too), else
/// the system's store. Each of them replaces the system's store, as it
/// does in those tools: a company proxy that re-signs TLS is trusted by
/// naming its CA (or a bundle holding it and the public ones).
///
/// ```swift
/// configuration.trust = try TrustRoots.resolve(cacert: "/etc/corp/ca.pem",
///                                              environment: ProcessInfo.processInfo.environment)
/// ```
public struct TrustRoots: Sendable {
    /// Where the certificates came from, for messages: "--cacert /x.pem",
    /// "SSL_CERT_FILE=/x.pem", or "the system's store".
    public let origin: String
    /// Empty for the system's store.
    let certificates: [NIOSSLCertificate]

    public static let system = TrustRoots(origin: "the system's certificate store", certificates: [])

    public var isSystem: Bool { certificates.isEmpty }
    public var count: Int { certificates.count }

    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var origin: String
        public var reason: String
        public var description: String { "\(origin): \(reason)" }
    }

    /// The roots the option and the environment choose.
    public static func resolve(cacert: String?, environment: [String: String]) throws(LoadError) -> TrustRoots {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        if let cacert, !cacert.isEmpty { return try load(files: [cacert], origin: "--cacert \(cacert)") }
        for name in ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"] {
            if let path = value(name) { return try load(files: [path], origin: "\(name)=\(path)") }
        }
        let file = value("SSL_CERT_FILE")
        // SSL_CERT_DIR may list several folders, as OpenSSL reads it.
        let folders = value("SSL_CERT_DIR").map { $0.split(separator: ":").map(String.init).filter { !$0.isEmpty } } ?? []
        guard file != nil || !folders.isEmpty else { return .system }
        let origin = ([file.map { "SSL_CERT_FILE=\($0)" }] + [folders.isEmpty ? nil : "SSL_CERT_DIR=\(folders.joined(separator: ":"))"])
            .compactMap { $0 }.joined(separator: ", ")
        return try load(files: (file.map { [$0] } ?? []) + folders, origin: origin)
    }

    /// Certificates from PEM bundles (or one DER certificate), and from every
    /// such file in a folder (files that hold none are passed over there).
    static func load(files: [String], origin: String) throws(LoadError) -> TrustRoots {
        var certificates: [NIOSSLCertificate] = []
        for path in files {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw LoadError(origin: origin, reason: "no such file or folder: \(path)")
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                for name in names.sorted() {
                    let member = path + "/" + name
                    guard FileStat(member)?.isFile == true, let bytes = try? FileBytes.read(member) else { continue }
                    certificates += parse(bytes)
                }
            } else {
                let bytes: [UInt8]
                do { bytes = try FileBytes.read(path) } catch {
                    throw LoadError(origin: origin, reason: "cannot read \(path): \(error.description)")
                }
                let found = parse(bytes)
                if found.isEmpty {
                    throw LoadError(origin: origin, reason: "\(path) holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)")
                }
                certificates += found
            }
        }
        if certificates.isEmpty {
            throw LoadError(origin: origin, reason: "no certificate found there")
        }
        return TrustRoots(origin: origin, certificates: certificates)
    }

    private static func parse(_ bytes: [UInt8]) -> [NIOSSLCertificate] {
        if String(decoding: bytes, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") {
            return (try? NIOSSLCertificate.fromPEMBytes(bytes)) ?? []
        }
        return (try? NIOSSLCertificate(bytes: bytes, format: .der)).map { [$0] } ?? []
    }

    /// The TLS settings for these roots (and for skipping verification).
    func tlsConfiguration(skipVerification: Bool) -> TLSConfiguration? {
        guard skipVerification || !isSystem else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if skipVerification {
            tls.certificateVerification = .none
        } else {
            tls.trustRoots = .certificates(certificates)
        }
        return tls
    }
}
