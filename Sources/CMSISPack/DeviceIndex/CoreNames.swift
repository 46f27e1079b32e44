/// Spellings of `Dcore`, `Dfpu` and `Dmpu` in `index.json`.
///
/// The reference writes Rust enum names ("CortexM0Plus") and knows a fixed
/// list of cores; a pack with any other core is dropped there. We spell every
/// core by the same rule (drop '-', '+' becomes "Plus", '*' is "Any") and only
/// warn about cores outside the schema's list.
public enum CoreNames {
    /// `Dcore` values of PACK.xsd 1.7.x, plus the reference's "*".
    public static let known: Set<String> = [
        "Star-MC1", "Star-MC3", "SC000", "SC300", "Cortex-M0", "Cortex-M0+", "Cortex-M1", "Cortex-M23",
        "Cortex-M3", "Cortex-M33", "Cortex-M35P", "Cortex-M52", "Cortex-M55", "Cortex-M85", "Cortex-M4",
        "Cortex-M7", "ARMV8MBL", "ARMV8MML", "ARMV81MML", "Cortex-R4", "Cortex-R5", "Cortex-R7", "Cortex-R8",
        "Cortex-A5", "Cortex-A7", "Cortex-A8", "Cortex-A9", "Cortex-A15", "Cortex-A17", "Cortex-A32",
        "Cortex-A35", "Cortex-A53", "Cortex-A55", "Cortex-A57", "Cortex-A72", "Cortex-A73", "*",
    ]

    public static func indexSpelling(ofCore core: String) -> String {
        if core == "*" { return "Any" }
        var result = ""
        for character in core {
            switch character {
            case "-", " ", "_": continue
            case "+": result += "Plus"
            default: result.append(character)
            }
        }
        return result.isEmpty ? "Unknown" : result
    }

    /// FPU: "SinglePrecision" for FPU/SP_FPU/1, "DoublePrecision" for DP_FPU/2,
    /// "None" otherwise. Nil for a value the schema does not define.
    public static func indexSpelling(ofFPU fpu: String?) -> String? {
        switch fpu {
        case nil, "NO_FPU", "0", "None": return "None"
        case "FPU", "SP_FPU", "1": return "SinglePrecision"
        case "DP_FPU", "2": return "DoublePrecision"
        default: return nil
        }
    }

    /// MPU: "Present" for MPU/1, "NotPresent" for NO_MPU/0 or none.
    public static func indexSpelling(ofMPU mpu: String?) -> String? {
        switch mpu {
        case nil, "NO_MPU", "0", "None": return "NotPresent"
        case "MPU", "1": return "Present"
        default: return nil
        }
    }
}
