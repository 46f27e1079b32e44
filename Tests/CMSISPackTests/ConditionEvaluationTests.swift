@testable import CMSISPack
import Testing

/// Condition semantics on hand-built packs: accept/require/deny, wildcards,
/// core features, toolchain, components, references, cycles.
@Suite struct ConditionEvaluationTests {
    static let conditions = """
    <conditions>
      <condition id="ST"><require Dvendor="STMicroelectronics:13"/></condition>
      <condition id="F4 names"><accept Dname="STM32F4?7*"/><accept Dname="STM32F401*"/></condition>
      <condition id="Not F401"><require condition="ST"/><deny Dname="STM32F401*"/></condition>
      <condition id="FPU"><require Dfpu="FPU"/></condition>
      <condition id="SP FPU"><require Dfpu="SP_FPU"/></condition>
      <condition id="DP FPU"><require Dfpu="DP_FPU"/></condition>
      <condition id="No FPU"><require Dfpu="NO_FPU"/></condition>
      <condition id="M4 with DSP"><require Dcore="Cortex-M4" Ddsp="DSP"/></condition>
      <condition id="MPU"><require Dmpu="MPU"/></condition>
      <condition id="Little"><require Dendian="Little-endian"/></condition>
      <condition id="GCC"><require Tcompiler="GCC"/></condition>
      <condition id="ARMCC6"><require Tcompiler="ARMCC" Toptions="AC6"/></condition>
      <condition id="ST and GCC"><require condition="ST"/><require condition="GCC"/></condition>
      <condition id="GCC or IAR"><accept Tcompiler="GCC"/><accept Tcompiler="IAR"/></condition>
      <condition id="Needs RTOS"><require Cclass="RTOS" Cgroup="Core" Cversion="10.0.0:10.9.9"/></condition>
      <condition id="Secure"><require Dsecure="Secure"/></condition>
      <condition id="Board"><require Bname="NUCLEO-*"/></condition>
      <condition id="Core M7"><require Pname="cm7" Dcore="Cortex-M7"/></condition>
      <condition id="Loop A"><require condition="Loop B"/></condition>
      <condition id="Loop B"><require condition="Loop A"/></condition>
      <condition id="Dangling"><require condition="Nowhere"/></condition>
      <condition id="Empty"></condition>
    </conditions>
    """

    static func pack() throws -> PackDescription {
        try PDSC.read(PDSC.text(extra: conditions)).description
    }

    static func device(_ name: String, variant: String? = nil, vendor: String = "STMicroelectronics:13",
                       _ processors: [[String: String]]) -> ConditionTarget.Device {
        .init(vendor: vendor, name: name, variant: variant, family: "STM32F4", processors: processors)
    }

    static let m4 = ["Dcore": "Cortex-M4", "Dfpu": "SP_FPU", "Dmpu": "MPU", "Ddsp": "DSP", "Dendian": "Little-endian"]
    static let m0 = ["Dcore": "Cortex-M0+", "Dfpu": "NO_FPU", "Dmpu": "NO_MPU", "Dendian": "Little-endian"]
    static let m7 = ["Dcore": "Cortex-M7", "Dfpu": "DP_FPU", "Dendian": "Configurable", "Pname": "cm7"]
    static let m4core = ["Dcore": "Cortex-M4", "Dfpu": "SP_FPU", "Pname": "cm4"]

    func truth(_ id: String, _ target: ConditionTarget) throws -> Truth {
        var evaluator = ConditionEvaluator(conditions: try Self.pack().conditions!, target: target)
        return try evaluator.evaluate(id)
    }

    @Test func vendorIgnoresTheNumericCode() throws {
        #expect(try truth("ST", .init(device: Self.device("STM32F407VG", vendor: "STMicroelectronics", [Self.m4]))) == .yes)
        #expect(try truth("ST", .init(device: Self.device("X", vendor: "NXP:11", [Self.m4]))) == .no)
    }

    @Test func acceptNeedsOneAndWildcardsMatch() throws {
        #expect(try truth("F4 names", .init(device: Self.device("STM32F407VG", [Self.m4]))) == .yes)
        #expect(try truth("F4 names", .init(device: Self.device("stm32f401re", [Self.m4]))) == .yes, "case-insensitive")
        #expect(try truth("F4 names", .init(device: Self.device("STM32F103C8", [Self.m4]))) == .no)
        // Dname matches a variant's name too.
        #expect(try truth("F4 names", .init(device: Self.device("Base", variant: "STM32F427ZI", [Self.m4]))) == .yes)
    }

