import CMSISPack
/// Every rule of `check`, by theme. The table in docs/check.md is this list.
extension CheckRule {
    // MARK: Reading and schema

    public static let unreadable = CheckRule("PM001", .error, "the file cannot be read as a pack description", packchk: "M108")
    public static let schemaViolation = CheckRule("PM002", .error, "the description does not conform to the schema (PACK.xsd)", packchk: "M511", also: ["M510"])
    public static let schemaSkipped = CheckRule("PM003", .info, "schema validation was skipped: no usable PACK.xsd was found")
    public static let readerWarning = CheckRule("PM004", .warning, "the reader found content it could not use as the specification says")
    public static let severalDescriptions = CheckRule("PM005", .error, "the pack holds more than one .pdsc file at its top", packchk: "M206")

    // MARK: Package header and naming

    public static let fileNameMismatch = CheckRule("PM101", .error, "the file name is not <vendor>.<name>.pdsc (or <vendor>.<name>.<version>.pack) as the content says", packchk: "M207")
    public static let invalidName = CheckRule("PM102", .error, "the vendor or pack name holds characters other than letters, digits, '-' and '_'")
    public static let missingDescription = CheckRule("PM103", .error, "<description> of the package is missing or empty", packchk: "M306")
    public static let missingSchemaVersion = CheckRule("PM104", .error, "<package> has no schemaVersion", packchk: "M376")
    public static let uppercaseExtension = CheckRule("PM105", .warning, "the .pdsc extension is not lower case", packchk: "M397")
    public static let missingVendor = CheckRule("PM106", .error, "<vendor> of the package is missing or empty", packchk: "M302")
    public static let missingName = CheckRule("PM107", .error, "<name> of the package is missing or empty", packchk: "M303")
    public static let missingURL = CheckRule("PM110", .warning, "<url> is missing or empty", packchk: "M304")
    public static let insecureURL = CheckRule("PM111", .warning, "<url> uses http instead of https", packchk: "M300")
    public static let urlWithoutSlash = CheckRule("PM112", .warning, "<url> does not end with '/'", packchk: "M316")
    public static let invalidURL = CheckRule("PM113", .warning, "<url> is not an http(s) URL (no scheme, or a path)")
    public static let driveURL = CheckRule("PM114", .error, "<url> names a drive (C:…)", packchk: "M315")
    public static let backslashURL = CheckRule("PM115", .warning, "a URL uses backslashes", packchk: "M370")
    public static let urlMismatch = CheckRule("PM116", .error, "<url> is not the URL given with -u", packchk: "M301")
    public static let insecureLink = CheckRule("PM117", .warning, "a link other than <url> uses http instead of https", packchk: "M300")

    // MARK: Publishing, checked online (`check --online`, `index build --verify-archives`)

    public static let descriptionNotPublished = CheckRule("PM120", .error, "the description is not at its <url> (or cannot be fetched from there)")
    public static let publishedDescriptionOlder = CheckRule("PM121", .error, "the description at <url> is older than the one checked: it is not published yet")
    public static let publishedDescriptionDiffers = CheckRule("PM122", .error, "the description at <url> has the same newest version but other content")
    public static let publishedDescriptionNewer = CheckRule("PM123", .info, "the description at <url> is newer than the one checked")
    public static let newestArchiveMissing = CheckRule("PM124", .error, "the newest release's archive is not at <url> (or its release url)")
    public static let earlierArchiveMissing = CheckRule("PM125", .warning, "an earlier release's archive is not at <url> (or its release url)")
    public static let rehostOldDescription = CheckRule("PM126", .error, "a rehosted pack's newest description is not at its old <url> as well")
    public static let rehostArchiveNotCopied = CheckRule("PM127", .error, "a rehosted pack's earlier archive was not copied to the new <url>")
    public static let replacementNotPublished = CheckRule("PM128", .error, "the replacement of a deprecated pack has no description at <url> (or it names another pack)")
    public static let replacementNotFromOne = CheckRule("PM129", .warning, "the replacement of a renamed pack does not start at version 1.0.0")
    public static let replacementArchiveMissing = CheckRule("PM130", .error, "the replacement pack's newest archive is not at <url>")
    public static let replacementDeprecated = CheckRule("PM131", .warning, "the replacement of a deprecated pack is itself deprecated")
    public static let onlineCheckFailed = CheckRule("PM132", .warning, "a URL could not be checked: no answer, or an answer that says nothing about the file")

