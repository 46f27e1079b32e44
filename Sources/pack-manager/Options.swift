import ArgumentParser
import PackCache

/// Options every command takes, as the reference's do.
struct LocationOptions: ParsableArguments {
    @Option(name: .customLong("data-path"), help: ArgumentHelp("Folder of cached pack descriptions and packs.", valueName: "dir"))
    var dataPath: String?

    @Option(name: .customLong("json-path"), help: ArgumentHelp("Folder of index.json and aliases.json.", valueName: "dir"))
    var jsonPath: String?

    @Option(name: .customLong("vidx-list"), help: ArgumentHelp("Text file of index URLs, one per line.", valueName: "file"))
    var vidxList: String?

    @Flag(name: [.short, .long], help: "Print warnings and progress details.")
    var verbose = false

    var locations: CacheLocations {
        CacheLocations(dataPath: dataPath, jsonPath: jsonPath, vendorListPath: vidxList)
    }
}

/// `--and`/`--or` (and the reference's synonyms), which here really choose.
struct MatchOptions: ParsableArguments {
    @Flag(name: [.customLong("and"), .customLong("intersection")], help: "Every word must match.")
    var all = false

    @Flag(name: [.customLong("or"), .customLong("union")], help: "Any word may match.")
    var any = false

    func mode(default fallback: DeviceSearch.Mode) -> DeviceSearch.Mode {
        if all { return .allWords }
        if any { return .anyWord }
        return fallback
    }
}
