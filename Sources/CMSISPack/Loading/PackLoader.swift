import Dispatch
import Foundation

/// Reads many pack descriptions (`.pdsc` files or `.pack` archives) on all
/// cores and reduces each to what the device index needs as soon as it is
/// parsed, so only one XML tree per core is alive at a time.
public enum PackLoader {
    public struct Outcome: Sendable {
        public let source: String
        public let result: Result<IndexedPack, PackReadError>
    }

    /// Files to read for the given paths: `.pdsc` and `.pack` files as given,
    /// directories searched recursively for both. Paths that do not exist or
    /// are neither come back as problems.
    public static func expand(_ paths: [String]) -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = []
        var problems: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(.error, file: path, "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                let found = (manager.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                    .filter { isPackFile($0) }
                    .sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
                if found.isEmpty {
                    problems.append(Diagnostic(.warning, file: path, "the directory holds no .pdsc or .pack files"))
                }
                files.append(contentsOf: found)
            } else if isPackFile(path) {
                files.append(path)
            } else {
                problems.append(Diagnostic(.error, file: path, "not a pack description (.pdsc) or pack (.pack)"))
            }
        }
        return (files, problems)
    }

    static func isPackFile(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".pdsc") || lowered.hasSuffix(".pack")
    }

    /// Reads a `.pdsc` or a `.pack`.
    public static func readDescription(_ path: String) -> Result<PackDescriptionReader.Result, PackReadError> {
        do {
            if path.lowercased().hasSuffix(".pack") {
                do {
                    return .success(try PackArchive(path: path).readDescription())
                } catch let error as PackReadError {
                    return .failure(error)
                } catch let error as PackArchiveError {
                    return .failure(.archive(error))
                }
            }
            return .success(try PackDescriptionReader.read(path: path))
        } catch let error as PackReadError {
            return .failure(error)
        } catch {
            return .failure(.file(FileError(path: path, operation: "read", code: EIO, detail: "\(error)")))
        }
    }

    /// Reads `files` in parallel; results come back in the order given.
    public static func readDescriptions(_ files: [String]) -> [Result<PackDescriptionReader.Result, PackReadError>] {
        files.concurrentMap(readDescription)
    }

    /// Reads and indexes `files` in parallel; outcomes come back in the order given.
    public static func index(_ files: [String]) -> [Outcome] {
        files.concurrentMap { path in
            switch readDescription(path) {
            case .success(let read):
                var pack = IndexedPack(read.description)
                pack.diagnostics = read.diagnostics + pack.diagnostics
                return Outcome(source: path, result: .success(pack))
            case .failure(let error):
                return Outcome(source: path, result: .failure(error))
            }
        }
    }
}
