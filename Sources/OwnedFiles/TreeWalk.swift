import CMSISPack
import Foundation

/// Trees walked through open folders, without recursion (a hostile tree may
/// be deep) and without ever leaving the tree through a link.
enum TreeWalk {
    /// Removes `name` in `parent` and, when it is a folder, everything in it
    /// (made writable first: installed packs are read-only). A link is removed
    /// itself. False when nothing was there.
    static func remove(_ name: String, in parent: DirectoryHandle) throws(FileError) -> Bool {
        guard let kind = parent.kind(of: name) else { return false }
        guard kind == .directory else { return try parent.unlink(name) }
        // Each frame: a folder's parent and name, and whether it was emptied.
        var frames: [(parent: DirectoryHandle, name: String, emptied: Bool)] = [(parent, name, false)]
        while let (holder, folderName, emptied) = frames.popLast() {
            if emptied {
                guard unlinkat(holder.descriptor, folderName, AT_REMOVEDIR) == 0 || errno == ENOENT else {
                    throw FileError(path: holder.path + "/" + folderName, operation: "remove the folder", code: errno)
                }
                continue
            }
            // Writable, so its entries can be removed; then opened without following a link.
            holder.setMode(folderName, 0o755)
            guard let folder = try holder.folder(folderName, create: false) else { continue }
            frames.append((holder, folderName, true))
            for child in try folder.names() {
                if folder.kind(of: child) == .directory {
                    frames.append((folder, child, false))
                } else {
                    try folder.unlink(child)
                }
            }
        }
        return true
    }

    /// Sets the modes of everything below `top`; links are left alone.
    static func setModes(below top: DirectoryHandle, file: mode_t, folder: mode_t) {
        var pending = [top]
        while let current = pending.popLast() {
            for name in (try? current.names()) ?? [] {
                switch current.kind(of: name) {
                case .directory:
                    // Searchable while we walk it, then the mode asked for.
                    current.setMode(name, 0o755)
                    if let child = try? current.folder(name, create: false) {
                        pending.append(child)
                        fchmod(child.descriptor, folder)
                    }
                case .file:
                    current.setMode(name, file)
                default:
                    break
                }
            }
        }
    }
}
