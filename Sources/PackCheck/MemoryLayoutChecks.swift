import CMSISPack
/// The memory map each processor of each device sees after inheritance: one
/// startup memory (where the linker puts the vector table) and no overlaps.
///
/// Devices of a family inherit the same memories, so a problem is reported
/// once, where the memories are written, with the number of devices it
/// affects.
enum MemoryLayoutChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        var problems = ProblemsByElement(perDevice: context.findingPerDevice)
        for device in context.devices {
            let memories = device.properties.memories
            let processors: [String?] = device.properties.processors.map(\.name)
            for processor in processors {
                let target = processor.map { "\(device.name):\($0)" } ?? device.name
                let visible = memories.filter { $0.processorName == nil || processor == nil || $0.processorName == processor }
                let lines = visible.map { String($0.line) }.joined(separator: ",")
                let startup = visible.filter(\.isStartup)
                // Before `startup` existed (schema 1.4.4), IROM1 was the startup memory.
                let legacyStartup = startup.isEmpty && visible.contains { $0.id == "IROM1" }
                if startup.isEmpty && !legacyStartup && !visible.isEmpty {
                    problems.record("none|\(processor ?? "")|\(lines)", .noStartupMemory, line: device.line, device: target) { first in
                        "no memory of \(first) is marked startup=\"1\" (the linker needs one for the vector table)"
                    }
                }
                // TrustZone devices start twice, once secure, once non-secure:
                // told apart with --per-element; packchk wants one in all.
                let bySecurity = Dictionary(grouping: startup) { memory -> String in
                    guard !context.findingPerDevice else { return "" }
                    return memory.access.secure ? "secure " : memory.access.nonSecure ? "non-secure " : ""
                }
                for (security, group) in bySecurity.sorted(by: { $0.key < $1.key }) where group.count > 1 {
                    let names = group.map { "'\($0.name ?? "?")' (line \($0.line))" }.joined(separator: ", ")
                    problems.record("many|\(processor ?? "")|\(group.map { String($0.line) }.joined(separator: ","))",
                                    .severalStartupMemories, line: group[1].line, device: target) { first in
                        "\(first) has \(group.count) \(security)startup memories: \(names); the vector table goes in one"
                    }
                }
                for (a, b) in overlaps(in: visible) {
                    let later = a.line >= b.line ? a : b
                    let earlier = a.line >= b.line ? b : a
                    problems.record("overlap|\(earlier.line)|\(later.line)", .overlappingMemories, line: later.line, device: target) { first in
                        "memory \(describe(later)) overlaps \(describe(earlier)) on line \(earlier.line), for \(first)"
                    }
                }
            }
        }
        problems.report(into: &log, naming: ProblemsByElement.parenthesised)
    }

    /// Pairs of regions that share addresses; an alias maps the same memory
    /// elsewhere and is not an overlap.
    private static func overlaps(in memories: [Memory]) -> [(Memory, Memory)] {
        let regions = memories.filter { ($0.size ?? 0) > 0 && $0.start != nil }.sorted { $0.start! < $1.start! }
        var result: [(Memory, Memory)] = []
        for (index, a) in regions.enumerated() {
            let end = a.start! &+ a.size!
            for b in regions[(index + 1)...] {
                guard b.start! < end else { break }
                let aliased = (a.alias != nil && a.alias == b.name) || (b.alias != nil && b.alias == a.name)
                if !aliased { result.append((a, b)) }
            }
        }
        return result
    }

    private static func describe(_ memory: Memory) -> String {
        let start = memory.start ?? 0
        let end = start &+ (memory.size ?? 0) &- 1
        return "'\(memory.name ?? "?")' (0x\(String(start, radix: 16, uppercase: true))–0x\(String(end, radix: 16, uppercase: true)))"
    }
}