    // MARK: Releases

    public static let noReleases = CheckRule("PM201", .error, "<releases> holds no <release>", packchk: "M305")
    public static let invalidVersion = CheckRule("PM202", .error, "a release version is missing or not a semantic version", packchk: "M394", also: ["M328"])
    public static let versionOrder = CheckRule("PM203", .error, "release versions are not newest first, or repeat", packchk: "M396")
    public static let invalidDate = CheckRule("PM204", .error, "a release date or deprecation date is not a valid YYYY-MM-DD date")
    public static let missingDate = CheckRule("PM205", .info, "a release (not a pre-release) has no date", packchk: "M395")
    public static let futureDate = CheckRule("PM206", .warning, "a release date is in the future", packchk: "M386")
    public static let dateOrder = CheckRule("PM207", .warning, "a release is dated after a newer release of its own major.minor line")
    public static let replacementWithoutDeprecation = CheckRule("PM208", .error, "a release names a replacement but is not deprecated")
    public static let invalidReplacement = CheckRule("PM209", .error, "a release's replacement is not a valid <vendor>.<name>")
    public static let preRelease = CheckRule("PM210", .info, "a release is a pre-release", packchk: "M393")
    public static let releaseWithoutText = CheckRule("PM211", .error, "a release has no description", packchk: "M329")
    public static let noReleasesElement = CheckRule("PM212", .warning, "there is no <releases> (the schema requires it)", packchk: "M338")

    // MARK: Devices

    public static let duplicateDevice = CheckRule("PM301", .error, "a device or variant name is defined more than once", packchk: "M392")
    public static let repeatedDeviceName = CheckRule("PM302", .info, "a family, sub-family, device or variant name is used more than once in the device tree", packchk: "M391")
    public static let missingProcessor = CheckRule("PM303", .error, "a device has no <processor>, even after inheritance")
    public static let missingMemory = CheckRule("PM304", .info, "a device has no <memory>, even after inheritance", packchk: "M312")
    public static let noStartupMemory = CheckRule("PM305", .warning, "a processor of a device has no startup memory", packchk: "M609")
    public static let severalStartupMemories = CheckRule("PM306", .warning, "a processor of a device has more than one startup memory (per security state)", packchk: "M609")
    public static let overlappingMemories = CheckRule("PM307", .warning, "two memories of one processor overlap")
    public static let duplicateMemory = CheckRule("PM308", .error, "a memory name is defined twice on one level", packchk: "M311")
    public static let incompleteMemory = CheckRule("PM309", .error, "a memory lacks start or size, or both name and id", packchk: "M308", also: ["M307"])
    public static let unknownCore = CheckRule("PM310", .warning, "Dcore is not one of the schema's cores")
    public static let unknownFPU = CheckRule("PM311", .error, "Dfpu is not one of the schema's values")
    public static let emptyFamily = CheckRule("PM312", .warning, "a family or sub-family has no devices", packchk: "M359", also: ["M360"])
    public static let invalidDeviceName = CheckRule("PM313", .error, "a device name holds characters other than letters, digits, '-', '_' and '/'", packchk: "M383")
    public static let memoryNameWithoutAccess = CheckRule("PM314", .error, "a memory has a name but no access, or access but no name", packchk: "M309")
    public static let memoryIdIgnored = CheckRule("PM315", .info, "a memory has the deprecated id as well as name and access (the id is ignored)", packchk: "M399")
    public static let startupNotExecutable = CheckRule("PM316", .warning, "a startup memory is not executable (access has no 'x')", packchk: "M608")
    public static let coreFeaturesUnchecked = CheckRule("PM317", .warning, "the processor attributes of this Dcore are not checked", packchk: "M604")
    public static let missingProcessorAttribute = CheckRule("PM318", .warning, "a processor lacks an attribute its core has (Dfpu, Dmpu, Dendian, Dclock…)", packchk: "M605")
    public static let emptyDeviceDescription = CheckRule("PM319", .warning, "a device's <description> is empty", packchk: "M380")
    public static let unknownFeature = CheckRule("PM320", .error, "a feature type is not one the specification defines", packchk: "M371")
    public static let misspelledFeature = CheckRule("PM321", .error, "a feature type differs from a defined one only in case", packchk: "M372")
    public static let repeatedProperty = CheckRule("PM322", .warning, "a feature or flash algorithm is defined twice on one level", packchk: "M348")
    public static let inheritedPropertyRepeated = CheckRule("PM323", .info, "a feature or flash algorithm repeats one inherited from a level above", packchk: "M369")
    public static let unknownPname = CheckRule("PM324", .error, "a feature or flash algorithm names a Pname that is no processor of the device", packchk: "M374")

