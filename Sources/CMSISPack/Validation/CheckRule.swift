/// One thing `pack-manager check` verifies: a stable id, its default
/// severity, what it means, and the message of Arm's `packchk` that reports
/// the same problem, where there is one.
///
/// ```swift
/// CheckRule.urlWithoutSlash.id        // "PM112"
/// CheckRule.urlWithoutSlash.packchk   // "M316"
/// CheckRule.named("PM401")?.summary   // "a file the description names is not in the pack"
/// ```
///
/// Ids never change meaning once published: tools suppress them by id. They
/// start with "PM" so that they cannot be mistaken for packchk's "M" numbers,
/// which mean other things (packchk's M101 is "Unknown error!").
public struct CheckRule: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let severity: CheckSeverity
    public let summary: String
    public let packchk: String?

    init(_ id: String, _ severity: CheckSeverity, _ summary: String, packchk: String? = nil) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.packchk = packchk
    }

    public var description: String { id }

    public static func named(_ id: String) -> CheckRule? { all.first { $0.id == id } }
}

/// How much a finding matters: an error fails the check.
public enum CheckSeverity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension CheckRule {
    // MARK: Reading and schema

    public static let unreadable = CheckRule("PM001", .error, "the file cannot be read as a pack description", packchk: "M108")
    public static let schemaViolation = CheckRule("PM002", .error, "the description does not conform to the schema (PACK.xsd)", packchk: "M511")
    public static let schemaSkipped = CheckRule("PM003", .info, "schema validation was skipped: no usable PACK.xsd was found")
    public static let readerWarning = CheckRule("PM004", .warning, "the reader found content it could not use as the specification says")
    public static let severalDescriptions = CheckRule("PM005", .error, "the pack holds more than one .pdsc file at its top", packchk: "M206")

    // MARK: Package header and naming

    public static let fileNameMismatch = CheckRule("PM101", .error, "the file name is not <vendor>.<name>.pdsc (or <vendor>.<name>.<version>.pack) as the content says", packchk: "M207")
    public static let invalidName = CheckRule("PM102", .error, "the vendor or pack name holds characters other than letters, digits, '-' and '_'", packchk: "M383")
    public static let missingDescription = CheckRule("PM103", .error, "<description> of the package is missing or empty", packchk: "M306")
    public static let missingSchemaVersion = CheckRule("PM104", .error, "<package> has no schemaVersion", packchk: "M376")
    public static let uppercaseExtension = CheckRule("PM105", .warning, "the .pdsc extension is not lower case", packchk: "M397")
    public static let missingURL = CheckRule("PM110", .warning, "<url> is missing or empty", packchk: "M304")
    public static let insecureURL = CheckRule("PM111", .warning, "<url> does not use https")
    public static let urlWithoutSlash = CheckRule("PM112", .warning, "<url> does not end with '/'", packchk: "M316")
    public static let invalidURL = CheckRule("PM113", .error, "<url> is not an http(s) URL (a path, a drive, backslashes)", packchk: "M315")

    // MARK: Releases

    public static let noReleases = CheckRule("PM201", .error, "there is no <release>", packchk: "M305")
    public static let invalidVersion = CheckRule("PM202", .error, "a release version is missing or not a semantic version", packchk: "M394")
    public static let versionOrder = CheckRule("PM203", .error, "release versions are not newest first, or repeat", packchk: "M396")
    public static let invalidDate = CheckRule("PM204", .error, "a release date or deprecation date is not a valid YYYY-MM-DD date")
    public static let missingDate = CheckRule("PM205", .warning, "a release has no date", packchk: "M395")
    public static let futureDate = CheckRule("PM206", .warning, "a release date is in the future", packchk: "M386")
    public static let dateOrder = CheckRule("PM207", .warning, "release dates are not newest first", packchk: "M396")
    public static let replacementWithoutDeprecation = CheckRule("PM208", .error, "a release names a replacement but is not deprecated")
    public static let invalidReplacement = CheckRule("PM209", .error, "a release's replacement is not a valid <vendor>.<name>")
    public static let preReleaseLatest = CheckRule("PM210", .info, "the newest release is a pre-release", packchk: "M393")

    // MARK: Devices

