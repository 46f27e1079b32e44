import CMSISPack
import PackCheck
import Foundation

/// The checks a description must pass to be published (`index build`):
/// `check`'s, whose errors reject it unless their id is suppressed.
///
/// ```swift
/// let check = try PublishChecks.rule(schema: nil, suppress: ["PM210"])
/// try await IndexBuild(fetcher: fetcher, work: work, check: check).run(sources: urls)
/// ```
public enum PublishChecks {
    /// A check for `IndexBuild`: the rejecting findings of a description's
    /// bytes, each as `line N: [ID] message`. Throws when `schema` is named
    /// but cannot be used (see `PackCheckOptions(schema:)`).
    public static func rule(schema: String?, suppress: [String],
                            environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SchemaLoadError) -> @Sendable ([UInt8], String) -> [String] {
        rule(options: try PackCheckOptions(schema: schema, environment: environment), suppress: FindingFilter.listedIDs(suppress))
    }

    public static func rule(options: PackCheckOptions, suppress ignored: Set<String>) -> @Sendable ([UInt8], String) -> [String] {
        { bytes, source in
            let fileName = URL(string: source)?.lastPathComponent ?? (source as NSString).lastPathComponent
            return PackChecker.checkDescription(bytes: bytes, source: source, fileName: fileName, options: options)
                .filter { $0.severity == .error && !$0.isSuppressed(by: ignored) }
                .map { finding in (finding.line.map { "line \($0): " } ?? "") + "[\(finding.id)] \(finding.message)" }
        }
    }

    /// No checks (`--no-check`): every description that reads is published.
    public static let none: @Sendable ([UInt8], String) -> [String] = { _, _ in [] }
}
