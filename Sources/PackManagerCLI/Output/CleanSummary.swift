import CMSISPack
import Foundation
import PackCache

/// What `cache clean` did, folder by folder.
enum CleanSummary {
    static func json(_ report: CacheClean.Report) -> JSONValue {
        .object([
            "folders": .array(report.folders.map { folder in
                .object([
                    "path": .string(folder.path),
                    "existed": .bool(folder.existed),
                    "removed": .number(String(folder.removed)),
                    "kept": .array(folder.kept.map(JSONValue.string)),
                    "folder_removed": .bool(folder.folderRemoved),
                ])
            }),
            "not_cleaned": .optional(report.notNamed),
        ])
    }

    static func print(_ report: CacheClean.Report) {
        for folder in report.folders {
            guard folder.existed else {
                Terminal.print("\(folder.path): nothing to clean (no such folder)")
                continue
            }
            let removed = "\(folder.removed) item\(folder.removed == 1 ? "" : "s") removed"
            if folder.folderRemoved {
                Terminal.print("\(folder.path): \(removed); the folder is gone")
            } else {
                let kept = folder.kept.prefix(5).joined(separator: ", ") + (folder.kept.count > 5 ? ", …" : "")
                Terminal.print("\(folder.path): \(removed); kept what is not pack-manager's: \(kept)")
            }
        }
        if let skipped = report.notNamed {
            Terminal.print("\(skipped): not cleaned (only the index folder was named; give --data-path to clean a data folder)")
        }
    }
}