    // MARK: Files

    public static let missingFile = CheckRule("PM401", .error, "a file the description names is not in the pack", packchk: "M323")
    public static let fileCaseMismatch = CheckRule("PM402", .warning, "a file the description names exists only with different upper/lower case", packchk: "M310")
    public static let pathOutsidePack = CheckRule("PM403", .error, "a path is absolute or leads outside the pack", packchk: "M326", also: ["M313"])
    public static let backslashPath = CheckRule("PM404", .warning, "a path uses backslashes", packchk: "M327")
    public static let includeWithoutSlash = CheckRule("PM405", .warning, "an include path (category=\"include\") that is a folder of the pack does not end with '/'", packchk: "M340")
    public static let includeIsFile = CheckRule("PM406", .warning, "an include path is not a folder of the pack (a file, or missing)", packchk: "M339")
    public static let spaceInPath = CheckRule("PM407", .warning, "a path contains spaces", packchk: "M314")
    public static let fileIsFolder = CheckRule("PM408", .error, "a file entry (not category=\"include\") names a folder", packchk: "M356")
    public static let wrongExtension = CheckRule("PM409", .warning, "a file's extension does not fit its category", packchk: "M337")
    public static let configWithoutVersion = CheckRule("PM410", .warning, "a configuration file (attr=\"config\") has no version", packchk: "M334")
    public static let templateInclude = CheckRule("PM411", .warning, "a template file (attr=\"template\") has category=\"include\"", packchk: "M342")
    public static let templateWithoutSelect = CheckRule("PM412", .warning, "a template file (attr=\"template\") has no select", packchk: "M343")
    public static let gccLowercaseAssembler = CheckRule("PM413", .warning, "an assembler file for GCC ends in .s (GCC preprocesses only .S)", packchk: "M341")
    public static let missingCompilerCondition = CheckRule("PM414", .warning, "a library or assembler file has no condition naming a compiler", packchk: "M344")
    public static let deprecatedCopy = CheckRule("PM415", .warning, "a file has the deprecated attr=\"copy\"", packchk: "M600")
    public static let repeatedComponentFile = CheckRule("PM416", .warning, "a component names the same source or library file twice", packchk: "M610")
    public static let configInIncludePath = CheckRule("PM417", .warning, "a configuration file lies in a folder that is also an include path", packchk: "M357")
    public static let startupFileNotConfig = CheckRule("PM418", .warning, "a startup_ or system_ source of a Device:Startup component is not attr=\"config\"", packchk: "M377")

    // MARK: Boards and examples

    public static let boardDeviceUnknown = CheckRule("PM501", .warning, "a board names a device that neither this pack nor a pack given with -i defines", packchk: "M346")
    public static let boardWithoutDevice = CheckRule("PM502", .error, "a board has no <mountedDevice>", packchk: "M375")
    public static let duplicateBoard = CheckRule("PM503", .error, "a board (vendor, name, revision) is defined twice", packchk: "M325")
    public static let exampleBoardUnknown = CheckRule("PM504", .warning, "an example names a board that neither this pack nor a pack given with -i defines", packchk: "M324")
    public static let incompleteBoardDevice = CheckRule("PM505", .error, "a mounted device lacks Dvendor or Dname", packchk: "M308")
    public static let repeatedDeviceIndex = CheckRule("PM506", .error, "two mounted devices of a board share a deviceIndex", packchk: "M319")
    public static let boardDevicePattern = CheckRule("PM507", .warning, "a mounted device names a pattern, not one device", packchk: "M607")
    public static let compatibleDeviceFamily = CheckRule("PM508", .warning, "a compatible device names Dfamily or DsubFamily", packchk: "M318")
    public static let boardDeviceHasVariants = CheckRule("PM509", .warning, "a mounted device names a device that has variants", packchk: "M611")
    public static let boardDeviceVendor = CheckRule("PM510", .warning, "a board names a device with another Dvendor than the device has", packchk: "M381")
    public static let boardWithoutExample = CheckRule("PM511", .warning, "no example of this pack or a pack given with -i runs on a board", packchk: "M379")
    public static let compatibleDeviceWithoutName = CheckRule("PM512", .error, "a compatible device has no Dname (a family or variant alone cannot be checked)", packchk: "M368")

