import CMSISPack
import Foundation
import Testing
import TestSupport

/// cpackget's `rm`, checksum, signature and `connection` commands, its
/// global flags, and a pack root laid out as cpackget leaves it. Keys,
/// certificates, chained checksums and signatures in cpackget's scheme are
/// made by other programs (openssl, gpg, Python's zipfile and hashlib), so
/// ours are checked against independent makers.
@Suite(.serialized) struct CpackgetToolsTests {
    @Test func removeFollowsCpackget() throws {
        let world = try CpackgetWorld(label: "cpg-rm")
        defer { world.cleanUp() }
        #expect(try world.pack(["init", "\(world.base)/index.pidx"]).status == 0)
        #expect(try world.pack(["add", "Gizmo::Sprocket@1.0.0", "Gizmo::Sprocket@1.1.0"]).status == 0)
        world.age(world.root + "/pack.idx")
        #expect(try world.pack(["rm", "--skip-touch", "Gizmo::Sprocket@1.0.0"]).status == 0)
        #expect(world.modified(world.root + "/pack.idx") == 0)
        #expect(world.exists(".Download/Gizmo.Sprocket.1.0.0.pack"), "without --purge the archive stays")
        // --purge of a version that is only cached purges it.
        let purged = try world.pack(["rm", "-p", "Gizmo::Sprocket@1.0.0"])
        #expect(purged.status == 0, "\(purged.standardError)")
        #expect(!world.exists(".Download/Gizmo.Sprocket.1.0.0.pack") && !world.exists(".Download/Gizmo.Sprocket.1.0.0.pdsc"))
        #expect(world.exists("Gizmo/Sprocket/1.1.0") && world.exists(".Download/Gizmo.Sprocket.1.1.0.pack"))
        #expect(world.modified(world.root + "/pack.idx") > 0)
        let missing = try world.pack(["rm", "Gizmo::Cog"])
        #expect(missing.status == 1 && missing.standardError.contains("Gizmo::Cog is not installed"))

        // Vendor::Name@version removes a registration whose description has that version.
        let dev = world.work + "/dev/Gizmo.Dev.pdsc"
        try FileManager.default.createDirectory(atPath: world.work + "/dev", withIntermediateDirectories: true)
        try CpackgetWorld.pdsc("Gizmo", "Dev", ["0.1.0"], url: "").write(to: URL(fileURLWithPath: dev))
        #expect(try world.pack(["add", dev]).status == 0)
        #expect(try world.pack(["rm", "Gizmo::Dev@0.2.0"]).status == 1, "another version is not this registration")
        let unregistered = try world.pack(["rm", "Gizmo::Dev@0.1.0"])
        #expect(unregistered.status == 0 && unregistered.standardOutput.contains("unregistered Gizmo::Dev"), "\(unregistered.standardError)")
        #expect(!world.text(world.root + "/.Local/local_repository.pidx").contains("Dev"))
    }

    /// cpackget's checksum file, made by Python: the hasher runs on across
    /// members (folders included), one line per member, in archive order.
    static let chainedChecksum = """
    import hashlib, sys, zipfile
    archive = zipfile.ZipFile(sys.argv[1])
    running = hashlib.sha256()
    lines = []
    for info in archive.infolist():
        running.update(archive.read(info))
        lines.append(running.hexdigest() + " " + info.filename)
    open(sys.argv[2], "w").write("".join(line + "\\n" for line in reversed(lines)))
    """

