@testable import CMSISPack
import Testing

/// The inheritance and merging rules of the specification, on small files.
@Suite struct DeviceInheritanceTests {
    @Test func processorAttributesMergeDownTheLevels() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Dcore="Cortex-M4" Dfpu="SP_FPU" Dmpu="MPU"/>
            <subFamily DsubFamily="Sub">
              <processor Dclock="80000000"/>
              <device Dname="Dev"><processor Dfpu="NO_FPU"/></device>
            </subFamily>
            """)))
        let core = try #require(pack.device("Dev")?.processors.first)
        #expect(core.core == "CortexM4")
        #expect(core.mpu == "Present")
        // NO_FPU at a lower level overrides the family's FPU (the reference ignores it).
        #expect(core.fpu == "None")
        #expect(pack.device("Dev")?.subFamily == "Sub")
        #expect(pack.device("Dev")?.family == "Fam")
        #expect(pack.device("Dev")?.vendor == "ARM:82")
    }

    @Test func multiCoreDevicesMergePerPname() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Pname="CM7" Dcore="Cortex-M7" Dfpu="DP_FPU" Dmpu="MPU"/>
            <processor Pname="CM4" Dcore="Cortex-M4" Dfpu="SP_FPU" Dmpu="MPU"/>
            <debug Pname="CM7" svd="cm7.svd" __ap="0"/>
            <debug Pname="CM4" svd="cm4.svd" __ap="3"/>
            <device Dname="Dual">
              <processor Pname="CM4" Dclock="240000000"/>
              <debug Pname="CM4" defaultResetSequence="ResetCM4"/>
            </device>
            """)))
        let cores = try #require(pack.device("Dual")?.processors)
        #expect(cores.map(\.name) == ["CM7", "CM4"])
        #expect(cores.map(\.core) == ["CortexM7", "CortexM4"])
        #expect(cores.map(\.fpu) == ["DoublePrecision", "SinglePrecision"])
        #expect(cores.map(\.svd) == ["cm7.svd", "cm4.svd"])
        #expect(cores[1].accessPort == .index(3))
        #expect(cores[1].defaultResetSequence == "ResetCM4")
    }

    @Test func punitsGivesOneEntryPerUnitAndDebugMatchesPunit() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Pname="A" Dcore="Cortex-A53" Punits="2"/>
            <debug Pname="A" Punit="0" __ap="1" svd="a.svd"/>
            <debug Pname="A" Punit="1" __ap="2" svd="a.svd"/>
            <device Dname="Quad"/>
            """)))
        let cores = try #require(pack.device("Quad")?.processors)
        #expect(cores.map(\.unit) == [0, 1])
        #expect(cores.map(\.accessPort) == [.index(1), .index(2)])
        #expect(cores.allSatisfy { $0.core == "CortexA53" })
    }

    @Test func unnamedDebugAppliesToEveryCore() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <debug svd="common.svd"/>
            <device Dname="Dual">
              <processor Pname="c0" Dcore="Cortex-M0"/>
              <processor Pname="c1" Dcore="Cortex-M0"/>
              <debug Pname="c1" __dp="1"/>
            </device>
            """)))
        let cores = try #require(pack.device("Dual")?.processors)
        #expect(cores.map(\.svd) == ["common.svd", "common.svd"])
        #expect(cores.map(\.debugPort) == [0, 1])
    }

    @Test func accessPortsByIdIncludingInheritedOnes() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Dcore="Cortex-M55"/>
            <debugport __dp="0"/>
            <accessportV2 __apid="0" __dp="0" address="0x00002000"/>
            <accessportV1 __apid="1" __dp="0" index="4"/>
            <device Dname="V2"><debug __apid="0" address="0xE000E000"/></device>
            <device Dname="V1"><debug __apid="1"/></device>
            """)))
        #expect(pack.device("V2")?.processors.first?.accessPort == .address(0x2000))
        // Hex debug addresses are read (the reference always writes null).
        #expect(pack.device("V2")?.processors.first?.address == 0xE000_E000)
        #expect(pack.device("V1")?.processors.first?.accessPort == .index(4))
    }

    @Test func memoriesRedefineByIdOrNameAndDefaultToReadAccess() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Dcore="Cortex-M3"/>
            <memory id="IROM1" start="0x0" size="0x10000" startup="1" default="1"/>
            <memory id="IRAM1" start="0x20000000" size="0x2000" default="1"/>
            <memory name="OTP" start="0x1FFF0000" size="0x400"/>
            <device Dname="Big">
              <memory name="Flash" id="IROM1" start="0x0" size="0x40000" access="rx"/>
              <memory id="IRAM1" start="0x20000000" size="010"/>
            </device>
            """)))
        let memories = try #require(pack.device("Big")?.memories)
        #expect(Set(memories.keys) == ["IROM1", "IRAM1", "OTP"])
        #expect(memories["IROM1"]?.size == 0x40000)
        // Unset attributes are inherited from the level above.
        #expect(memories["IROM1"]?.startup == true)
        #expect(memories["IRAM1"]?.size == 10)
        #expect(memories["IRAM1"]?.access.write == true)
        #expect(memories["OTP"]?.access.read == true)
        #expect(memories["OTP"]?.access.write == false)
        #expect(memories["IROM1"]?.access.execute == true)
    }

    @Test func variantsAreTheDevicesAndTheirPropertiesCount() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Dcore="Cortex-M4"/>
            <algorithm name="Flash\\Big.FLM" start="0x0" size="0x40000" default="1"/>
            <device Dname="Chip">
              <memory id="IROM1" start="0" size="0x40000"/>
              <variant Dvariant="Chip_A"><processor Dfpu="FPU"/></variant>
              <variant Dvariant="Chip_B">
                <memory id="IRAM1" start="0x20000000" size="0x1000"/>
                <algorithm name="Flash\\Big.FLM" start="0x0" size="0x20000" default="1"/>
              </variant>
            </device>
            """)))
        #expect(pack.device("Chip") == nil)
        #expect(pack.device("Chip_A")?.processors.first?.fpu == "SinglePrecision")
        #expect(pack.device("Chip_B")?.memories["IRAM1"]?.size == 0x1000)
        #expect(pack.device("Chip_B")?.memories["IROM1"]?.size == 0x40000)
        #expect(pack.device("Chip_B")?.algorithms.map(\.size) == [0x20000])
        #expect(pack.device("Chip_B")?.algorithms.first?.fileName == "Flash/Big.FLM")
    }

    @Test func algorithmsListLowerLevelsFirstAndKeepPerCoreCopies() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Pname="a" Dcore="Cortex-M7"/><processor Pname="b" Dcore="Cortex-M4"/>
            <algorithm name="fam.FLM" start="0x0" size="0x10"/>
            <device Dname="D">
              <algorithm Pname="a" name="dev.FLM" start="0x8000000" size="0x100000" RAMstart="0x20000000" RAMsize="0x8000"/>
              <algorithm Pname="b" name="dev.FLM" start="0x8000000" size="0x100000" RAMstart="0x10000000" RAMsize="0x8000"/>
              <algorithm name="opt.FLM" start="0x1FF00000" size="0x20" style="IAR"/>
            </device>
            """)))
        let algorithms = try #require(pack.device("D")?.algorithms)
        #expect(algorithms.map(\.fileName) == ["dev.FLM", "dev.FLM", "opt.FLM", "fam.FLM"])
        #expect(algorithms.map(\.ramStart) == [0x2000_0000, 0x1000_0000, nil, nil])
        #expect(algorithms[2].style == "IAR")
    }

    @Test func unknownCoresAreKeptWithAWarningNamingTheDevice() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <device Dname="Riscy"><processor Dcore="RISC-V"/></device>
            <device Dname="Star"><processor Dcore="Star-MC3"/></device>
            <device Dname="M52"><processor Dcore="Cortex-M52"/></device>
            <device Dname="Plus"><processor Dcore="Cortex-M0+"/></device>
            """)))
        #expect(pack.device("Riscy")?.processors.first?.core == "RISCV")
        #expect(pack.device("Star")?.processors.first?.core == "StarMC3")
        #expect(pack.device("M52")?.processors.first?.core == "CortexM52")
        #expect(pack.device("Plus")?.processors.first?.core == "CortexM0Plus")
        let warnings = pack.diagnostics.filter { $0.message.contains("Dcore") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("'Riscy'") == true)
        #expect(warnings.first?.line != nil)
    }

    @Test func unusablePropertiesAreLeftOutWithAWarning() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Dcore="Cortex-M0"/>
            <device Dname="Bad">
              <memory id="IROM1" start="0x0" size="lots"/>
              <memory id="IRAM1" start="0x20000000" size="0x100"/>
              <algorithm name="x.FLM" start="0x0"/>
            </device>
            <device Dname="Bare"><processor Pname="p"/></device>
            """)))
        #expect(pack.device("Bad")?.memories.keys.sorted() == ["IRAM1"])
        #expect(pack.device("Bad")?.algorithms.isEmpty == true)
        #expect(pack.diagnostics.contains { $0.message.contains("size='lots'") && $0.message.contains("'Bad'") })
        #expect(pack.diagnostics.contains { $0.message.contains("no size") })
        // A device without a usable core is still listed.
        #expect(pack.device("Bare") != nil)
    }

    @Test func duplicateDeviceNamesInOnePackUseTheFirstDefinition() throws {
        let pack = try PDSC.pack(PDSC.text(devices: PDSC.family("""
            <processor Dcore="Cortex-M0"/>
            <device Dname="Twice"><memory id="IROM1" start="0" size="1"/></device>
            <device Dname="Twice"><memory id="IROM1" start="0" size="2"/></device>
            """)))
        #expect(pack.devices.count == 1)
        #expect(pack.device("Twice")?.memories["IROM1"]?.size == 1)
        #expect(pack.diagnostics.contains { $0.message.contains("more than once") })
    }

    @Test func boardsUseTheVariantTheyMount() throws {
        let pack = try PDSC.pack(PDSC.text(
            devices: PDSC.family("<processor Dcore=\"Cortex-M4\"/><device Dname=\"Chip\"><variant Dvariant=\"Chip_T6\"/></device>"),
            boards: """
            <board vendor="V" name="Eval"><mountedDevice deviceIndex="0" Dvendor="ARM:82" Dname="Chip" Dvariant="Chip_T6"/>
              <compatibleDevice deviceIndex="0" Dvendor="ARM:82" Dname="Other"/></board>
            <board vendor="V" name="Empty"/>
            """))
        #expect(pack.boards.map(\.name) == ["Eval", "Empty"])
        #expect(pack.boards[0].mountedDevices == ["Chip_T6"])
        #expect(pack.boards[1].mountedDevices.isEmpty)
    }

    @Test func releaseWithoutTextAndPackWithoutReleases() throws {
        let withEmpty = try PDSC.pack(PDSC.text(releases: "<release version=\"2.0.0\"/><release version=\"1.0.0\">old</release>",
                                                devices: PDSC.family("<processor Dcore=\"Cortex-M0\"/><device Dname=\"D\"/>")))
        #expect(withEmpty.record.version == "2.0.0")
        let none = try PDSC.read(PDSC.text(releases: "", devices: PDSC.family("<processor Dcore=\"Cortex-M0\"/><device Dname=\"D\"/>")))
        #expect(none.diagnostics.contains { $0.message.contains("no <release>") })
    }

    @Test func newestReleaseIsTheHighestVersion() throws {
        let read = try PDSC.read(PDSC.text(releases: """
            <release version="1.2.0" date="2020-01-01">a</release>
            <release version="1.10.0" date="2021-01-01" deprecated="2022-01-01" replacement="V.New">b</release>
            <release version="1.10.0-rc1">c</release>
            """))
        #expect(read.description.latestRelease?.version == "1.10.0")
        #expect(read.description.deprecation?.replacement == "V.New")
    }

    @Test func partsInheritTheVendorAndDuplicatesAreReported() throws {
        let read = try PDSC.read(PDSC.text(extra: """
            <parts>
              <part Hname="Sensor" Hclass="Sensors" Hvariant="A"><feature type="Temp" n="1"/><image top="a.png"/></part>
              <part Hname="Sensor" Hclass="Sensors" Hvariant="B"/>
              <part Hname="Sensor" Hclass="Sensors" Hvariant="A"/>
            </parts>
            """))
        #expect(read.description.parts.count == 3)
        #expect(read.description.parts[0].vendor == "TestVendor")
        #expect(read.description.parts[0].image?["top"] == "a.png")
        #expect(read.diagnostics.filter { $0.message.contains("repeats the identity") }.map(\.line).count == 1)
    }

    @Test func headerRequirementsAndKeywords() throws {
        let read = try PDSC.read(PDSC.text(extra: """
            <license>LICENSE.txt</license>
            <supportContact>help@example.com</supportContact>
            <keywords><keyword>IoT</keyword><keyword>BLE</keyword></keywords>
            <requirements>
              <packages><package vendor="ARM" name="CMSIS" version="5.9.0:6.0.0"/></packages>
              <compilers><compiler name="GCC" version="10.3.1"/></compilers>
              <languages><language name="C" version="99"/></languages>
            </requirements>
            """))
        let pack = read.description
        #expect(pack.license == "LICENSE.txt")
        #expect(pack.supportContact == "help@example.com")
        #expect(pack.keywords == ["IoT", "BLE"])
        #expect(pack.requirements.packages.first?.version == "5.9.0:6.0.0")
        #expect(pack.requirements.compilers.first?.name == "GCC")
        #expect(pack.requirements.languages.first?.version == "99")
    }

    @Test func notAPackDescription() {
        #expect(throws: PackReadError.self) { try PDSC.read("<index/>") }
        #expect(throws: PackReadError.self) { try PDSC.read("<package><name>x</name></package>") }
    }
}

