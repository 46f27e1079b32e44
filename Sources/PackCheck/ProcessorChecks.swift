import CMSISPack
/// The attributes each processor of each device ends up with after
/// inheritance: the ones its core has (FPU, MPU, TrustZone, DSP, MVE,
/// endianness, clock, core version) are stated, and every core of a
/// multi-core device has a Pname.
///
/// A missing attribute is reported for every device, as packchk does, and a
/// device's check stops at the first core packchk has no list for; with
/// `--per-element` once per `<processor>` element with the number of
/// devices it affects, and every core checked.
enum ProcessorChecks: CheckGroup {
    /// The attributes packchk expects for each core it knows.
    static let attributesByCore: [String: [String]] = {
        let base = ["Dfpu", "Dmpu", "Ddsp", "Dendian", "Dclock", "DcoreVersion"]
        let trustZone = ["Dfpu", "Dmpu", "Dtz", "Ddsp", "Dendian", "Dclock", "DcoreVersion"]
        let vector = ["Dfpu", "Dmpu", "Dtz", "Ddsp", "Dmve", "Dendian", "Dclock", "DcoreVersion"]
        var table: [String: [String]] = [:]
        for core in ["Cortex-M0", "Cortex-M0+", "Cortex-M1", "Cortex-M3", "Cortex-M4", "Cortex-M7"] { table[core] = base }
        for core in ["Cortex-M23", "Cortex-M33", "SC000", "SC300", "ARMV8MBL", "ARMV8MML"] { table[core] = trustZone }
        for core in ["Cortex-M35P", "Cortex-M52", "Cortex-M55", "Cortex-M85", "Star-MC1", "ARMV81MML"] { table[core] = vector }
        return table
    }()

    static func run(_ context: CheckContext, into log: inout FindingLog) {
        var problems = ProblemsByElement(perDevice: context.findingPerDevice)
        for device in context.devices {
            let processors = device.properties.processors
            for processor in processors {
                let core = processor.core ?? ""
                guard let attributes = attributesByCore[core] else {
                    problems.record("core|\(processor.line)", .coreFeaturesUnchecked, line: processor.line, device: device.name) { devices in
                        "the attributes of Dcore '\(core)' are not checked (\(devices))"
                    }
                    if context.findingPerDevice { break } else { continue }
                }
                var wanted = attributes
                if processors.count > 1 { wanted.append("Pname") }
                for attribute in wanted where (processor[attribute] ?? "").isEmpty {
                    problems.record("\(attribute)|\(processor.line)|\(processor.name ?? "")", .missingProcessorAttribute,
                                    line: processor.line, device: device.name) { devices in
                        "<processor> with Dcore '\(core)' has no \(attribute) (\(devices))"
                    }
                }
            }
        }
        problems.report(into: &log)
    }
}