    @Test func checksumsOfBothFormsAreVerifiedAndOursAreWritten() throws {
        let work = Corpus.temporaryDirectory("cpg-checksum")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let pack = work + "/Gizmo.Sum.1.0.0.pack"
        try ZipBuilder.write([.file("Gizmo.Sum.pdsc", CpackgetWorld.pdsc("Gizmo", "Sum", ["1.0.0"], url: "")), .directory("src/"),
                              .file("src/a.c", Data("int a;\n".utf8)), .file("src/b.c", Data("int b;\n".utf8))], to: pack)
        let created = try PackManagerBinary.run(["pack", "checksum-create", pack])
        #expect(created.status == 0, "\(created.standardError)")
        let checksum = work + "/Gizmo.Sum.1.0.0.sha256.checksum"
        let lines = try String(contentsOfFile: checksum, encoding: .utf8).split(separator: "\n")
        #expect(lines.map { $0.split(separator: " ")[1] } == ["Gizmo.Sum.pdsc", "src/a.c", "src/b.c"], "one line per file, sorted")
        let again = try PackManagerBinary.run(["pack", "checksum-create", pack])
        #expect(again.status == 1 && again.standardError.contains("already exists"), "an existing checksum file is not overwritten")
        #expect(try PackManagerBinary.run(["pack", "checksum-create", "-a", "md5", "-o", work + "/x", pack]).status != 0)
        let ours = try PackManagerBinary.run(["pack", "checksum-verify", pack])
        #expect(ours.status == 0 && ours.standardOutput.contains("(per-file digests)"), "\(ours.standardError)")

        let chained = work + "/chained.checksum"
        #expect(try Tool.python(Self.chainedChecksum, [pack, chained], in: work).status == 0)
        let theirs = try PackManagerBinary.run(["pack", "checksum-verify", "-p", chained, pack])
        #expect(theirs.status == 0 && theirs.standardOutput.contains("(cpackget's chained digests)"), "\(theirs.standardError)")
        // A changed member fails both forms.
        try ZipBuilder.write([.file("Gizmo.Sum.pdsc", CpackgetWorld.pdsc("Gizmo", "Sum", ["1.0.0"], url: "")), .directory("src/"),
                              .file("src/a.c", Data("int z;\n".utf8)), .file("src/b.c", Data("int b;\n".utf8))], to: pack)
        for file in [checksum, chained] {
            let failed = try PackManagerBinary.run(["pack", "checksum-verify", "--path", file, pack])
            #expect(failed.status == 1 && failed.standardError.contains("src/a.c: digest"), "\(file)")
        }
        // A missing pack is named as the missing file, not the checksum.
        let absent = try PackManagerBinary.run(["pack", "checksum-verify", work + "/Gizmo.None.1.0.0.pack"])
        #expect(absent.status == 1 && absent.standardError.contains("Gizmo.None.1.0.0.pack: no such pack file"))
    }

    /// A pack signed in cpackget's full scheme without our code: the pack
    /// hash by Python, the RSA PKCS#1 v1.5 signature over its SHA-256 by openssl.
    static let cpackgetSigner = """
    import base64, hashlib, subprocess, sys, zipfile
    pack, cert, key, out = sys.argv[1:5]
    archive = zipfile.ZipFile(pack)
    running, hashes = hashlib.sha256(), b""
    for info in archive.infolist():
        running.update(archive.read(info))
        hashes += running.digest()
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=hashes, capture_output=True, check=True).stdout
    pem = open(cert, "rb").read()
    comment = "cpackget-v2.1.0:f:" + base64.b64encode(pem).decode() + ":" + base64.b64encode(signature).decode()
    with zipfile.ZipFile(out, "w") as signed:
        for info in archive.infolist():
            signed.writestr(info, archive.read(info))
        signed.comment = comment.encode()
    """

