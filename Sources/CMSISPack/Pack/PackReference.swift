/// One version of one pack: `Vendor.Name.version`.
///
/// ```swift
/// let ref = try PackReference(vendor: "Keil", name: "STM32F4xx_DFP", version: "2.15.0")
/// ref.pdscFileName      // "Keil.STM32F4xx_DFP.2.15.0.pdsc" (the cache's name)
/// ref.packRelativePath  // "Keil/STM32F4xx_DFP/2.15.0.pack"
/// ```
///
/// The initialiser validates every part, because these strings become file
/// names: an index entry such as `vendor="../../etc"` is refused.
public struct PackReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let vendor: String
    public let name: String
    public let version: String

    public init(vendor: String, name: String, version: String) throws(PackNameError) {
        try PackNaming.validateIdentifier(vendor, role: "vendor")
        try PackNaming.validateIdentifier(name, role: "pack name")
        try PackNaming.validateVersion(version)
        self.vendor = vendor
        self.name = name
        self.version = version
    }

    public var description: String { "\(vendor).\(name).\(version)" }
    /// `Vendor::Name@version`, as cpackget and csolution write it.
    public var packID: String { "\(vendor)::\(name)@\(version)" }
    public var family: PackFamily { PackFamily(vendor: vendor, name: name) }
    public var pdscFileName: String { "\(vendor).\(name).\(version).pdsc" }
    public var packFileName: String { "\(vendor).\(name).\(version).pack" }
    public var packRelativePath: String { "\(vendor)/\(name)/\(version).pack" }
    public var semanticVersion: SemanticVersion? { SemanticVersion(version) }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.vendor != rhs.vendor { return lhs.vendor < rhs.vendor }
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        switch (lhs.semanticVersion, rhs.semanticVersion) {
        case let (a?, b?) where a != b: return a < b
        default: return lhs.version < rhs.version
        }
    }
}

/// A pack regardless of version: `Vendor.Name`.
public struct PackFamily: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let vendor: String
    public let name: String

    public init(vendor: String, name: String) {
        self.vendor = vendor
        self.name = name
    }

    public var description: String { "\(vendor).\(name)" }
    public var pdscFileName: String { "\(vendor).\(name).pdsc" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.vendor.lowercased(), lhs.name.lowercased(), lhs.vendor, lhs.name)
            < (rhs.vendor.lowercased(), rhs.name.lowercased(), rhs.vendor, rhs.name)
    }
}

/// A vendor, name or version that cannot be a pack's, with the reason.
public struct PackNameError: Error, Sendable, Equatable, CustomStringConvertible {
    public let value: String
    public let reason: String
    public var description: String { "'\(value)': \(reason)" }
}

/// The naming rules of the specification for pack files.
public enum PackNaming {
    /// Vendor and pack names: letters, digits, '-' and '_' (the schema's
    /// RestrictedString). This also keeps them safe as path components.
    public static func validateIdentifier(_ value: String, role: String) throws(PackNameError) {
        guard !value.isEmpty else { throw PackNameError(value: value, reason: "the \(role) is empty") }
        guard value.utf8.count <= 128 else { throw PackNameError(value: value, reason: "the \(role) is longer than 128 characters") }
        for byte in value.utf8 where !isIdentifierByte(byte) {
            throw PackNameError(value: value, reason: "the \(role) may hold only letters, digits, '-' and '_' (found '\(Character(Unicode.Scalar(byte)))')")
        }
    }

    /// Versions: digits, letters, '.', '-' and '+', starting with a digit, and
    /// never '..' (so no version can climb out of a folder).
    public static func validateVersion(_ value: String) throws(PackNameError) {
        guard let first = value.utf8.first else { throw PackNameError(value: value, reason: "the version is empty") }
        guard value.utf8.count <= 64 else { throw PackNameError(value: value, reason: "the version is longer than 64 characters") }
        guard first >= 0x30 && first <= 0x39 else { throw PackNameError(value: value, reason: "a version starts with a digit") }
        for byte in value.utf8 where !(isIdentifierByte(byte) || byte == 0x2E || byte == 0x2B) {
            throw PackNameError(value: value, reason: "a version may hold only letters, digits, '.', '-' and '+'")
        }
        if value.contains("..") { throw PackNameError(value: value, reason: "a version may not contain '..'") }
        guard SemanticVersion(value) != nil else { throw PackNameError(value: value, reason: "not a version") }
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2D || byte == 0x5F
    }

    /// `Vendor.Name.version.pack` → its reference.
    public static func parsePackFileName(_ fileName: String) throws(PackNameError) -> PackReference {
        guard fileName.lowercased().hasSuffix(".pack") else {
            throw PackNameError(value: fileName, reason: "a pack file name ends in .pack")
        }
        return try parseVersioned(String(fileName.dropLast(5)), original: fileName, kind: "pack file")
    }

    /// `Vendor.Name.pdsc` (published form) or `Vendor.Name.version.pdsc` (cache form).
    public static func parsePDSCFileName(_ fileName: String) throws(PackNameError) -> (family: PackFamily, version: String?) {
        guard fileName.lowercased().hasSuffix(".pdsc") else {
            throw PackNameError(value: fileName, reason: "a pack description file name ends in .pdsc")
        }
        let stem = String(fileName.dropLast(5))
        let parts = stem.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else {
            throw PackNameError(value: fileName, reason: "expected <vendor>.<name>.pdsc")
        }
        try validateIdentifier(parts[0], role: "vendor")
        try validateIdentifier(parts[1], role: "pack name")
        if parts.count == 3 {
            try validateVersion(parts[2])
            return (PackFamily(vendor: parts[0], name: parts[1]), parts[2])
        }
        return (PackFamily(vendor: parts[0], name: parts[1]), nil)
    }

    private static func parseVersioned(_ stem: String, original: String, kind: String) throws(PackNameError) -> PackReference {
        let parts = stem.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw PackNameError(value: original, reason: "expected <vendor>.<name>.<version> for a \(kind)")
        }
        return try PackReference(vendor: parts[0], name: parts[1], version: parts[2])
    }
}
