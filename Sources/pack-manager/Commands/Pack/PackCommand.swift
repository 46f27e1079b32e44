import ArgumentParser
import CMSISPack
import Foundation
import PackCache

/// `pack-manager pack …`: a CMSIS pack root, as cpackget and Keil's Pack Installer keep it.
struct PackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Install, update and remove packs in a CMSIS pack root (CMSIS_PACK_ROOT).",
        discussion: """
            The root is --pack-root, else $CMSIS_PACK_ROOT, else ~/.cache/arm/packs. Its layout is the one \
            cpackget and Keil's Pack Installer use (.Web, .Download, .Local, <Vendor>/<Name>/<version>), so \
            each tool reads what the others write.
            """,
        subcommands: [
            PackInitCommand.self, PackAddCommand.self, PackRemoveCommand.self, PackListCommand.self,
            PackUpdateCommand.self, PackUpdateIndexCommand.self, ChecksumCreateCommand.self, ChecksumVerifyCommand.self,
        ]
    )
}

/// Options of every `pack` subcommand.
struct PackRootOptions: ParsableArguments {
    @Option(name: [.customShort("R"), .customLong("pack-root")], help: ArgumentHelp("The pack root (default $CMSIS_PACK_ROOT, else ~/.cache/arm/packs).", valueName: "dir"))
    var packRoot: String?

    @Option(name: .customLong("json-path"), help: ArgumentHelp("Folder of the device index to keep in step with the root.", valueName: "dir"))
    var jsonPath: String?

    @Option(name: .customLong("data-path"), help: ArgumentHelp("The cache's data folder (only for its default index folder).", valueName: "dir"))
    var dataPath: String?

    @Flag(name: [.short, .long], help: "No progress display; only failures and the summary.")
    var quiet = false

    var layout: PackRootLayout { PackRootLayout(explicit: packRoot) }
    var locations: CacheLocations { CacheLocations(dataPath: dataPath, jsonPath: jsonPath) }

    /// Waits for another process working on the same root.
    func lock() throws -> DirectoryLock {
        try DirectoryLock(directory: layout.root) {
            Terminal.warning("another pack-manager is changing \(layout.root); waiting for it to finish")
        }
    }

    /// Brings the device index in step with the root after a change.
    func syncIndex() {
        do {
            let lock = try DirectoryLock(directory: locations.jsonPath)
            defer { lock.release() }
            var index = (try? DeviceIndex.read(locations.indexPaths)) ?? DeviceIndex()
            if PackRootIndexSync.synchronize(&index, with: layout) {
                try index.write(locations.indexPaths)
            }
        } catch {
            Terminal.warning("the device index in \(locations.jsonPath) was not updated: \(error)")
        }
    }

    /// Runs `body` with a fetcher and a progress display, shutting both down after.
    func withFetcher<T>(_ network: NetworkOptions, _ body: (Fetcher, ProgressTracker) async throws -> T) async throws -> T {
        let tracker = ProgressTracker()
        let display = ProgressDisplay(tracker: tracker, quiet: quiet)
        let fetcher = Fetcher(configuration: network.fetchConfiguration)
        display.start()
        do {
            let result = try await body(fetcher, tracker)
            display.stop()
            await fetcher.shutdown()
            return result
        } catch {
            display.stop()
            await fetcher.shutdown()
            throw error
        }
    }
}

extension PackSpecifier: ExpressibleByArgument {
    public init?(argument: String) {
        guard let parsed = try? PackSpecifier(argument) else { return nil }
        self = parsed
    }
}