    @Test func x509SignaturesInCpackgetsScheme() throws {
        let work = Corpus.temporaryDirectory("cpg-sign")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let made = try Tool.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                                 "-days", "2", "-subj", "/CN=Gizmo", "-addext", "keyUsage=digitalSignature,nonRepudiation"], in: work)
        try #require(made.status == 0, "\(made.standardError)")
        #expect(try Tool.run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-out", "key8.pem"], in: work).status == 0)
        #expect(try Tool.run(["openssl", "genrsa", "-out", "other.pem", "2048"], in: work).status == 0)
        let pack = work + "/Gizmo.Signed.1.0.0.pack"
        try ZipBuilder.write([.file("Gizmo.Signed.pdsc", CpackgetWorld.pdsc("Gizmo", "Signed", ["1.0.0"], url: "")),
                              .file("src/a.c", Data("int a;\n".utf8))], to: pack)
        func sign(_ arguments: [String]) throws -> CommandResult {
            try PackManagerBinary.run(["pack", "signature-create", pack] + arguments)
        }
        func verify(_ file: String, _ arguments: [String] = []) throws -> CommandResult {
            try PackManagerBinary.run(["pack", "signature-verify", file] + arguments)
        }
        #expect(try sign(["-c", work + "/cert.pem"]).status != 0, "full mode needs the private key")
        let mismatched = try sign(["-c", work + "/cert.pem", "-k", work + "/other.pem", "-o", work])
        #expect(mismatched.status == 1 && mismatched.standardError.contains("does not belong to the certificate"))
        let signed = try sign(["-c", work + "/cert.pem", "-k", work + "/key8.pem", "-o", work])
        #expect(signed.status == 0, "\(signed.standardError)")
        let signedPath = pack + ".signed"
        #expect(signed.standardOutput.contains("Subject: CN=Gizmo"))
        #expect(try sign(["-c", work + "/cert.pem", "-k", work + "/key.pem", "-o", work]).standardError.contains("already exists"))
        let good = try verify(signedPath)
        #expect(good.status == 0 && good.standardOutput.contains("the signature is valid"), "\(good.standardError)")
        // The signed copy is still a readable archive with the same members.
        #expect(try PackManagerBinary.run(["pack", "checksum-create", "-o", work, signedPath]).status == 0)

        // cpackget's own signatures (made here by openssl) verify; a changed member does not.
        let theirs = work + "/Gizmo.Signed.1.0.0.pack.theirs"
        #expect(try Tool.python(Self.cpackgetSigner, [pack, work + "/cert.pem", work + "/key.pem", theirs], in: work).status == 0)
        let accepted = try verify(theirs, ["--skip-info"])
        #expect(accepted.status == 0 && !accepted.standardOutput.contains("Subject:"), "\(accepted.standardError)")
        let tampered = work + "/tampered.pack"
        try ZipBuilder.write([.file("Gizmo.Signed.pdsc", CpackgetWorld.pdsc("Gizmo", "Signed", ["1.0.0"], url: "")),
                              .file("src/a.c", Data("int evil;\n".utf8))], to: tampered)
        #expect(try Tool.python("import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'a'); z.comment = zipfile.ZipFile(sys.argv[2]).comment; z.close()",
                                [tampered, theirs], in: work).status == 0)
        let rejected = try verify(tampered)
        #expect(rejected.status == 1 && rejected.standardError.contains("does not match the content"))

        // Certificate-only: shown and checked, and exported on request (into the current folder).
        let certOnlyFolder = work + "/certonly"
        try FileManager.default.createDirectory(atPath: certOnlyFolder, withIntermediateDirectories: true)
        #expect(try sign(["--cert-only", "-c", work + "/cert.pem", "-o", certOnlyFolder]).status == 0)
        let certOnly = certOnlyFolder + "/Gizmo.Signed.1.0.0.pack.signed"
        #expect(try verify(certOnly).standardOutput.contains("certificate-only signature"))
        let exported = try Tool.run([PackManagerBinary.path, "pack", "signature-verify", "-e", certOnly], in: certOnlyFolder)
        #expect(exported.status == 0, "\(exported.standardError)")
        #expect(try String(contentsOfFile: certOnlyFolder + "/Gizmo.Signed.1.0.0.pack.signed.pem", encoding: .utf8)
                == String(contentsOfFile: work + "/cert.pem", encoding: .utf8))
        let unsigned = try verify(pack)
        #expect(unsigned.status == 1 && unsigned.standardError.contains("is not signed"))
    }

    @Test func pgpSignaturesThroughGnuPG() throws {
        let work = Corpus.temporaryDirectory("cpg-pgp")
        defer {
            _ = try? Tool.run(["gpgconf", "--homedir", work + "/gnupg", "--kill", "all"], in: work)
            try? FileManager.default.removeItem(atPath: work)
        }
        try FileManager.default.createDirectory(atPath: work + "/gnupg", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let home = ["--homedir", work + "/gnupg", "--batch"]
        let generated = try Tool.run(["gpg"] + home + ["--passphrase", "secret", "--pinentry-mode", "loopback",
                                                       "--quick-gen-key", "Gizmo <gizmo@example.com>", "ed25519", "sign", "never"], in: work)
        try #require(generated.status == 0, "\(generated.standardError)")
        #expect(try Tool.run(["gpg"] + home + ["--armor", "--output", "public.asc", "--export", "gizmo@example.com"], in: work).status == 0)
        #expect(try Tool.run(["gpg"] + home + ["--passphrase", "secret", "--pinentry-mode", "loopback", "--armor", "--output", "secret.asc",
                                                "--export-secret-keys", "gizmo@example.com"], in: work).status == 0)
        let pack = work + "/Gizmo.Pgp.1.0.0.pack"
        try ZipBuilder.write([.file("Gizmo.Pgp.pdsc", CpackgetWorld.pdsc("Gizmo", "Pgp", ["1.0.0"], url: ""))], to: pack)
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: work + "/passphrase"))
        let signed = try Tool.run([PackManagerBinary.path, "pack", "signature-create", "--pgp", "-k", "secret.asc", pack], in: work,
                                  stdin: work + "/passphrase")
        #expect(signed.status == 0, "\(signed.standardError)")
        let verified = try PackManagerBinary.run(["pack", "signature-verify", "-k", work + "/public.asc", pack + ".signed"])
        #expect(verified.status == 0 && verified.standardOutput.contains("PGP signature is valid"), "\(verified.standardError)")
        let noKey = try PackManagerBinary.run(["pack", "signature-verify", pack + ".signed"])
        #expect(noKey.status == 1 && noKey.standardError.contains("-k/--pub-key"))
    }

    @Test func connectionAndGlobalFlags() throws {
        let world = try CpackgetWorld(label: "cpg-flags")
        defer { world.cleanUp() }
        let online = try PackManagerBinary.run(["pack", "connection", "-E", "\(world.base)/index.pidx"], environment: CpackgetWorld.offline)
        #expect(online.status == 0 && online.standardOutput == "[O:online]\n", "\(online.standardError)")
        #expect(try PackManagerBinary.run(["pack", "connection", "\(world.base)/missing"], environment: CpackgetWorld.offline).status == 0,
                "a server that answers 404 is online")
        #expect(try PackManagerBinary.run(["pack", "-V"]).standardOutput.hasPrefix("pack-manager "))
        // -C 0 (one at a time), -T 0 (no time limit), -v, -R.
        let added = try PackManagerBinary.run(["pack", "init", "-C", "0", "-T", "0", "-v", "-R", world.root, "\(world.base)/index.pidx"],
                                              environment: CpackgetWorld.offline)
        #expect(added.status == 0, "\(added.standardError)")
        // CPACKGET_DEFAULT_MODE_PATH names the root when CMSIS_PACK_ROOT is unset.
        #expect(try world.pack(["add", "Gizmo::Cog", "-n"]).status == 0)
        let listed = try PackManagerBinary.run(["pack", "list"], environment: ["CMSIS_PACK_ROOT": "", "CPACKGET_DEFAULT_MODE_PATH": world.root])
        #expect(listed.standardOutput == "Gizmo::Cog@3.0.0\n")
        world.mirror.stop()
        let offline = try PackManagerBinary.run(["pack", "connection", "-E", "--attempts", "1", "\(world.base)/index.pidx"], environment: CpackgetWorld.offline)
        #expect(offline.status == 1 && offline.standardOutput == "[O:offline]\n")
    }

    /// A TLS server with a self-signed certificate (Python's), for --insecure-skip-verify.
    static let tlsServer = """
    import http.server, ssl, sys
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.timeout = 60
    server.handle_request(); server.handle_request()
    """

    @Test func insecureSkipVerifyAcceptsASelfSignedServer() throws {
        let work = Corpus.temporaryDirectory("cpg-tls")
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(try Tool.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                              "-days", "2", "-subj", "/CN=127.0.0.1"], in: work).status == 0)
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: work + "/hello.txt"))
        let pid = try Spawn.start(["/bin/sh", "-c", "cd \"$0\" && exec python3 -c \"$1\" cert.pem key.pem", work, Self.tlsServer],
                                  environment: ProcessInfo.processInfo.environment, stdout: work + "/port", stderr: "/dev/null")
        defer {
            kill(pid, SIGKILL)
            _ = Spawn.wait(pid)
        }
        var port = ""
        for _ in 0..<200 where port.isEmpty {
            port = ((try? String(contentsOfFile: work + "/port", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if port.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        }
        try #require(!port.isEmpty, "the TLS server did not start")
        let url = "https://127.0.0.1:\(port)/hello.txt"
        let refused = try PackManagerBinary.run(["pack", "connection", "--attempts", "1", url], environment: CpackgetWorld.offline)
        #expect(refused.status == 1, "a self-signed certificate is refused by default")
        let accepted = try PackManagerBinary.run(["pack", "connection", "--attempts", "1", "--insecure-skip-verify", url], environment: CpackgetWorld.offline)
        #expect(accepted.status == 0, "\(accepted.standardError)")
    }

    @Test func aRootLeftByCpackgetIsReadAndKeptCompatible() throws {
        let world = try CpackgetWorld(label: "cpg-interop")
        defer { world.cleanUp() }
        let root = world.root
        let dev = world.work + "/dev"
        // What cpackget leaves: read-only index and descriptions, cache.pidx, pack.idx, an installed
        // pack with its .Download copies, and a registration with cpackget's file://localhost/ URL.
        for folder in [".Web", ".Download", ".Local", "Gizmo/Sprocket/1.0.0", ""] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(atPath: dev, withIntermediateDirectories: true)
        try Data(contentsOf: URL(fileURLWithPath: world.www + "/index.pidx")).write(to: URL(fileURLWithPath: root + "/.Web/index.pidx"))
        try Data(contentsOf: URL(fileURLWithPath: world.www + "/gizmo/Gizmo.Sprocket.pdsc")).write(to: URL(fileURLWithPath: root + "/.Web/Gizmo.Sprocket.pdsc"))
        try CpackgetWorld.pdsc("Gizmo", "Sprocket", ["1.0.0"], url: "").write(to: URL(fileURLWithPath: root + "/Gizmo/Sprocket/1.0.0/Gizmo.Sprocket.pdsc"))
        try CpackgetWorld.pdsc("Gizmo", "Dev", ["0.3.0"], url: "").write(to: URL(fileURLWithPath: dev + "/Gizmo.Dev.pdsc"))
        let cacheIndex = """
        <?xml version="1.0" encoding="UTF-8"?>
        <index schemaVersion="1.1.0">
         <vendor>cpackget</vendor>
         <url>\(root)/.Web/cache.pidx</url>
         <timestamp>2026-01-01T00:00:00Z</timestamp>
         <pindex>
          <pdsc url="\(world.base)/gizmo/" vendor="Gizmo" name="Sprocket" version="1.1.0"></pdsc>
         </pindex>
        </index>
        """
        try Data(cacheIndex.utf8).write(to: URL(fileURLWithPath: root + "/.Web/cache.pidx"))
        let local = """
        <?xml version="1.0" encoding="UTF-8"?>
        <index schemaVersion="1.1.0">
         <vendor>local_repository</vendor>
         <url></url>
         <timestamp>2026-01-01T00:00:00Z</timestamp>
         <pindex>
          <pdsc url="file://localhost/\(dev)/" vendor="Gizmo" name="Dev" version="0.3.0"></pdsc>
         </pindex>
        </index>
        """
        try Data(local.utf8).write(to: URL(fileURLWithPath: root + "/.Local/local_repository.pidx"))
        _ = FileManager.default.createFile(atPath: root + "/pack.idx", contents: Data())
        for file in [".Web/index.pidx", ".Web/Gizmo.Sprocket.pdsc", ".Web/cache.pidx", ".Local/local_repository.pidx"] { chmod(root + "/" + file, 0o444) }

        #expect(try world.pack(["list"]).standardOutput == "Gizmo::Dev@0.3.0 (local: \(dev)/Gizmo.Dev.pdsc)\nGizmo::Sprocket@1.0.0 (update: 1.1.0)\n")
        #expect(try world.pack(["list", "-u"]).standardOutput == "Gizmo::Sprocket@1.0.0 (update: 1.1.0)\n")
        let added = try world.pack(["add", "Gizmo::Cog", "-n"])
        #expect(added.status == 0, "\(added.standardError)")
        let cache = world.text(root + "/.Web/cache.pidx")
        #expect(cache.contains("name=\"Sprocket\" version=\"1.1.0\"") && cache.contains("name=\"Cog\" version=\"3.0.0\""),
                "cpackget's entries stay beside ours")
        let removed = try world.pack(["rm", "Gizmo::Dev"])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(!world.text(root + "/.Local/local_repository.pidx").contains("Dev"))
    }
}
