import CMSISPack
/// `<memory>` as written on each level of the device tree: named once per
/// processor, with start and size, named either by the deprecated `id` or
/// by `name` with `access`, and executable where the vector table goes.
///
/// Each element is reported once, where it is written (packchk repeats a
/// family's memory problem for every device that inherits it).
enum MemoryChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        for level in DeviceLevel.all(in: context.pack.devices) {
            var seen: [String: Memory] = [:]
            for memory in level.properties.memories {
                checkAttributes(memory, of: level, into: &log)
                guard let name = memory.name else { continue }
                // The same name for two cores is two memories.
                let key = "\(name)|\(memory.processorName ?? "")"
                if let first = seen[key] {
                    // An exact repeat changes nothing: packchk's model keeps one and says nothing.
                    guard first.attributes != memory.attributes else { continue }
                    log.add(.duplicateMemory, line: memory.line, "memory '\(name)' of \(level.label) is defined again, differently (first on line \(first.line))")
                } else {
                    seen[key] = memory
                }
            }
        }
    }

    private static func checkAttributes(_ memory: Memory, of level: DeviceLevel, into log: inout FindingLog) {
        let label = "<memory\(memory.name.map { " '\($0)'" } ?? "")> of \(level.label)"
        let id = memory["id"] ?? "", name = memory["name"] ?? "", access = memory["access"] ?? ""
        if id.isEmpty && name.isEmpty && access.isEmpty {
            log.add(.incompleteMemory, line: memory.line, "\(label) has neither name and access nor the deprecated id", packchk: "M307")
        } else if !id.isEmpty && !name.isEmpty && !access.isEmpty {
            log.add(.memoryIdIgnored, line: memory.line, "\(label) has id '\(id)' as well as name and access; the id is ignored")
        }
        if name.isEmpty && !access.isEmpty {
            log.add(.memoryNameWithoutAccess, line: memory.line, "\(label) has access but no name")
        } else if !name.isEmpty && access.isEmpty {
            log.add(.memoryNameWithoutAccess, line: memory.line, "\(label) has a name but no access (r, w, x…)")
        }
        for attribute in ["start", "size"] where memory[attribute] == nil {
            log.add(.incompleteMemory, line: memory.line, "\(label) has no \(attribute)")
        }
        // IROM and IRAM ids imply execution.
        if memory.isStartup && !id.hasPrefix("IROM") && !id.hasPrefix("IRAM") && !access.contains("x") {
            log.add(.startupNotExecutable, line: memory.line, "\(label) is the startup memory but its access '\(access)' has no 'x'")
        }
    }
}
