import CMSISPack
/// Enumerations of PACK.xsd (SchemaVersion 1.7.60) that `check` verifies
/// without a schema at hand.
enum PackSchemaValues {
    /// `DcoreEnum`. Since 1.7.55 the schema's `DcoreType` also accepts any
    /// token, so an unknown core is valid XML; tools still cannot map it to
    /// an architecture, hence a warning.
    static let cores: Set<String> = [
        "Star-MC1", "Star-MC3", "SC000", "SC300", "Cortex-M0", "Cortex-M0+", "Cortex-M1", "Cortex-M23",
        "Cortex-M3", "Cortex-M33", "Cortex-M35P", "Cortex-M52", "Cortex-M55", "Cortex-M85", "Cortex-M4",
        "Cortex-M7", "ARMV8MBL", "ARMV8MML", "ARMV81MML", "Cortex-R4", "Cortex-R5", "Cortex-R7", "Cortex-R8",
        "Cortex-A5", "Cortex-A7", "Cortex-A8", "Cortex-A9", "Cortex-A15", "Cortex-A17", "Cortex-A35",
        "Cortex-A53", "Cortex-A55", "Cortex-A57", "Cortex-A72", "Cortex-A73", "other",
    ]

    /// `DfpuEnum` ("0" and "1" are deprecated spellings, still valid).
    static let fpus: Set<String> = ["NO_FPU", "FPU", "SP_FPU", "DP_FPU", "0", "1"]
}
