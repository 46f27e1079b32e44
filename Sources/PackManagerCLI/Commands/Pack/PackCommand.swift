import ArgumentParser
import CMSISPack
import OwnedFiles
import Foundation
import PackCache

/// `pack-manager pack …`: a CMSIS pack root, as cpackget and Keil's Pack Installer keep it.
struct PackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Install, update and remove packs in a CMSIS pack root (CMSIS_PACK_ROOT).",
        discussion: """
            The root is --pack-root (-R), else $CMSIS_PACK_ROOT, else $CPACKGET_DEFAULT_MODE_PATH, else \
            $XDG_CACHE_HOME/arm/packs, else ~/.cache/arm/packs. Its layout is the one \
            cpackget and Keil's Pack Installer use (.Web, .Download, .Local, <Vendor>/<Name>/<version>), so \
            each tool reads what the others write.
            """,
        subcommands: [
            PackInitCommand.self, PackAddCommand.self, PackRemoveCommand.self, PackListCommand.self,
            PackUpdateCommand.self, PackUpdateIndexCommand.self, ChecksumCreateCommand.self, ChecksumVerifyCommand.self,
            SignatureCreateCommand.self, SignatureVerifyCommand.self, PackConnectionCommand.self,
        ]
    )

    // --version is ArgumentParser's (from the root command); -V is cpackget's spelling.
    @Flag(name: .customShort("V"), help: "Print the version (cpackget's -V; same as --version).")
    var version = false

    func run() async throws {
        guard version else { throw CleanExit.helpRequest(self) }
        Terminal.print("pack-manager \(PackManagerVersion.current)")
    }
}

/// Options of every `pack` subcommand.
struct PackRootOptions: ParsableArguments {
    @Option(name: [.customShort("R"), .customLong("pack-root")], help: ArgumentHelp("The pack root (default $CMSIS_PACK_ROOT, else $CPACKGET_DEFAULT_MODE_PATH, else $XDG_CACHE_HOME/arm/packs, else ~/.cache/arm/packs).", valueName: "dir"))
    var packRoot: String?

    @Option(name: .customLong("json-path"), help: ArgumentHelp("Folder of the device index to keep in step with the root.", valueName: "dir"))
    var jsonPath: String?

    @Option(name: .customLong("data-path"), help: ArgumentHelp("The cache's data folder (the index follows it unless --json-path is given).", valueName: "dir"))
    var dataPath: String?

    @Flag(name: [.short, .long], help: "No progress display; only failures and the summary.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Also print warnings about indexes and descriptions.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("-q and -v exclude each other") }
    }

    var layout: PackRootLayout { PackRootLayout(explicit: packRoot) }
    var locations: CacheLocations { CacheLocations(dataPath: dataPath, jsonPath: jsonPath) }

    /// The root, claimed for writing: refused for `/`, home and the like, and
    /// for a folder of other files; created when missing and `create`.
    func claimed(create: Bool = true) throws -> PackRootFolder {
        do {
            guard let folder = try PackRootFolder.claim(layout, create: create) else {
                throw CacheError.invalidPath(path: layout.root, reason: "there is no pack root here; create it with `pack-manager pack init`")
            }
            return folder
        } catch let error as FolderError {
            throw CacheError(error)
        }
    }

    /// Waits for another process working on the same root.
    func lock(create: Bool = true) throws -> DirectoryLock {
        let folder = try claimed(create: create)
        do {
            return try folder.lock {
                Terminal.warning("another pack-manager is changing \(layout.root); waiting for it to finish")
            }
        } catch { throw CacheError(error) }
    }

    /// Brings the device index in step with the root after a change.
    func syncIndex() {
        do {
            try PackRootIndexSync.syncAfterChange(layout: layout, locations: locations)
        } catch {
            Terminal.warning("the device index in \(locations.jsonPath) was not updated: \(error)")
        }
    }

    func withFetcher<T>(_ network: NetworkOptions, _ body: (Fetcher, ProgressTracker) async throws -> T) async throws -> T {
        try await PackManagerCLI.withFetcher(network, quiet: quiet, body)
    }
}

/// What `add` and `update` share: licences and dependencies.
struct InstallOptions: ParsableArguments {
    @Flag(name: [.customShort("a"), .customLong("agree-embedded-license")], help: "Agree to the packs' embedded licences without asking.")
    var agreeLicense = false

    @Flag(name: [.customShort("n"), .customLong("no-dependencies")], help: "Do not install the packs a pack requires.")
    var noDependencies = false

    var installerOptions: PackInstaller.Options {
        PackInstaller.Options(agreeLicenses: agreeLicense, askLicense: LicensePrompt.available ? LicensePrompt.ask : nil,
                              installDependencies: !noDependencies)
    }
}

/// `pack.idx`, which cpackget touches after every change so IDEs watching
/// the root reload it, and cpackget's encoded progress for those IDEs.
struct ChangeSignalOptions: ParsableArguments {
    @Flag(name: .customLong("skip-touch"), help: "Do not touch pack.idx after a change.")
    var skipTouch = false

    @Flag(name: [.customShort("E"), .customLong("encoded-progress")], help: "Print progress as cpackget encodes it for IDEs ([I…], [J…], [L…]).")
    var encodedProgress = false

    func touch(_ root: PackRootOptions) {
        guard !skipTouch else { return }
        do { try root.claimed(create: false).place(root.layout.packIndexPath).touch() } catch { Terminal.warning("\(error)") }
    }
}

extension PackSpecifier: ExpressibleByArgument {
    public init?(argument: String) {
        guard let parsed = try? PackSpecifier(argument) else { return nil }
        self = parsed
    }
}
