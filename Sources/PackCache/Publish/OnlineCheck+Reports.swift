import CMSISPack
import PackCheck
import Foundation

extension OnlineCheck {
    /// The online findings of one `check` report: its description read
    /// again (from the file, or from inside the pack), then `check(_:)`.
    /// A description the offline checks could not read gets none.
    public func check(_ report: CheckReport, rehostedFrom: String? = nil) async -> [Finding] {
        guard let subject = Self.subject(of: report, rehostedFrom: rehostedFrom) else { return [] }
        return await check(subject)
    }

    static func subject(of report: CheckReport, rehostedFrom: String?) -> Subject? {
        let path = report.descriptionPath
        let bytes: [UInt8]
        if let separator = path.range(of: "!/") {
            guard let archive = try? PackArchive(path: String(path[..<separator.lowerBound])),
                  let read = try? archive.read(member: String(path[separator.upperBound...])) else { return nil }
            bytes = read
        } else {
            guard let read = try? FileBytes.read(path) else { return nil }
            bytes = read
        }
        guard let description = try? PackDescriptionReader.read(bytes: bytes, source: path).description else { return nil }
        return Subject(bytes: bytes, description: description, file: path, foundAt: rehostedFrom.map { FetchURL.resolve($0) })
    }
}
