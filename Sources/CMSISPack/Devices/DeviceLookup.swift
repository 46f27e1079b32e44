extension Sequence where Element == PackDescription {
    /// The device named `name` (any case) as the pack with the newest
    /// release date defines it: when several packs define a device, the
    /// newest one wins.
    public func effectiveDevice(named name: String) -> EffectiveDevice? {
        let wanted = name.lowercased()
        for description in sorted(by: { ($0.latestRelease?.date ?? "") > ($1.latestRelease?.date ?? "") }) {
            if let device = description.devices.effectiveDevices().first(where: { $0.name.lowercased() == wanted }) {
                return device
            }
        }
        return nil
    }
}