    @Test func denyWinsOverRequire() throws {
        #expect(try truth("Not F401", .init(device: Self.device("STM32F407VG", [Self.m4]))) == .yes)
        #expect(try truth("Not F401", .init(device: Self.device("STM32F401RE", [Self.m4]))) == .no)
    }

    @Test func fpuFamilies() throws {
        let sp = ConditionTarget(device: Self.device("A", [Self.m4]))
        let dp = ConditionTarget(device: Self.device("A", [Self.m7]))
        let none = ConditionTarget(device: Self.device("A", [Self.m0]))
        #expect(try [truth("FPU", sp), truth("SP FPU", sp), truth("DP FPU", sp), truth("No FPU", sp)] == [.yes, .yes, .no, .no])
        #expect(try [truth("FPU", dp), truth("SP FPU", dp), truth("DP FPU", dp), truth("No FPU", dp)] == [.yes, .yes, .yes, .no])
        #expect(try [truth("FPU", none), truth("SP FPU", none), truth("DP FPU", none), truth("No FPU", none)] == [.no, .no, .no, .yes])
        // A core that states no Dfpu has none.
        #expect(try truth("No FPU", .init(device: Self.device("A", [["Dcore": "Cortex-M3"]]))) == .yes)
    }

    @Test func coreAttributesMustHoldOnOneCore() throws {
        #expect(try truth("M4 with DSP", .init(device: Self.device("A", [Self.m4]))) == .yes)
        #expect(try truth("M4 with DSP", .init(device: Self.device("A", [Self.m0]))) == .no)
        #expect(try truth("MPU", .init(device: Self.device("A", [Self.m0]))) == .no)
        #expect(try truth("Little", .init(device: Self.device("A", [Self.m7]))) == .yes, "configurable endianness")
        // Dual core: Pname picks the core.
        let dual = Self.device("Dual", [Self.m7, Self.m4core])
        #expect(try truth("Core M7", .init(device: dual)) == .yes)
        #expect(try truth("Core M7", .init(device: dual, processorName: "cm4")) == .no)
        #expect(try truth("DP FPU", .init(device: dual, processorName: "cm4")) == .no)
        #expect(try truth("DP FPU", .init(device: dual, processorName: "cm7")) == .yes)
    }

    @Test func toolchainIsUnknownUntilChosen() throws {
        let device = Self.device("STM32F407VG", [Self.m4])
        #expect(try truth("GCC", .init(device: device)) == .unknown)
        #expect(try truth("GCC", .init(device: device, toolchain: .init(compiler: "GCC"))) == .yes)
        #expect(try truth("GCC", .init(device: device, toolchain: .init(compiler: "IAR"))) == .no)
        #expect(try truth("ARMCC6", .init(device: device, toolchain: .init(compiler: "ARMCC", options: "AC6"))) == .yes)
        #expect(try truth("ARMCC6", .init(device: device, toolchain: .init(compiler: "ARMCC", options: "AC5"))) == .no)
        #expect(try truth("GCC or IAR", .init(device: device, toolchain: .init(compiler: "IAR"))) == .yes)
        #expect(try truth("GCC or IAR", .init(device: device)) == .unknown)
        // A known failure decides even when another part is open.
        #expect(try truth("ST and GCC", .init(device: Self.device("X", vendor: "NXP:11", [Self.m4]))) == .no)
        #expect(try truth("ST and GCC", .init(device: device)) == .unknown)
    }

    @Test func componentDependencies() throws {
        let text = PDSC.text(extra: """
            <components>
              <component Cclass="RTOS" Cgroup="Core" Cversion="10.4.6"><description>kernel</description><files/></component>
              <component Cclass="RTOS" Cgroup="Core" Cversion="11.0.0"><description>new kernel</description><files/></component>
            </components>
            """)
        let components = try PDSC.read(text).description.allComponents
        let device = Self.device("A", [Self.m4])
        #expect(try truth("Needs RTOS", .init(device: device)) == .unknown)
        #expect(try truth("Needs RTOS", .init(device: device, selectedComponents: [components[0]])) == .yes)
        #expect(try truth("Needs RTOS", .init(device: device, selectedComponents: [components[1]])) == .no, "outside 10.0.0:10.9.9")
        #expect(try truth("Needs RTOS", .init(device: device, selectedComponents: [])) == .no)
    }