@Suite struct DevicePropertyModelTests {
    @Test func environmentsCompilesBooksFeaturesAndDebugConfigInherit() throws {
        let read = try PDSC.read(PDSC.text(devices: PDSC.family("""
            <processor Dcore="Cortex-M4" Dfpu="FPU" Dtz="NO_TZ" Ddsp="DSP" Dmve="NO_MVE" Dendian="Little-endian" Dclock="0x10" Dcdecp="0x1"/>
            <debugconfig default="swd" clock="10000000" swj="true"/>
            <compile header="fam.h" define="FAM"/>
            <book name="ref.pdf" title="Reference"/>
            <feature type="Timer" n="4" m="16"/>
            <description>Family text</description>
            <environment name="uv"><CMisc>--c99</CMisc></environment>
            <device Dname="D">
              <compile header="dev.h"/>
              <feature type="UART" n="2"/>
              <description>Device text</description>
              <environment name="uv"><CMisc>--c11</CMisc></environment>
              <debugconfig clock="4000000"/>
            </device>
            """)))
        let device = try #require(read.description.devices.effectiveDevices().first)
        let properties = device.properties
        let core = try #require(properties.processors.first)
        #expect(core.dsp == "DSP")
        #expect(core.trustZone == "NO_TZ")
        #expect(core.mve == "NO_MVE")
        #expect(core.endian == "Little-endian")
        #expect(core.clock == 16)
        #expect(core.customDatapath == "0x1")
        #expect(properties.compiles.first?.header == "dev.h")
        #expect(properties.compiles.first?.define == "FAM")
        #expect(properties.books.map(\.title) == ["Reference"])
        #expect(properties.features.map(\.type) == ["Timer", "UART"])
        #expect(properties.descriptions.map(\.text) == ["Family text", "Device text"])
        #expect(properties.environments.count == 1)
        #expect(properties.environments.first?.element.child("CMisc")?.text == "--c11")
        #expect(properties.debugConfig?.clock == 4_000_000)
        #expect(properties.debugConfig?.defaultProtocol == "swd")
        #expect(properties.debugConfig?.swj == true)
    }
}
