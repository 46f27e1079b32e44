import ArgumentParser
import Foundation
import CMSISPack
import OwnedFiles
import PackCache

struct SignatureCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signature-create",
        abstract: "Sign a pack as cpackget does: write <pack>.signed with the signature in its zip comment.",
        discussion: """
            Full mode (default): -c certificate.pem -k private.key (RSA, PKCS#1 or PKCS#8 PEM) signs SHA-256 of \
            cpackget's pack hash. --cert-only embeds the certificate alone (it proves nothing about the content). \
            --pgp -k secret.asc signs with a PGP key through GnuPG (gpg), asking for its passphrase on standard input. \
            The signed copy is written in the current folder, or in --output-dir; an existing one is never overwritten.
            """
    )

    @Option(name: [.customShort("c"), .customLong("certificate")], help: ArgumentHelp("The signer's X.509 certificate (PEM).", valueName: "file"))
    var certificate: String?

    @Option(name: [.customShort("k"), .customLong("private-key")], help: ArgumentHelp("The signer's private key (PEM, or a PGP secret key with --pgp).", valueName: "file"))
    var privateKey: String?

    @Option(name: [.customShort("o"), .customLong("output-dir")], help: ArgumentHelp("Folder for the signed pack (default: the current folder).", valueName: "dir"))
    var outputDirectory: String?

    @Flag(name: .customLong("cert-only"), help: "Embed the certificate only, without signing the content.")
    var certificateOnly = false

    @Flag(name: .customLong("pgp"), help: "Sign with a PGP key (through gpg) instead of an X.509 certificate.")
    var pgp = false

    @Flag(name: .customLong("skip-validation"), help: "Do not check the certificate (names, dates, key).")
    var skipValidation = false

    @Flag(name: .customLong("skip-info"), help: "Do not print the certificate's details.")
    var skipInfo = false

    @Argument(help: ArgumentHelp("The .pack file.", valueName: "pack"))
    var pack: String

    func validate() throws {
        if pgp {
            if certificateOnly { throw ValidationError("--pgp and --cert-only exclude each other") }
            if certificate != nil { throw ValidationError("a PGP signature needs no X.509 certificate (-c)") }
            if skipValidation || skipInfo { throw ValidationError("--skip-validation and --skip-info are for X.509 certificates, not --pgp") }
            if privateKey == nil { throw ValidationError("--pgp needs the secret key: -k/--private-key") }
            return
        }
        if certificate == nil { throw ValidationError("name the signer's certificate with -c/--certificate") }
        if certificateOnly && privateKey != nil { throw ValidationError("--cert-only takes no private key (-k)") }
        if !certificateOnly && privateKey == nil { throw ValidationError("name the private key with -k/--private-key, or use --cert-only") }
    }

    func run() throws {
        for file in [pack, certificate, privateKey].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: file) {
            Terminal.error("\(file): no such file")
            throw ExitCode(1)
        }
        let destination = PackSignature.signedPath(forPack: pack, folder: outputDirectory)
        guard !FileManager.default.fileExists(atPath: destination) else {
            Terminal.error("\(destination) already exists; it is not overwritten")
            throw ExitCode(1)
        }
        let existing = PackSignature.Scheme(comment: try ZipComment.read(pack))
        if case .none = existing {} else {
            Terminal.error("\(pack) is already signed (\(existing.modeName))")
            throw ExitCode(1)
        }
        let scheme: PackSignature.Scheme
        if pgp {
            guard let gnupg = GnuPG() else {
                Terminal.error(GnuPG.missing)
                throw ExitCode(1)
            }
            let passphrase = Passphrase.read(prompt: "Passphrase of \(privateKey!): ")
            scheme = .pgp(armoredSignature: try gnupg.sign(data: try PackSignature.packHash(pack), privateKey: privateKey!, passphrase: passphrase))
        } else {
            let pem = try FileBytes.readOrThrow(certificate!)
            let signer = try PackSignature.SignerCertificate(pem: pem, source: certificate!)
            try SignatureVerifyCommand.show(signer, skipInfo: skipInfo, skipValidation: skipValidation)
            if certificateOnly {
                scheme = .certificateOnly(certificate: pem)
            } else {
                let key = String(decoding: try FileBytes.readOrThrow(privateKey!), as: UTF8.self)
                let signature = try PackSignature.sign(hash: try PackSignature.packHash(pack), privateKeyPEM: key, keySource: privateKey!, signer: signer)
                scheme = .full(certificate: pem, signature: signature)
            }
        }
        try ZipComment.copy(pack, to: destination, comment: scheme.comment(version: PackManagerVersion.current))
        Terminal.print("signed \(pack) (\(scheme.modeName)): \(destination)")
    }
}

