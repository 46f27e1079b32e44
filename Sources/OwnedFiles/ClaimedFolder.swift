import CMSISPack
import Foundation

/// A folder pack-manager may write in, with how that was decided. Only this
/// module makes one, after the checks that prove it:
///
/// - `OwnedFolder.claim`: a data, index, mirror, parts or site folder that
///   carries the marker `.cmsis-pack-manager` (or is new or empty, or is a
///   cache of the reference whose whole layout is recognised);
/// - `PackRootFolder.claim`: a CMSIS pack root (our marker, or the layout
///   cpackget and Keil's installer write);
/// - `TemporaryFolder.create`: a folder this run made with `mkdtemp`;
/// - `OutputFile`: the folder of a file the user named, for that file only.
///
/// Everything below it is reached as a `Place`, walked from this folder
/// without following links.
///
/// ```swift
/// let data = try OwnedFolder.claim(dataPath, for: .data)!
/// try data.folder.place(dataPath + "/vendors.list").write(Array("https://…\n".utf8))
/// ```
public struct ClaimedFolder: Sendable, Hashable, CustomStringConvertible {
    /// Absolute and standardised.
    public let path: String
    /// How it was proven ours, for messages and tests.
    public let proof: String

    init(path: String, proof: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
        self.proof = proof
    }

    public var description: String { path }

    /// The folder itself, as a place.
    public var top: Place { Place(folder: self, components: []) }

    /// A path inside this folder: absolute (it must lie inside) or relative to
    /// it. Refused when it would leave the folder (`..`, another folder).
    public func place(_ path: String) throws(FileError) -> Place {
        let relative: String
        if path.hasPrefix("/") {
            let standard = URL(fileURLWithPath: path).standardizedFileURL.path
            guard standard == self.path || standard.hasPrefix(self.path == "/" ? "/" : self.path + "/") else {
                throw FileError(path: path, operation: "write", code: EXDEV, detail: "it is outside \(self.path), the folder pack-manager claimed for this")
            }
            relative = String(standard.dropFirst(self.path.count))
        } else {
            relative = path
        }
        var components: [String] = []
        for component in relative.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            guard Place.isPlainName(String(component)) else {
                throw FileError(path: self.path + "/" + relative, operation: "write", code: EINVAL, detail: "the path leaves \(self.path)")
            }
            components.append(String(component))
        }
        return Place(folder: self, components: components)
    }
}
