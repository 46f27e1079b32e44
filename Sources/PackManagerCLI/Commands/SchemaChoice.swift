import ArgumentParser
import CMSISPack
import PackCheck

/// `--schema` of `check` and `index build` (the choice itself is
/// `PackCheckOptions(schema:disabled:)`): a named schema that cannot be used
/// is a usage error.
enum SchemaChoice {
    static func options(schema: String?, disabled: Bool = false) throws -> PackCheckOptions {
        do {
            return try PackCheckOptions(schema: schema, disabled: disabled)
        } catch {
            throw ValidationError("--schema: \(error.description)")
        }
    }
}
