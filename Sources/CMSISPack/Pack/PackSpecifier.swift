/// What a user names on `pack add` / `pack rm`: a pack by name with an
/// optional version requirement, a `.pack` file or URL, or a `.pdsc` file.
///
/// ```swift
/// try PackSpecifier("ARM::CMSIS@^6.0.0")      // .named(ARM.CMSIS, ^6.0.0)
/// try PackSpecifier("Keil.STM32F4xx_DFP.2.17.1")
/// try PackSpecifier("./Acme.Widgets.1.0.0.pack")
/// ```
public enum PackSpecifier: Sendable, Hashable, CustomStringConvertible {
    case named(PackFamily, VersionRequirement)
    case archiveFile(String)
    case archiveURL(String)
    case descriptionFile(String)

    public init(_ text: String) throws(PackNameError) {
        let lowered = text.lowercased()
        let isURL = ["http://", "https://", "file://"].contains { lowered.hasPrefix($0) }
        if lowered.hasSuffix(".pack") || lowered.hasSuffix(".zip") {
            self = isURL ? .archiveURL(text) : .archiveFile(text)
            return
        }
        if lowered.hasSuffix(".pdsc") {
            guard !isURL || lowered.hasPrefix("file://") else {
                throw PackNameError(value: text, reason: "a description is added from a local file; for a web pack, name it (Vendor::Name) or give its .pack URL")
            }
            self = .descriptionFile(isURL ? String(text.dropFirst("file://".count)) : text)
            return
        }
        var body = Substring(text)
        var requirement = VersionRequirement.latest
        if let at = body.firstIndex(of: "@") {
            requirement = try VersionRequirement(parsing: String(body[body.index(after: at)...]))
            body = body[..<at]
        } else if body.contains("::"), let atLeast = body.range(of: ">=") {
            // cpackget also accepts Vendor::Name>=1.2.3, without '@'.
            requirement = try VersionRequirement(parsing: String(body[atLeast.lowerBound...]))
            body = body[..<atLeast.lowerBound]
        }
        let vendor: Substring
        var name: Substring
        if let separator = body.range(of: "::") {
            vendor = body[..<separator.lowerBound]
            name = body[separator.upperBound...]
        } else {
            // Vendor.Name or Vendor.Name.x.y.z (cpackget's older form).
            guard let dot = body.firstIndex(of: ".") else {
                throw PackNameError(value: text, reason: "expected Vendor::Name[@version], Vendor.Name[.version], a .pack file or URL, or a .pdsc file")
            }
            vendor = body[..<dot]
            name = body[body.index(after: dot)...]
            if let versionDot = name.firstIndex(of: ".") {
                let version = name[name.index(after: versionDot)...]
                guard requirement == .latest else {
                    throw PackNameError(value: text, reason: "give the version once: Vendor.Name.x.y.z or Vendor::Name@x.y.z")
                }
                requirement = try VersionRequirement(parsing: String(version))
                // Vendor.Name.latest is cpackget's spelling of the newest version.
                let isLatest = version.lowercased() == "latest"
                if case .exactly = requirement {} else if !isLatest {
                    throw PackNameError(value: text, reason: "Vendor.Name.x.y.z takes an exact version; use Vendor::Name@range for a range")
                }
                name = name[..<versionDot]
            }
        }
        try PackNaming.validateIdentifier(String(vendor), role: "vendor")
        try PackNaming.validateIdentifier(String(name), role: "pack name")
        self = .named(PackFamily(vendor: String(vendor), name: String(name)), requirement)
    }

    public var description: String {
        switch self {
        case let .named(family, .latest): "\(family.vendor)::\(family.name)"
        case let .named(family, requirement): "\(family.vendor)::\(family.name)@\(requirement)"
        case let .archiveFile(path): path
        case let .archiveURL(url): url
        case let .descriptionFile(path): path
        }
    }
}
