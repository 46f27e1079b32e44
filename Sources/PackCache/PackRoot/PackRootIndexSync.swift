import CMSISPack
import OwnedFiles
import Foundation

/// Keeps the device index in step with a pack root, so `find-part`, `show`
/// and pyOCD see the packs installed there (by us, cpackget or Keil's Pack
/// Installer) beside the cached ones. Packs that appeared or changed are
/// read; packs that left the root leave the index.
public enum PackRootIndexSync {
    /// The descriptions the root provides: installed versions and local registrations.
    static func sources(_ layout: PackRootLayout) -> [String] {
        let inventory = PackRootInventory(layout: layout)
        return inventory.installed().map(\.descriptionPath) + inventory.registered().map(\.descriptionPath)
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// What differs between the index and the root: records of packs that
    /// left it, and descriptions that are new or changed (found by size and
    /// time, without reading them).
    struct Plan {
        var removals: [String] = []
        var toRead: [String] = []
        var isEmpty: Bool { removals.isEmpty && toRead.isEmpty }
    }

    static func plan(_ index: DeviceIndex, with layout: PackRootLayout) -> Plan {
        let wanted = sources(layout)
        let wantedSet = Set(wanted)
        var plan = Plan()
        var current: [String: PackRecord] = [:]
        for (key, record) in index.packs where record.origin == "pack-root" {
            guard let source = record.source, wantedSet.contains(source) else {
                plan.removals.append(key)
                continue
            }
            current[source] = record
        }
        plan.toRead = wanted.filter { source in
            guard let record = current[source], let stat = FileStat(source) else { return true }
            return !record.sourceUnchanged(stat)
        }
        return plan
    }

    /// Updates `index` in memory; returns whether it changed.
    public static func synchronize(_ index: inout DeviceIndex, with layout: PackRootLayout) -> Bool {
        let plan = plan(index, with: layout)
        for key in plan.removals { index.remove(packKey: key) }
        guard !plan.toRead.isEmpty else { return !plan.removals.isEmpty }
        for outcome in PackLoader.index(plan.toRead) {
            guard case .success(var pack) = outcome.result else { continue }
            pack.record.origin = "pack-root"
            pack.record.stampSource(outcome.source)
            index.add(pack)
        }
        return true
    }

    /// After a change to the root (`pack add`, `pack rm`): brings the index
    /// in `locations` in step with it, under the index folder's lock, and
    /// writes it when it changed. An unreadable index is rebuilt from the root.
    public static func syncAfterChange(layout: PackRootLayout, locations: CacheLocations) throws(CacheError) {
        let lock = try folderStep { () throws(FolderError) in try OwnedFolder.claim(locations.jsonPath, for: .index)!.lock() }
        defer { lock.release() }
        var index = (try? DeviceIndex.read(locations.indexPaths)) ?? DeviceIndex()
        guard synchronize(&index, with: layout) else { return }
        try IndexFiles.write(index, to: locations)
    }

    /// Reads the index, synchronises it with the root (when the root exists)
    /// and writes it back when it changed and the index folder is free (and
    /// pack-manager's); otherwise the synchronised index is still returned,
    /// just not saved.
    public static func load(_ locations: CacheLocations, root: PackRootLayout) throws(CacheError) -> DeviceIndex {
        var index: DeviceIndex
        do { index = try DeviceIndex.read(locations.indexPaths) } catch { throw .index(error) }
        let hasRootPacks = index.packs.values.contains { $0.origin == "pack-root" }
        guard FileManager.default.fileExists(atPath: root.root) || hasRootPacks else { return index }
        guard !plan(index, with: root).isEmpty else { return index }
        // Save it: under the lock, on a fresh read, so no other update is
        // lost; the descriptions are read only there.
        guard let lock = try? OwnedFolder.claim(locations.jsonPath, for: .index)?.lock(timeout: 0.5) else {
            _ = synchronize(&index, with: root)
            return index
        }
        defer { lock.release() }
        guard var fresh = try? DeviceIndex.read(locations.indexPaths) else {
            _ = synchronize(&index, with: root)
            return index
        }
        _ = synchronize(&fresh, with: root)
        try? IndexFiles.write(fresh, to: locations)
        return fresh
    }
}