    // MARK: Conditions and components

    public static let undefinedCondition = CheckRule("PM601", .error, "a condition is used but not defined", packchk: "M332")
    public static let unusedCondition = CheckRule("PM602", .warning, "a condition is defined but not used", packchk: "M331")
    public static let recursiveCondition = CheckRule("PM603", .error, "conditions refer to each other in a cycle", packchk: "M390")
    public static let duplicateCondition = CheckRule("PM604", .error, "a condition id is defined twice", packchk: "M330")
    public static let unresolvedDependency = CheckRule("PM605", .warning, "a condition requires a component that neither this pack nor a pack given with -i provides", packchk: "M317")
    public static let conditionDeviceUnknown = CheckRule("PM606", .warning, "a condition names a device that neither this pack nor a pack given with -i defines", packchk: "M364")
    public static let pnameWithoutDname = CheckRule("PM607", .error, "a condition expression names Pname without Dname", packchk: "M398")
    public static let deviceComponentWithoutCondition = CheckRule("PM608", .warning, "a device-specific component (Cclass Device, Board Support, CMSIS Driver) has no condition", packchk: "M335")
    public static let deviceComponentConditionWithoutDevice = CheckRule("PM609", .warning, "a device-specific component's condition names no device", packchk: "M336")
    public static let undefinedGenerator = CheckRule("PM610", .warning, "a component or taxonomy entry names a generator that is not defined", packchk: "M347")
    public static let selfResolvedDependency = CheckRule("PM611", .warning, "a component's condition requires the component itself", packchk: "M389")
    public static let missingAPI = CheckRule("PM612", .warning, "a component has Capiversion but no pack given defines the API", packchk: "M363")
    public static let apiVersionMissing = CheckRule("PM613", .warning, "a component implements an API but has no Capiversion", packchk: "M378")
    public static let noStartupComponent = CheckRule("PM614", .warning, "no Device:Startup component applies to a device, core, security state and compiler", packchk: "M350")
    public static let startupDependencyUnresolved = CheckRule("PM615", .info, "a startup component that applies to a device needs a component no pack at hand provides", packchk: "M351")
    public static let startupWithoutFiles = CheckRule("PM616", .info, "a startup component that applies to a device has no file for it", packchk: "M352")
    public static let startupFileMissing = CheckRule("PM617", .info, "a device gets no system_*.c, no startup_* file or no device header from its startup component", packchk: "M353")
    public static let systemHeaderNotFound = CheckRule("PM618", .info, "the header of a device's system_*.c file is neither a file of its startup component nor in its include paths", packchk: "M358")
    public static let unresolvedComponentDependencies = CheckRule("PM619", .warning, "a component's dependencies cannot all be resolved with this pack and the packs given with -i", packchk: "M362")

    // MARK: Parts

    public static let duplicatePart = CheckRule("PM701", .error, "two parts share Hvendor, Hname, Hrevision, Hclass, Hvariant, Hgroup and Hsub")

    // MARK: Requirements

    public static let invalidPackRequirement = CheckRule("PM801", .error, "a package requirement lacks a valid vendor or name")
    public static let invalidVersionRange = CheckRule("PM802", .error, "a requirement's version range is not min[:max] of versions with min <= max")
    public static let unresolvedRequirement = CheckRule("PM803", .warning, "a required pack is not among the packs given with -i", packchk: "M382")

    // MARK: Licences, text and csolution

