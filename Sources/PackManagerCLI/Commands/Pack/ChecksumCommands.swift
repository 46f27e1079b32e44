import ArgumentParser
import Foundation
import CMSISPack
import OwnedFiles
import PackCache

struct ChecksumCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checksum-create",
        abstract: "Write <Vendor>.<Name>.<version>.sha256.checksum for a pack: one digest per file.",
        discussion: "An existing checksum file is never overwritten (as with cpackget): remove it or choose --output-dir."
    )

    @Option(name: [.customShort("o"), .customLong("output-dir")], help: ArgumentHelp("Folder for the checksum file (default: beside the pack).", valueName: "dir"))
    var outputDirectory: String?

    @Option(name: [.customShort("a"), .customLong("hash-function")], help: ArgumentHelp("The hash function (only sha256).", valueName: "name"))
    var hashFunction = "sha256"

    @Argument(help: ArgumentHelp("The .pack file.", valueName: "pack"))
    var pack: String

    func validate() throws {
        guard PackChecksum.hashFunctions.contains(hashFunction) else {
            throw ValidationError("hash function '\(hashFunction)' is not supported (supported: \(PackChecksum.hashFunctions.joined(separator: ", ")))")
        }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: pack) else {
            Terminal.error("\(pack): no such pack file")
            throw ExitCode(1)
        }
        var destination = PackChecksum.path(forPack: pack)
        if let outputDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: outputDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                Terminal.error("\(outputDirectory): no such folder")
                throw ExitCode(1)
            }
            destination = outputDirectory + "/" + (destination as NSString).lastPathComponent
        }
        guard !FileManager.default.fileExists(atPath: destination) else {
            Terminal.error("\(destination) already exists; remove it or choose another folder with --output-dir")
            throw ExitCode(1)
        }
        let text = try PackChecksum.create(pack: pack)
        try OutputFile.write(Array(text.utf8), to: destination)
        Terminal.print(destination)
    }
}

struct ChecksumVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checksum-verify",
        abstract: "Check a pack against its .sha256.checksum file (per-file digests, or cpackget's chained ones).",
        discussion: "The output says which form the file has: ours (one digest per file) or cpackget's, whose digests each cover every member up to that one."
    )

    @Option(name: [.customShort("p"), .customLong("path"), .customLong("checksum")], help: ArgumentHelp("The checksum file (default: beside the pack).", valueName: "file"))
    var checksum: String?

    @Argument(help: ArgumentHelp("The .pack file.", valueName: "pack"))
    var pack: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: pack) else {
            Terminal.error("\(pack): no such pack file")
            throw ExitCode(1)
        }
        let path = checksum ?? PackChecksum.path(forPack: pack)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Terminal.error("\(path): cannot read the checksum file")
            throw ExitCode(1)
        }
        let result = try PackChecksum.check(pack: pack, checksum: text)
        if let form = result.form {
            Terminal.print("\(pack): every file matches \(path) (\(form.rawValue))")
            return
        }
        for problem in result.problems { Terminal.error(problem) }
        Terminal.error("\(path) matches neither per-file digests nor cpackget's chained ones")
        throw ExitCode(1)
    }
}
