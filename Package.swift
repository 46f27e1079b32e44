// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "cmsis-pack-manager",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CMSISPack", targets: ["CMSISPack"]),
        .library(name: "PackCheck", targets: ["PackCheck"]),
        .executable(name: "pack-manager", targets: ["pack-manager"]),
        // libcmsis_pack_manager.so: the C interface (Sources/CMSISPackManagerC/include/cmsis_pack_manager.h)
        // that the Python module loads.
        .library(name: "cmsis_pack_manager", type: .dynamic, targets: ["CMSISPackManagerABI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // libyaml's emitter, the algorithm PyYAML ports, for find-part's YAML.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // TLS settings for --insecure-skip-verify (already built for AsyncHTTPClient),
        // and X.509 certificates for cpackget's pack signatures.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        // libxml2 through pkg-config: it reports line, column and a message for every
        // malformed document, which Foundation's XMLParser on Linux does not.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "CXMLReader",
            dependencies: ["CLibXML2"]
        ),
        .target(
            name: "CMSISPack",
            dependencies: [
                "CXMLReader",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // `check`: packchk's rules over the core's model (reads only; the
        // network part of `check --online` lives in PackCache).
        .target(
            name: "PackCheck",
            dependencies: ["CMSISPack", "CXMLReader"]
        ),
        // O_TMPFILE, which the Swift overlay of glibc does not export.
        .target(name: "CFileSystem"),
        // The only code that creates, writes, renames or deletes files: every
        // path below a claimed folder is walked with directory descriptors
        // (openat, O_NOFOLLOW), and only an ownership proof made here
        // (OwnedPath) can be deleted.
        .target(
            name: "OwnedFiles",
            dependencies: ["CMSISPack", "CFileSystem"]
        ),
        .target(
            name: "PackCache",
            dependencies: [
                "CMSISPack",
                "PackCheck",
                "OwnedFiles",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                // NIOLockedValueBox: the one lock box above the core.
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .target(name: "CMSISPackManagerC"),
        // The C interface carries the command line too (cpm_cli_main), so the
        // wheel ships one native binary.
        .target(
            name: "CMSISPackManagerABI",
            dependencies: ["CMSISPack", "OwnedFiles", "PackCache", "PackManagerCLI", "CMSISPackManagerC", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        // The commands of `pack-manager`, as a library: the program below and
        // the C interface both run them.
        .target(
            name: "PackManagerCLI",
            dependencies: [
                "CMSISPack",
                "PackCheck",
                "OwnedFiles",
                "PackCache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "pack-manager",
            dependencies: ["PackManagerCLI"]
        ),
        // Helpers the test targets share: zip archives built on the fly, and the
        // shared corpus beside the repository (Corpus imports Testing for #require).
        .target(
            name: "TestSupport",
            dependencies: ["CMSISPack", "PackCheck", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "CMSISPackTests",
            dependencies: [
                "CMSISPack",
                "PackCheck",
                "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Expectations the tests read by path (see CheckCorpusTests).
            exclude: ["Resources"]
        ),
        // The command line in process (PackManagerProgram.run with its output
        // captured): usage errors and messages, no program started.
        .testTarget(
            name: "PackManagerCLITests",
            dependencies: ["PackManagerCLI", "PackCache", "CMSISPack", "TestSupport"]
        ),
        .testTarget(
            name: "PackCacheTests",
            dependencies: ["PackCache", "OwnedFiles", "CMSISPack", "pack-manager", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           // A YAML reader for the probe-rs target descriptions `export` writes.
                           .product(name: "Yams", package: "Yams")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