    public static let noLicense = CheckRule("PM901", .warning, "the pack names no licence (<license> or <licenseSets>)", packchk: "M603")
    public static let missingEntry = CheckRule("PM902", .warning, "a licence set, licence or <csolution> entry lacks an element or attribute it needs", packchk: "M601")
    public static let severalDefaultLicenseSets = CheckRule("PM903", .warning, "more than one licence set is the default", packchk: "M602")
    public static let duplicateLicenseSet = CheckRule("PM904", .error, "a licence set id is defined twice", packchk: "M367")
    public static let licenseSetWithoutID = CheckRule("PM905", .error, "a licence set has no id", packchk: "M308")
    public static let longDescription = CheckRule("PM906", .warning, "a <description> is longer than 128 characters", packchk: "M387")
    public static let unsupportedCharacters = CheckRule("PM907", .warning, "a <description> holds characters other than printable ASCII", packchk: "M388")

    /// The rules only the network can check (`check --online`): the offline
    /// checks never report them.
    public static let online: [CheckRule] = [
        descriptionNotPublished, publishedDescriptionOlder, publishedDescriptionDiffers, publishedDescriptionNewer,
        newestArchiveMissing, earlierArchiveMissing, rehostOldDescription, rehostArchiveNotCopied, replacementNotPublished,
        replacementNotFromOne, replacementArchiveMissing, replacementDeprecated, onlineCheckFailed,
    ]

    /// Every rule, in id order.
    public static let all: [CheckRule] = [
        unreadable, schemaViolation, schemaSkipped, readerWarning, severalDescriptions,
        fileNameMismatch, invalidName, missingDescription, missingSchemaVersion, uppercaseExtension, missingVendor, missingName,
        missingURL, insecureURL, urlWithoutSlash, invalidURL, driveURL, backslashURL, urlMismatch, insecureLink,
        descriptionNotPublished, publishedDescriptionOlder, publishedDescriptionDiffers, publishedDescriptionNewer,
        newestArchiveMissing, earlierArchiveMissing, rehostOldDescription, rehostArchiveNotCopied, replacementNotPublished,
        replacementNotFromOne, replacementArchiveMissing, replacementDeprecated, onlineCheckFailed,
        noReleases, invalidVersion, versionOrder, invalidDate, missingDate, futureDate, dateOrder,
        replacementWithoutDeprecation, invalidReplacement, preRelease, releaseWithoutText, noReleasesElement,
        duplicateDevice, repeatedDeviceName, missingProcessor, missingMemory, noStartupMemory, severalStartupMemories,
        overlappingMemories, duplicateMemory, incompleteMemory, unknownCore, unknownFPU, emptyFamily, invalidDeviceName,
        memoryNameWithoutAccess, memoryIdIgnored, startupNotExecutable, coreFeaturesUnchecked, missingProcessorAttribute,
        emptyDeviceDescription, unknownFeature, misspelledFeature, repeatedProperty, inheritedPropertyRepeated, unknownPname,
        missingFile, fileCaseMismatch, pathOutsidePack, backslashPath, includeWithoutSlash, includeIsFile, spaceInPath,
        fileIsFolder, wrongExtension, configWithoutVersion, templateInclude, templateWithoutSelect, gccLowercaseAssembler,
        missingCompilerCondition, deprecatedCopy, repeatedComponentFile, configInIncludePath, startupFileNotConfig,
        boardDeviceUnknown, boardWithoutDevice, duplicateBoard, exampleBoardUnknown, incompleteBoardDevice, repeatedDeviceIndex,
        boardDevicePattern, compatibleDeviceFamily, boardDeviceHasVariants, boardDeviceVendor, boardWithoutExample,
        compatibleDeviceWithoutName,
        undefinedCondition, unusedCondition, recursiveCondition, duplicateCondition, unresolvedDependency, conditionDeviceUnknown,
        pnameWithoutDname, deviceComponentWithoutCondition, deviceComponentConditionWithoutDevice, undefinedGenerator,
        selfResolvedDependency, missingAPI, apiVersionMissing, noStartupComponent, startupDependencyUnresolved,
        startupWithoutFiles, startupFileMissing, systemHeaderNotFound, unresolvedComponentDependencies,
        duplicatePart,
        invalidPackRequirement, invalidVersionRange, unresolvedRequirement,
        noLicense, missingEntry, severalDefaultLicenseSets, duplicateLicenseSet, licenseSetWithoutID, longDescription,
        unsupportedCharacters,
    ]
}
