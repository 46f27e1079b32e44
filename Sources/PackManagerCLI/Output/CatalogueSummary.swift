import PackCache

/// The line `--site` prints after writing the catalogue.
enum CatalogueSummary {
    static func print(_ report: CatalogueSite.Report, folder: String) {
        let megabytes = Double(report.bytes) / 1_048_576
        Terminal.print("\(folder): catalogue of \(report.pages) pages, \(report.written.count) files written, \(report.unchanged) unchanged, "
            + "\(report.removed.count) removed (\(String(format: "%.1f", megabytes)) MB; largest page \(report.largest.path), "
            + "\(report.largest.bytes / 1024) KB; \(String(format: "%.2f", report.seconds)) s)")
    }
}
