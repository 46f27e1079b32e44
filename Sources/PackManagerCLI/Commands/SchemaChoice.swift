import ArgumentParser
import CMSISPack
import Foundation

/// Which PACK.xsd `check` and `index build` validate against: the one given,
/// else $CMSIS_PACK_SCHEMA, else the newest ARM.CMSIS pack in the pack root;
/// without one, schema validation is skipped with a note. `disabled` turns
/// it off without a note (packchk's `--disable-validation`).
enum SchemaChoice {
    static func options(schema: String?, disabled: Bool = false) throws -> PackCheckOptions {
        var options = PackCheckOptions()
        if disabled {
            options.schemaSkipReason = nil
            return options
        }
        if let schema {
            do {
                options.schema = try SchemaValidator(path: schema)
            } catch {
                throw ValidationError("--schema: \(error.description)")
            }
            return options
        }
        let found = SchemaLocator.find(explicit: nil, environment: ProcessInfo.processInfo.environment)
        if let path = found.path {
            do {
                options.schema = try SchemaValidator(path: path)
            } catch {
                options.schemaSkipReason = "schema validation skipped: \(error.description)"
            }
        } else {
            options.schemaSkipReason = "schema validation skipped: no PACK.xsd found (looked for "
                + found.searched.joined(separator: ", ") + "); give one with --schema or $\(SchemaLocator.schemaVariable)"
        }
        return options
    }
}
