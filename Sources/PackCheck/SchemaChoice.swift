import CMSISPack
import Foundation

extension PackCheckOptions {
    /// The options with the PACK.xsd that `check` and `index build` validate
    /// against: `schema` when given, else `$CMSIS_PACK_SCHEMA`, else the
    /// newest ARM.CMSIS pack in the pack root (`SchemaLocator`). Without one,
    /// schema validation is skipped with a note (PM003); `disabled` turns it
    /// off without a note (packchk's `--disable-validation`).
    ///
    /// Throws only for a schema that was named and cannot be used; one that
    /// was found but cannot be used is skipped with the reason.
    ///
    /// ```swift
    /// var options = try PackCheckOptions(schema: nil)   // the pack root's PACK.xsd, if any
    /// ```
    public init(schema: String?, disabled: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(SchemaLoadError) {
        self.init()
        if disabled {
            schemaSkipReason = nil
            return
        }
        if let schema {
            self.schema = try SchemaValidator(path: schema)
            return
        }
        let found = SchemaLocator.find(explicit: nil, environment: environment)
        guard let path = found.path else {
            schemaSkipReason = "schema validation skipped: no PACK.xsd found (looked for "
                + found.searched.joined(separator: ", ") + "); give one with --schema or $\(SchemaLocator.schemaVariable)"
            return
        }
        do {
            self.schema = try SchemaValidator(path: path)
        } catch {
            schemaSkipReason = "schema validation skipped: \(error.description)"
        }
    }
}
