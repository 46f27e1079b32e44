import CMSISPack
import OwnedFiles
import Foundation
import PackCache
import Testing
import TestSupport

/// Seeded fuzzing of everything that reads files from disk or the network:
/// mutated corpus descriptions (add-packs, check, cache descriptors from a
/// loopback server), mutated pack indexes (cache descriptors), and hostile
/// pack archives (pack add). Every run has a time limit. No crash (a signal),
/// no hang (the limit), and every error line names the file or URL.
///
/// The seed is fixed (`CPM_FUZZ_SEED` overrides it); input `n` is made from
/// the seed and `n` alone, and a failure names both, so it can be made again.
@Suite(.serialized) struct FuzzTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["CPM_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_103
    let work = Corpus.temporaryDirectory("fuzz")

    var environment: [String: String] {
        PackManagerBinary.offline(["HOME": work + "/home", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "", "CMSIS_PACK_ROOT": "",
                                   "CMSIS_PACK_SCHEMA": "", "CMSIS_PACK_MANAGER_DATA_PATH": "", "CMSIS_PACK_MANAGER_JSON_PATH": ""])
    }

    /// One process with a time limit: nil status when it had to be killed.
    struct Outcome {
        var status: Int32?
        var output: String
        var errors: String
        var crashed: Bool { (status ?? 0) >= 128 }
        var hung: Bool { status == nil }
    }

    func run(_ arguments: [String], limit: Double) throws -> Outcome {
        let base = work + "/run-" + UUID().uuidString
        let pid = try PackManagerBinary.start(arguments, environment: environment, stdout: base + ".out", stderr: base + ".err")
        let deadline = Date().addingTimeInterval(limit)
        var status: Int32?
        var raw: Int32 = 0
        while true {
            let done = waitpid(pid, &raw, WNOHANG)
            if done == pid {
                status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
                break
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &raw, 0)
                break
            }
            usleep(5_000)
        }
        defer { [base + ".out", base + ".err"].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        return Outcome(status: status, output: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
                       errors: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }

    /// Totals printed at the end of each test, for the issue's figures.
    struct Tally {
        var inputs = 0, runs = 0, crashes = 0, hangs = 0, unnamed = 0
        var failures: [String] = []

        mutating func record(_ outcome: Outcome, inputs: [FuzzInput], command: String, names: [String]) {
            runs += 1
            let which = inputs.map { "#\($0.index) (\($0.mutation) of \($0.origin))" }.joined(separator: ", ")
            if outcome.crashed {
                crashes += 1
                failures.append("\(command) crashed (status \(outcome.status!)) on \(which)")
            }
            if outcome.hung {
                hangs += 1
                failures.append("\(command) hung on \(which)")
            }
            // Every error line names one of the inputs (a path or a URL).
            for line in (outcome.errors + outcome.output).split(separator: "\n") where line.contains("error") {
                if line.contains("inputs could not be added") || names.contains(where: { line.contains($0) }) { continue }
                unnamed += 1
                failures.append("\(command): an error that names no input, on \(which): \(line.prefix(300))")
            }
        }

        func report(_ label: String) -> String {
            "FUZZ \(label) seed=\(FuzzTests.seed) inputs=\(inputs) runs=\(runs) crashes=\(crashes) hangs=\(hangs) unnamed_errors=\(unnamed)"
        }
    }

    /// Small real descriptions (the mutations make some of them megabytes).
    static func descriptionSources() -> [String] {
        Corpus.pdscFiles.filter { !$0.contains("/") }.map { Corpus.path("pdsc/" + $0) }
            .filter { (FileStat($0)?.size ?? .max) < 50_000 }
    }

    /// Input `index`: a corpus description, optionally renamed to Fuzz.P<index>, then mutated.
    static func descriptionInput(_ index: Int, renamed: Bool = false) throws -> FuzzInput {
        let sources = descriptionSources()
        var random = SplitMix64(seed: seed, index: index)
        let source = sources[Int.random(in: 0..<sources.count, using: &random)]
        let kind = XMLMutator.kinds[index % XMLMutator.kinds.count]
        var original = try FileBytes.read(source)
        if renamed { original = Array(Self.renamed(String(decoding: original, as: UTF8.self), to: "P\(index)").utf8) }
        let bytes = XMLMutator.mutate(original, kind: kind, random: &random)
        return FuzzInput(index: index, origin: (source as NSString).lastPathComponent, mutation: kind, bytes: bytes)
    }

    /// Runs `inputs` in batches; a batch that crashed or hung is run again one by one, to name the input.
    func batched(_ inputs: [FuzzInput], size: Int, tally: inout Tally, command: String,
                 _ body: ([FuzzInput]) throws -> (Outcome, [String])) throws {
        for start in stride(from: 0, to: inputs.count, by: size) {
            let batch = Array(inputs[start..<min(inputs.count, start + size)])
            let (outcome, names) = try body(batch)
            if (outcome.crashed || outcome.hung) && batch.count > 1 {
                for input in batch {
                    let (single, singleNames) = try body([input])
                    tally.record(single, inputs: [input], command: command, names: singleNames)
                }
            } else {
                tally.record(outcome, inputs: batch, command: command, names: names)
            }
        }
    }

    @Test func mutatedDescriptionsThroughAddPacksAndCheck() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let inputs = try (0..<120).map { try Self.descriptionInput($0) }
        let folder = work + "/inputs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func path(_ input: FuzzInput) -> String { folder + "/input-\(input.index).pdsc" }
        for input in inputs { try Data(input.bytes).write(to: URL(fileURLWithPath: path(input))) }
        var tally = Tally(inputs: inputs.count)
        try batched(inputs, size: 20, tally: &tally, command: "add-packs") { batch in
            let json = work + "/json-" + UUID().uuidString
            let outcome = try run(["add-packs", "--json-path", json] + batch.map(path), limit: 120)
            try? FileManager.default.removeItem(atPath: json)
            return (outcome, batch.map(path))
        }
        // check reads one input per run; every third one against the corpus schema.
        for input in inputs where input.index % 2 == 0 {
            let schema = input.index % 3 == 0 ? ["--schema", Corpus.path("schema/PACK.xsd")] : []
            let outcome = try run(["check", path(input)] + schema, limit: 60)
            tally.record(outcome, inputs: [input], command: "check", names: [path(input)])
            if let status = outcome.status, status > 1 {
                tally.failures.append("check exited \(status) on #\(input.index): \(outcome.errors.prefix(300))")
            }
        }
        print(tally.report("descriptions"))
        #expect(tally.failures.isEmpty, "\(tally.failures.joined(separator: "\n"))")
        #expect(tally.inputs >= 100)
    }

    @Test func mutatedDescriptionsAndIndexesFromTheNetwork() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        // Descriptions renamed to Fuzz.P<n> before mutation, so many still describe the pack listed.
        let inputs = try (1000..<1090).map { try Self.descriptionInput($0, renamed: true) }
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www + "/p", withIntermediateDirectories: true)
        for input in inputs {
            try Data(input.bytes).write(to: URL(fileURLWithPath: www + "/p/Fuzz.P\(input.index).pdsc"))
        }
        let mirror = try MirrorServer(root: www)
        defer { mirror.stop() }
        var tally = Tally(inputs: inputs.count)
        try batched(inputs, size: 45, tally: &tally, command: "cache descriptors") { batch in
            let listed = batch.map { "<pdsc url=\"\(mirror.baseURL)/p/\" vendor=\"Fuzz\" name=\"P\($0.index)\" version=\"1.0.0\"/>" }
            let name = "batch-\(batch[0].index)-\(batch.count).pidx"
            try Data(("<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><pindex>\n" + listed.joined(separator: "\n") + "\n</pindex></index>\n").utf8)
                .write(to: URL(fileURLWithPath: www + "/" + name))
            let data = work + "/data-" + UUID().uuidString
            let outcome = try run(["cache", "descriptors", "-q", "--attempts", "1", "--data-path", data, "--index-url", "\(mirror.baseURL)/\(name)"], limit: 120)
            try? FileManager.default.removeItem(atPath: data)
            return (outcome, [mirror.baseURL])
        }

        // Pack indexes: mutated corpus indexes, each read by one update.
        let indexSources = ["index/keil-2017-04-14/index.pidx", "index/holtek/Holtek.pidx", "index/nuvoton/Nuvoton.pidx",
                            "index/infineon/Infineon.pidx", "index/upstream-bench/bench.vidx", "index/keil-2017-04-14/index.idx"]
        var indexTally = Tally()
        for number in 0..<36 {
            let index = 2000 + number
            var random = SplitMix64(seed: Self.seed, index: index)
            let source = indexSources[number % indexSources.count]
            let kind = XMLMutator.kinds[(number / indexSources.count + number) % XMLMutator.kinds.count]
            var bytes = XMLMutator.mutate(try FileBytes.read(Corpus.path(source)), kind: kind, random: &random)
            // Hostile entries too: names that climb out of the cache.
            if number % 6 == 5 {
                bytes += Array("<pdsc url=\"\(mirror.baseURL)/p/\" vendor=\"../../etc\" name=\"passwd\" version=\"1.0.0\"/>".utf8)
            }
            let input = FuzzInput(index: index, origin: source, mutation: kind, bytes: bytes)
            let name = "index-\(index)." + (source as NSString).pathExtension
            try Data(bytes).write(to: URL(fileURLWithPath: www + "/" + name))
            indexTally.inputs += 1
            let data = work + "/data-" + UUID().uuidString
            // Nothing listed is reachable (real vendors' URLs, through a closed proxy): one attempt each.
            let outcome = try run(["cache", "descriptors", "-q", "--attempts", "1", "--timeout", "2", "--data-path", data,
                                   "--index-url", "\(mirror.baseURL)/\(name)"], limit: 120)
            indexTally.record(outcome, inputs: [input], command: "cache descriptors (index)", names: [name, "https://", "http://"])
            #expect(!FileManager.default.fileExists(atPath: work + "/etc"), "an index entry wrote outside the cache (#\(index))")
            try? FileManager.default.removeItem(atPath: data)
        }
        print(tally.report("descriptors-from-network"))
        print(indexTally.report("indexes-from-network"))
        #expect(tally.failures.isEmpty, "\(tally.failures.joined(separator: "\n"))")
        #expect(indexTally.failures.isEmpty, "\(indexTally.failures.joined(separator: "\n"))")
    }

    @Test func hostilePacksThroughPackAdd() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let folder = work + "/packs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var inputs: [FuzzInput] = []
        for number in 0..<56 {
            let index = 3000 + number
            var random = SplitMix64(seed: Self.seed, index: index)
            let kind = PackMutator.kinds[number % PackMutator.kinds.count]
            try PackMutator.write(kind: kind, index: index, to: folder + "/Fuzz.P\(index).1.0.0.pack", random: &random)
            inputs.append(FuzzInput(index: index, origin: "Fuzz.P\(index).1.0.0.pack", mutation: kind, bytes: []))
        }
        // And byte flips of a real corpus pack.
        for number in 0..<14 {
            let index = 3100 + number
            var random = SplitMix64(seed: Self.seed, index: index)
            var bytes = try FileBytes.read(Corpus.path("packs/Holtek.HT32F675x5_DFP.1.0.5.pack"))
            for _ in 0..<Int.random(in: 1...20, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
            let name = "flipped-\(index)"
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/\(name)/Holtek.HT32F675x5_DFP.1.0.5.pack"))
            inputs.append(FuzzInput(index: index, origin: "Holtek.HT32F675x5_DFP.1.0.5.pack", mutation: "flip", bytes: []))
        }
        func path(_ input: FuzzInput) -> String {
            input.index >= 3100 ? folder + "/flipped-\(input.index)/Holtek.HT32F675x5_DFP.1.0.5.pack" : folder + "/" + input.origin
        }
        var tally = Tally(inputs: inputs.count)
        var leftovers: [String] = []
        try batched(inputs, size: 14, tally: &tally, command: "pack add") { batch in
            let root = work + "/root-" + UUID().uuidString
            let outcome = try run(["pack", "add", "-q", "--agree-embedded-license", "--no-dependencies", "--pack-root", root,
                                   "--json-path", root + "-json"] + batch.map(path), limit: 120)
            // Refused archives do not stay in .Download; nothing was written outside the root.
            let installed = Set(outcome.output.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("installed ") else { return nil }
                return line.split(separator: " ")[1].replacingOccurrences(of: "::", with: ".").replacingOccurrences(of: "@", with: ".")
            })
            let downloads = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/.Download")) ?? []).filter { $0.hasSuffix(".pack") }
            for file in downloads where !installed.contains(String(file.dropLast(5))) {
                leftovers.append("pack add left the refused archive \(file) in .Download (batch from #\(batch[0].index))")
            }
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: root + "-json")
            return (outcome, batch.map(path) + batch.map { "Fuzz.P\($0.index)" })
        }
        let escaped = (FileManager.default.enumerator(atPath: work)?.allObjects as? [String] ?? []).filter { $0.contains("escaped-") }
        #expect(escaped.isEmpty, "archive members escaped: \(escaped)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escaped-3001.txt"))
        tally.failures += leftovers
        print(tally.report("packs"))
        #expect(tally.failures.isEmpty, "\(tally.failures.joined(separator: "\n"))")
    }

    /// The description with its `<vendor>` and `<name>` replaced.
    static func renamed(_ text: String, to name: String) -> String {
        var result = text
        for (tag, value) in [("vendor", "Fuzz"), ("name", name)] {
            if let open = result.range(of: "<\(tag)>"), let close = result.range(of: "</\(tag)>", range: open.upperBound..<result.endIndex) {
                result.replaceSubrange(open.upperBound..<close.lowerBound, with: value)
            }
        }
        return result
    }
}
