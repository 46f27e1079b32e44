import ArgumentParser
import Foundation
import CMSISPack
import PackCache

struct ChecksumCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checksum-create",
        abstract: "Write <Vendor>.<Name>.<version>.sha256.checksum for a pack (cpackget's format)."
    )

    @Option(name: [.customShort("o"), .customLong("output-dir")], help: ArgumentHelp("Folder for the checksum file (default: beside the pack).", valueName: "dir"))
    var outputDirectory: String?

    @Argument(help: ArgumentHelp("The .pack file.", valueName: "pack"))
    var pack: String

    func run() throws {
        let text = try PackChecksum.create(pack: pack)
        var destination = PackChecksum.path(forPack: pack)
        if let outputDirectory { destination = outputDirectory + "/" + (destination as NSString).lastPathComponent }
        try OutputFile.check(destination, holds: .checksum)
        try OutputFile.write(Array(text.utf8), to: destination)
        Terminal.print(destination)
    }
}

struct ChecksumVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checksum-verify",
        abstract: "Check a pack against its .sha256.checksum file."
    )

    @Option(name: .customLong("checksum"), help: ArgumentHelp("The checksum file (default: beside the pack).", valueName: "file"))
    var checksum: String?

    @Argument(help: ArgumentHelp("The .pack file.", valueName: "pack"))
    var pack: String

    func run() throws {
        let path = checksum ?? PackChecksum.path(forPack: pack)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Terminal.error("\(path): cannot read the checksum file")
            throw ExitCode(1)
        }
        let problems = try PackChecksum.verify(pack: pack, checksum: text)
        if problems.isEmpty {
            Terminal.print("\(pack): every file matches \(path)")
            return
        }
        for problem in problems { Terminal.error(problem) }
        throw ExitCode(1)
    }
}
