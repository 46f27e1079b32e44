import Foundation
import Testing

/// A certificate authority and a server certificate for 127.0.0.1 and
/// localhost, made by openssl (Debian's) in a folder of the test's, as a
/// company makes the CA its TLS-inspecting proxy signs with.
struct TestCertificateAuthority {
    let folder: String
    var caCertificate: String { folder + "/ca.pem" }
    var serverCertificate: String { folder + "/server.pem" }
    var serverKey: String { folder + "/server.key" }

    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    init(in folder: String, name: String = "Test Company CA") throws {
        let openssl = try #require(Self.openssl, "openssl is missing: install it with 'apt-get install openssl' (.ci/run does)")
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let extensions = folder + "/server.ext"
        try """
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = IP:127.0.0.1, DNS:localhost

        """.write(toFile: extensions, atomically: true, encoding: .utf8)
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.run([openssl, "req", "-x509"] + curve + ["-keyout", folder + "/ca.key", "-out", folder + "/ca.pem", "-days", "2",
                      "-subj", "/CN=\(name)", "-addext", "basicConstraints=critical,CA:TRUE",
                      "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: folder)
        try Self.run([openssl, "req"] + curve + ["-keyout", serverKey, "-out", folder + "/server.csr", "-subj", "/CN=127.0.0.1"], in: folder)
        try Self.run([openssl, "x509", "-req", "-in", folder + "/server.csr", "-CA", caCertificate, "-CAkey", folder + "/ca.key",
                      "-CAcreateserial", "-out", serverCertificate, "-days", "2", "-extfile", extensions], in: folder)
    }

    private static func run(_ argv: [String], in folder: String) throws {
        let pid = try Spawn.start(argv, environment: ProcessInfo.processInfo.environment,
                                  stdout: folder + "/openssl.out", stderr: folder + "/openssl.err")
        let status = Spawn.wait(pid)
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: folder + "/openssl.err", encoding: .utf8)) ?? ""
            throw SpawnError(message: "\(argv.prefix(3).joined(separator: " ")) failed (\(status)): \(errors)")
        }
    }
}
