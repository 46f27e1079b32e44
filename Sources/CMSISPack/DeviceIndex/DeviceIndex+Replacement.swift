extension DeviceIndex {
    /// A device's `index.json` entry. With `includingReplacement`, a device of
    /// a deprecated pack also carries `deprecated` (the date) and
    /// `replacement` (the pack to use instead, or null), so that searches name
    /// what to use instead.
    public func entryJSON(_ name: String, includingReplacement: Bool) -> JSONValue? {
        guard let device = devices[name] else { return nil }
        let entry = device.json
        guard includingReplacement, case .object(var members) = entry,
              let record = record(of: device), let deprecated = record.deprecated
        else { return entry }
        members["deprecated"] = .string(deprecated)
        members["replacement"] = .optional(record.replacement)
        return .object(members)
    }
}
