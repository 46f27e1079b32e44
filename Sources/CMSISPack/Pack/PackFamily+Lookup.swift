extension PackFamily {
    /// A pack as a person names it to find it: `Vendor::Name` or
    /// `Vendor.Name`, any case. Unchecked, so for look-ups only, never for
    /// file names (`PackSpecifier` checks). Nil without a separator.
    ///
    /// ```swift
    /// PackFamily(lenient: "arm::cmsis")?.lookupKey   // "arm.cmsis"
    /// ```
    public init?(lenient text: String) {
        if let separator = text.range(of: "::") {
            self.init(vendor: String(text[..<separator.lowerBound]), name: String(text[separator.upperBound...]))
        } else if let dot = text.firstIndex(of: ".") {
            self.init(vendor: String(text[..<dot]), name: String(text[text.index(after: dot)...]))
        } else {
            return nil
        }
    }

    /// The same for every spelling of the pack's name: "vendor.name".
    public var lookupKey: String { description.lowercased() }
}

extension PackRecord {
    public var family: PackFamily { PackFamily(vendor: vendor, name: pack) }
}
