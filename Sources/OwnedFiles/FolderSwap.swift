import CMSISPack
import Foundation

extension OwnedPath {
    /// Renames this folder of ours to `target` in one step. `previous`, the
    /// folder there now (proven ours), steps aside to `aside` first and comes
    /// back if this one cannot take its place; once replaced, it is removed.
    /// Read-only folders are made writable for the move (a folder moves to
    /// another parent only when writable: its `..` changes) and read-only again.
    public func moveIntoPlace(at target: Place, replacing previous: OwnedPath?, aside: OwnedPath) throws(FileError) {
        if let previous {
            previous.place.setMode(0o755)
            do { try previous.move(to: aside.place) } catch {
                previous.place.setMode(0o555)
                throw error
            }
        }
        do { try move(to: target) } catch {
            if previous != nil, (try? aside.move(to: target)) != nil { target.setMode(0o555) }
            throw error
        }
        if previous != nil { _ = try? aside.remove() }
    }
}
