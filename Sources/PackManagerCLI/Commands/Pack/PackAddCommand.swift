import ArgumentParser
import CMSISPack
import Foundation
import PackCache

struct PackAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Install packs (and the packs they require).",
        discussion: """
            PACK is one of:
              Vendor::Name[@version]   version: 1.2.3, ^1.2.3 (same major), ~1.2 (same minor), >=1.2.0, latest
              Vendor::Name>=1.2.0      (cpackget's form without '@')
              Vendor.Name[.1.2.3]
              path/to/Vendor.Name.1.2.3.pack, or an http(s):// URL of one
              path/to/Vendor.Name.pdsc  (registered in .Local/local_repository.pidx and used in place)
            A pack with an embedded licence asks for agreement; without a terminal it is refused \
            unless --agree-embedded-license is given.
            """
    )

    @OptionGroup var root: PackRootOptions
    @OptionGroup var network: NetworkOptions

    @OptionGroup var install: InstallOptions
    @OptionGroup var signal: ChangeSignalOptions

    @Flag(name: [.customShort("F"), .customLong("force-reinstall")], help: "Install again a version that is installed.")
    var forceReinstall = false

    @Flag(name: [.customShort("x"), .customLong("extract-embedded-license")], help: "Only write each pack's licence beside its archive in .Download; install nothing.")
    var extractLicense = false

    @Option(name: [.customShort("f"), .customLong("packs-list-filename")], help: ArgumentHelp("A file with one PACK per line.", valueName: "file"))
    var listFile: String?

    @Argument(help: ArgumentHelp("Packs to install.", valueName: "pack"))
    var packs: [String] = []

    func validate() throws {
        if packs.isEmpty && listFile == nil { throw ValidationError("name at least one pack, or a list of them with -f") }
    }

    func run() async throws {
        var texts = packs
        if let listFile {
            guard let text = try? String(contentsOfFile: listFile, encoding: .utf8) else {
                Terminal.error("\(listFile): cannot read the list of packs")
                throw ExitCode(1)
            }
            texts += ListFile.entries(text)
            // cpackget: an empty list is nothing to do, not an error.
            if texts.isEmpty {
                Terminal.warning("\(listFile) names no pack; nothing to do")
                return
            }
        }
        var specifiers: [PackSpecifier] = []
        for text in texts {
            do { specifiers.append(try PackSpecifier(text)) } catch {
                Terminal.error("\(text): \(error.reason)")
                throw ExitCode(2)
            }
        }
        // Packs that cannot be found fail before the root is touched: a mistyped
        // name on a new or empty folder creates nothing there (docs/pack-root.md).
        let (ready, unfound) = PackInstaller.preflight(specifiers, layout: root.layout)
        guard !ready.isEmpty else {
            unfound.forEach { Terminal.error($0.description) }
            throw ExitCode(1)
        }
        let lock = try root.lock()
        defer { lock.release() }
        var options = install.installerOptions
        options.forceReinstall = forceReinstall
        options.extractLicenseOnly = extractLicense
        try await install.run(ready, options: options, root: root, network: network, signal: signal, failedEarlier: unfound)
    }
}

extension InstallOptions {
    /// Installs, prints what happened, brings the device index in step and
    /// exits 1 when something failed. The caller holds the root's lock.
    func run(_ specifiers: [PackSpecifier], options: PackInstaller.Options? = nil, root: PackRootOptions, network: NetworkOptions,
             signal: ChangeSignalOptions, failedEarlier: [UpdateReport.Failure] = []) async throws {
        let layout = root.layout
        let options = options ?? installerOptions
        let folder = try root.claimed()
        let report = try await InterruptNotice.reporting(for: layout) {
            try await root.withFetcher(network) { fetcher, tracker in
                let installer = PackInstaller(root: folder, fetcher: fetcher, progress: tracker, options: options)
                try installer.prepare()
                return await installer.add(specifiers)
            }
        }
        for (number, reference) in report.installed.enumerated() {
            if signal.encodedProgress { Terminal.print("[I\(number):F\"\(layout.downloadedPackPath(reference))\",P100]") }
            Terminal.print("installed \(reference.packID) in \(layout.installPath(reference))")
        }
        for file in report.extractedLicenses {
            Terminal.print(signal.encodedProgress ? "[L:F\"\(file)\"]" : "extracted the licence to \(file)")
        }
        for reference in report.alreadyInstalled { Terminal.print("\(reference.packID) is already installed") }
        for reference in report.registered { Terminal.print("registered \(reference.packID) from its local description") }
        for note in report.notes { Terminal.note(note) }
        for failure in failedEarlier + report.failures { Terminal.error(failure.description) }
        if !report.installed.isEmpty || !report.registered.isEmpty {
            root.syncIndex()
            signal.touch(root)
        }
        if !report.failures.isEmpty || !failedEarlier.isEmpty { throw ExitCode(1) }
    }
}

/// Asks the person at the terminal to agree to a pack's licence.
enum LicensePrompt {
    static var available: Bool { isatty(STDIN_FILENO) == 1 }

    @Sendable static func ask(_ reference: PackReference, _ text: String) -> Bool {
        let message = "\n\(reference.packID) comes with this licence:\n\n\(text)\n\nDo you agree to it? [y/N] "
        FileHandle.standardError.write(Data(message.utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
