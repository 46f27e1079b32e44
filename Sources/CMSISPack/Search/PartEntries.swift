extension DeviceIndex {
    /// What `find-part --long` prints, built as the reference builds it:
    /// each device's entry (with its pack's deprecation), then each board as
    /// the entry of its first mounted device, or a "Could not find part"
    /// text. A board named like a device replaces it, as `dict.update` does
    /// (the printed forms sort their keys). `identity` names the device whose
    /// entry a value is, so a device reached again through a board can be
    /// written as the same object (the reference's PyYAML writes an alias).
    public func partEntries(devices: [String], boards: [String]) -> [(key: String, value: JSONValue, identity: String?)] {
        var entries: [(key: String, value: JSONValue, identity: String?)] = []
        for name in devices {
            if let entry = entryJSON(name, includingReplacement: true) { entries.append((name, entry, name)) }
        }
        for board in boards {
            guard let mounted = self.boards[board]?.mountedDevices.first else { continue }
            if let entry = entryJSON(mounted, includingReplacement: true) {
                entries.append((board, entry, mounted))
            } else {
                entries.append((board, .string("Could not find part: \(mounted)"), nil))
            }
        }
        var position: [String: Int] = [:]
        for (offset, entry) in entries.enumerated() { position[entry.key] = offset }
        return entries.enumerated().filter { position[$0.element.key] == $0.offset }.map(\.element)
    }
}