struct SignatureVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signature-verify",
        abstract: "Check a pack signed by signature-create (ours or cpackget's).",
        discussion: """
            Full signatures are checked against the embedded certificate; certificate-only ones only show and \
            check the certificate. PGP signatures need the publisher's public key (-k) and GnuPG (gpg). \
            --export writes the embedded certificate to <pack file name>.pem in the current folder.
            """
    )

    @Flag(name: [.customShort("e"), .customLong("export")], help: "Only export the embedded certificate.")
    var export = false

    @Option(name: [.customShort("k"), .customLong("pub-key")], help: ArgumentHelp("The publisher's PGP public key.", valueName: "file"))
    var publicKey: String?

    @Flag(name: .customLong("skip-validation"), help: "Do not check the certificate (names, dates, key).")
    var skipValidation = false

    @Flag(name: .customLong("skip-info"), help: "Do not print the certificate's details.")
    var skipInfo = false

    @Argument(help: ArgumentHelp("The signed pack.", valueName: "pack"))
    var pack: String

    func validate() throws {
        if export && (skipValidation || skipInfo || publicKey != nil) { throw ValidationError("--export takes no other option") }
        if publicKey != nil && (skipValidation || skipInfo) { throw ValidationError("a PGP check takes only -k/--pub-key") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: pack) else {
            Terminal.error("\(pack): no such pack file")
            throw ExitCode(1)
        }
        let scheme = PackSignature.Scheme(comment: try ZipComment.read(pack))
        switch scheme {
        case .none(let comment):
            Terminal.error("\(pack) is not signed" + (comment.isEmpty ? " (its zip comment is empty)" : " (its zip comment is not a signature)"))
            throw ExitCode(1)
        case .full(let certificate, _), .certificateOnly(let certificate):
            let signer = try PackSignature.SignerCertificate(pem: certificate, source: pack)
            if export {
                let destination = (pack as NSString).lastPathComponent + ".pem"
                guard !FileManager.default.fileExists(atPath: destination) else {
                    Terminal.error("\(destination) already exists; it is not overwritten")
                    throw ExitCode(1)
                }
                try OutputFile.write(certificate, to: destination)
                Terminal.print("exported the certificate to \(destination)")
                return
            }
            try Self.show(signer, skipInfo: skipInfo, skipValidation: skipValidation)
            if case .full(_, let signature) = scheme {
                guard PackSignature.isValid(signature: signature, hash: try PackSignature.packHash(pack), signer: signer) else {
                    Terminal.error("\(pack): the signature does not match the content; the pack may have been tampered with")
                    throw ExitCode(1)
                }
                Terminal.print("\(pack): the signature is valid (full: the content is signed by the certificate's key)")
            } else {
                Terminal.print("\(pack): certificate-only signature; the certificate is readable, but the content is not signed")
            }
        case .pgp(let signature):
            if export {
                Terminal.error("\(pack) has a PGP signature: there is no certificate to export")
                throw ExitCode(1)
            }
            guard let publicKey else {
                Terminal.error("\(pack) has a PGP signature: give the publisher's public key with -k/--pub-key")
                throw ExitCode(1)
            }
            guard let gnupg = GnuPG() else {
                Terminal.error(GnuPG.missing)
                throw ExitCode(1)
            }
            guard try gnupg.verify(signature: signature, data: try PackSignature.packHash(pack), publicKey: publicKey) else {
                Terminal.error("\(pack): the PGP signature does not match the content and the key \(publicKey)")
                throw ExitCode(1)
            }
            Terminal.print("\(pack): the PGP signature is valid")
        }
    }

    /// Prints the certificate's details and refuses one that fails cpackget's checks.
    static func show(_ signer: PackSignature.SignerCertificate, skipInfo: Bool, skipValidation: Bool) throws {
        if !skipInfo { for line in signer.summary { Terminal.print(line) } }
        guard !skipValidation else { return }
        let (errors, warnings) = signer.sanityCheck()
        for warning in warnings { Terminal.warning(warning) }
        guard errors.isEmpty else {
            for error in errors { Terminal.error(error) }
            throw ExitCode(1)
        }
    }
}

/// The passphrase of a PGP key: without echo at a terminal, else the first line of standard input.
enum Passphrase {
    static func read(prompt: String) -> String {
        if isatty(STDIN_FILENO) == 1, let text = getpass(prompt) { return String(cString: text) }
        return readLine() ?? ""
    }
}

extension FileBytes {
    static func readOrThrow(_ path: String) throws -> [UInt8] {
        do { return try read(path) } catch { throw CacheError.file(error) }
    }
}