    public static let duplicateDevice = CheckRule("PM301", .error, "a device or variant name is defined more than once", packchk: "M365")
    public static let missingProcessor = CheckRule("PM303", .error, "a device has no <processor>, even after inheritance", packchk: "M312")
    public static let missingMemory = CheckRule("PM304", .warning, "a device has no <memory>, even after inheritance", packchk: "M312")
    public static let noStartupMemory = CheckRule("PM305", .warning, "a processor of a device has no startup memory")
    public static let severalStartupMemories = CheckRule("PM306", .warning, "a processor of a device has more than one startup memory (per security state)")
    public static let overlappingMemories = CheckRule("PM307", .warning, "two memories of one processor overlap")
    public static let duplicateMemory = CheckRule("PM308", .error, "a memory name is defined twice on one level", packchk: "M311")
    public static let incompleteMemory = CheckRule("PM309", .error, "a memory lacks start, size, or both name and id", packchk: "M308")
    public static let unknownCore = CheckRule("PM310", .warning, "Dcore is not one of the schema's cores")
    public static let unknownFPU = CheckRule("PM311", .error, "Dfpu is not one of the schema's values")
    public static let emptyFamily = CheckRule("PM312", .warning, "a family or sub-family has no devices", packchk: "M359")

    // MARK: Files

    public static let missingFile = CheckRule("PM401", .error, "a file the description names is not in the pack", packchk: "M323")
    public static let fileCaseMismatch = CheckRule("PM402", .warning, "a file the description names exists only with different upper/lower case", packchk: "M310")
    public static let pathOutsidePack = CheckRule("PM403", .error, "a path is absolute or leads outside the pack", packchk: "M326")
    public static let backslashPath = CheckRule("PM404", .warning, "a path uses backslashes", packchk: "M327")
    public static let includeWithoutSlash = CheckRule("PM405", .warning, "an include path (category=\"include\") does not end with '/'", packchk: "M340")
    public static let includeIsFile = CheckRule("PM406", .warning, "an include path names a file, not a folder", packchk: "M339")
    public static let spaceInPath = CheckRule("PM407", .warning, "a path contains spaces", packchk: "M314")

    // MARK: Boards and examples

    public static let boardDeviceUnknown = CheckRule("PM501", .warning, "a board names a device this pack does not define", packchk: "M346")
    public static let boardWithoutDevice = CheckRule("PM502", .error, "a board has no <mountedDevice>", packchk: "M375")
    public static let duplicateBoard = CheckRule("PM503", .error, "a board (vendor, name, revision) is defined twice", packchk: "M325")
    public static let exampleBoardUnknown = CheckRule("PM504", .info, "an example names a board this pack does not define", packchk: "M324")

    // MARK: Conditions

    public static let undefinedCondition = CheckRule("PM601", .error, "a condition is used but not defined", packchk: "M332")
    public static let unusedCondition = CheckRule("PM602", .warning, "a condition is defined but not used", packchk: "M331")
    public static let recursiveCondition = CheckRule("PM603", .error, "conditions refer to each other in a cycle", packchk: "M384")
    public static let duplicateCondition = CheckRule("PM604", .error, "a condition id is defined twice", packchk: "M330")

    // MARK: Parts

    public static let duplicatePart = CheckRule("PM701", .error, "two parts share Hvendor, Hname, Hrevision, Hclass, Hvariant, Hgroup and Hsub")

    // MARK: Requirements

    public static let invalidPackRequirement = CheckRule("PM801", .error, "a package requirement lacks a valid vendor or name")
    public static let invalidVersionRange = CheckRule("PM802", .error, "a requirement's version range is not min[:max] of versions with min <= max")

    /// Every rule, in id order.
    public static let all: [CheckRule] = [
        unreadable, schemaViolation, schemaSkipped, readerWarning, severalDescriptions,
        fileNameMismatch, invalidName, missingDescription, missingSchemaVersion, uppercaseExtension,
        missingURL, insecureURL, urlWithoutSlash, invalidURL,
        noReleases, invalidVersion, versionOrder, invalidDate, missingDate, futureDate, dateOrder,
        replacementWithoutDeprecation, invalidReplacement, preReleaseLatest,
        duplicateDevice, missingProcessor, missingMemory, noStartupMemory, severalStartupMemories,
        overlappingMemories, duplicateMemory, incompleteMemory, unknownCore, unknownFPU, emptyFamily,
        missingFile, fileCaseMismatch, pathOutsidePack, backslashPath, includeWithoutSlash, includeIsFile, spaceInPath,
        boardDeviceUnknown, boardWithoutDevice, duplicateBoard, exampleBoardUnknown,
        undefinedCondition, unusedCondition, recursiveCondition, duplicateCondition,
        duplicatePart,
        invalidPackRequirement, invalidVersionRange,
    ]
}
