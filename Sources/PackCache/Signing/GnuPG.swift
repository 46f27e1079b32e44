import CMSISPack
import OwnedFiles
import Foundation

/// cpackget's PGP mode, through GnuPG (`gpg`) rather than a PGP library:
/// no PGP implementation is among our dependencies, and OpenPGP (packets,
/// key formats, signature subpackets) is too much to write by hand, which
/// this project does not do for cryptography. `gpg` runs with a private,
/// temporary home folder, so the user's keyrings are neither read nor
/// changed, and its agent is stopped afterwards.
///
/// ```swift
/// let good = try GnuPG().verify(signature: armored, data: hash, publicKey: "vendor.asc")
/// ```
public struct GnuPG: Sendable {
    public let executable: String

    /// `gpg` from the PATH; nil when it is not installed.
    public init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let found = folders.map({ $0 + "/gpg" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        executable = found
    }

    public static let missing = "PGP signatures need GnuPG: install the gpg program (Debian: apt-get install gnupg)"

    /// Checks an armored detached signature of `data` against the key in `publicKey`.
    public func verify(signature: [UInt8], data: [UInt8], publicKey: String) throws(CacheError) -> Bool {
        try withHome { folder throws(CacheError) in
            let home = folder.path
            try importKey(publicKey, home: home)
            try write(data, folder, "data")
            try write(signature, folder, "data.asc")
            return run(["--homedir", home, "--batch", "--verify", home + "/data.asc", home + "/data"]).status == 0
        }
    }

    /// An armored detached signature of `data` by the secret key in
    /// `privateKey`, unlocked with `passphrase`.
    public func sign(data: [UInt8], privateKey: String, passphrase: String) throws(CacheError) -> [UInt8] {
        try withHome { folder throws(CacheError) in
            let home = folder.path
            try importKey(privateKey, home: home)
            try write(data, folder, "data")
            let result = run(["--homedir", home, "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase-fd", "0",
                              "--armor", "--detach-sign", "--output", home + "/data.asc", home + "/data"], input: passphrase + "\n")
            guard result.status == 0, let signature = try? FileBytes.read(home + "/data.asc") else {
                throw .signature(subject: privateKey, reason: "gpg could not sign: \(result.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            return signature
        }
    }

    private func importKey(_ path: String, home: String) throws(CacheError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .signature(subject: path, reason: "no such key file") }
        let result = run(["--homedir", home, "--batch", "--import", path])
        guard result.status == 0 else {
            throw .signature(subject: path, reason: "not a PGP key gpg can read: \(result.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    private func write(_ bytes: [UInt8], _ folder: TemporaryFolder, _ name: String) throws(CacheError) {
        try fileStep { () throws(FileError) in try folder.place(name).write(bytes) }
    }

    private func withHome<T>(_ body: (TemporaryFolder) throws(CacheError) -> T) throws(CacheError) -> T {
        // mkdtemp makes it 0700, as gpg wants its home.
        let folder: TemporaryFolder
        do { folder = try TemporaryFolder.create(prefix: "pack-manager-gpg") } catch { throw .file(error) }
        let home = folder.path
        defer {
            // The agent gpg started for this home must not outlive it.
            let gpgconf = (executable as NSString).deletingLastPathComponent + "/gpgconf"
            if FileManager.default.isExecutableFile(atPath: gpgconf) { _ = Self.run(gpgconf, ["--homedir", home, "--kill", "all"], input: nil) }
            _ = try? folder.owned.remove()
        }
        return try body(folder)
    }

    private func run(_ arguments: [String], input: String? = nil) -> (status: Int32, errors: String) {
        Self.run(executable, arguments, input: input)
    }

    private static func run(_ executable: String, _ arguments: [String], input: String?) -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let feed = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        do { try process.run() } catch { return (-1, "cannot run \(executable): \(error.localizedDescription)") }
        if let input {
            feed.fileHandleForWriting.write(Data(input.utf8))
            try? feed.fileHandleForWriting.close()
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