    @Test func securityBoardAndEmpty() throws {
        #expect(try truth("Secure", .init()) == .unknown)
        #expect(try truth("Secure", .init(security: "Secure")) == .yes)
        #expect(try truth("Secure", .init(security: "Non-secure")) == .no)
        #expect(try truth("Board", .init()) == .no, "no board means no board")
        #expect(try truth("Board", .init(board: .init(vendor: "STMicroelectronics", name: "NUCLEO-F401RE"))) == .yes)
        #expect(try truth("Empty", .init()) == .yes)
    }

    @Test func cyclesAndUndefinedReferencesAreErrors() throws {
        #expect(throws: ConditionError.cycle(ids: ["Loop A", "Loop B", "Loop A"])) { try truth("Loop A", .init()) }
        #expect(throws: ConditionError.undefined(id: "Nowhere", referencedFrom: "Dangling")) { try truth("Dangling", .init()) }
        #expect(throws: ConditionError.undefined(id: "Missing", referencedFrom: nil)) { try truth("Missing", .init()) }
    }

    @Test func deepChainsAreRefusedNotCrashed() throws {
        let chain = (0..<5000).map { "<condition id=\"c\($0)\"><require condition=\"c\($0 + 1)\"/></condition>" }.joined()
        let pack = try PDSC.read(PDSC.text(extra: "<conditions>\(chain)<condition id=\"c5000\"/></conditions>")).description
        var evaluator = ConditionEvaluator(conditions: pack.conditions!, target: .init())
        #expect(throws: ConditionError.self) { try evaluator.evaluate("c0") }
        #expect(pack.conditionProblems.filter { $0.kind == .cycle }.isEmpty)
    }

    @Test func staticProblemsNameTheConditions() throws {
        let problems = try Self.pack().conditionProblems
        #expect(problems.contains { $0.kind == .undefined && $0.conditionID == "Nowhere" })
        #expect(problems.filter { $0.kind == .cycle }.map(\.message) == ["conditions refer to each other in a cycle: Loop A → Loop B → Loop A"])
        #expect(problems.contains { $0.kind == .unused && $0.conditionID == "GCC or IAR" })
        #expect(!problems.contains { $0.kind == .unused && $0.conditionID == "ST" }, "ST is used by other conditions")
    }

    @Test func applicableComponentsAndFiles() throws {
        let text = PDSC.text(extra: Self.conditions + """
            <components>
              <component Cclass="Device" Cgroup="Startup" Cversion="1.0.0" condition="Not F401">
                <description>Startup</description>
                <files>
                  <file category="source" name="startup_gcc.s" condition="GCC"/>
                  <file category="source" name="startup_f4.c" condition="F4 names"/>
                  <file category="header" name="f4.h"/>
                  <file category="source" name="only_m0.c" condition="No FPU"/>
                </files>
              </component>
              <component Cclass="Device" Cgroup="Other" Cversion="1.0.0" condition="No FPU"><description>x</description><files/></component>
            </components>
            """)
        let pack = try PDSC.read(text).description
        let result = try pack.applicableComponents(for: .init(device: Self.device("STM32F407VG", [Self.m4])))
        #expect(result.map(\.component.group) == ["Startup"])
        #expect(result[0].files.map(\.file.name) == ["startup_gcc.s", "startup_f4.c", "f4.h"])
        #expect(result[0].files.map(\.truth) == [.unknown, .yes, .yes])
        let withGCC = try pack.applicableComponents(for: .init(device: Self.device("STM32F407VG", [Self.m4]), toolchain: .init(compiler: "IAR")))
        #expect(withGCC[0].files.map(\.file.name) == ["startup_f4.c", "f4.h"])
    }

    @Test func wildcardPatterns() {
        #expect(WildcardPattern("STM32F4*").matches("STM32F407VG"))
        #expect(WildcardPattern("*").matches(""))
        #expect(WildcardPattern("a*b*c").matches("aXXbYYc"))
        #expect(!WildcardPattern("a*b*c").matches("aXXbYY"))
        #expect(WildcardPattern("STM32F4?7*").matches("STM32F427ZI"))
        #expect(!WildcardPattern("STM32F4?7").matches("STM32F4007"))
    }

    @Test func versionRanges() {
        #expect(VersionRange("1.2.0").contains("1.2.0"))
        #expect(VersionRange("1.2.0").contains("9.0.0"))
        #expect(!VersionRange("1.2.0").contains("1.1.9"))
        #expect(VersionRange("1.0.0:2.0.0").contains("2.0.0"))
        #expect(!VersionRange("1.0.0:2.0.0").contains("2.0.1"))
        #expect(!VersionRange("1.0.0").contains(nil as String?))
    }
}
