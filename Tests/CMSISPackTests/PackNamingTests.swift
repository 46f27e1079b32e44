@testable import CMSISPack
import Testing

@Suite struct PackNamingTests {
    @Test func parsesPackFileNames() throws {
        let reference = try PackNaming.parsePackFileName("Keil.STM32F4xx_DFP.2.15.0.pack")
        #expect(reference.vendor == "Keil")
        #expect(reference.name == "STM32F4xx_DFP")
        #expect(reference.version == "2.15.0")
        #expect(reference.packRelativePath == "Keil/STM32F4xx_DFP/2.15.0.pack")
        #expect(reference.pdscFileName == "Keil.STM32F4xx_DFP.2.15.0.pdsc")
        #expect(try PackNaming.parsePackFileName("ARM.CMSIS.6.0.0-dev+g1234.pack").version == "6.0.0-dev+g1234")
    }

    @Test func parsesBothPDSCNameForms() throws {
        let published = try PackNaming.parsePDSCFileName("ARM.CMSIS.pdsc")
        #expect(published.family == PackFamily(vendor: "ARM", name: "CMSIS"))
        #expect(published.version == nil)
        let cached = try PackNaming.parsePDSCFileName("NXP.LPC55S36_DFP.13.0.0.pdsc")
        #expect(cached.family.name == "LPC55S36_DFP")
        #expect(cached.version == "13.0.0")
    }

    @Test func refusesNamesThatCouldEscapeAFolder() {
        let hostile: [(String, String, String)] = [
            ("../../etc", "x", "1.0.0"), ("Keil", "../x", "1.0.0"), ("Keil", "x", "../1.0.0"),
            ("Keil", "x", "1.0.0/../../a"), ("", "x", "1.0.0"), ("Ke il", "x", "1.0.0"),
            ("Keil", "x", ""), ("Keil", "x.y", "1.0.0"), ("Keil", "x", "1.0..0"), ("Keil\0", "x", "1.0.0"),
            ("Keil", "x", "1.0.0\\..\\"), ("/abs", "x", "1.0.0"),
        ]
        for (vendor, name, version) in hostile {
            #expect(throws: PackNameError.self, "\(vendor) \(name) \(version)") {
                try PackReference(vendor: vendor, name: name, version: version)
            }
        }
    }

    @Test func refusesMalformedFileNames() {
        #expect(throws: PackNameError.self) { try PackNaming.parsePackFileName("Keil.STM32.pack") }
        #expect(throws: PackNameError.self) { try PackNaming.parsePackFileName("Keil.STM32.1.0.0.zip") }
        #expect(throws: PackNameError.self) { try PackNaming.parsePDSCFileName("Keil.pdsc") }
        #expect(throws: PackNameError.self) { try PackNaming.parsePDSCFileName("Ke%il.X.pdsc") }
    }

    @Test func ordersReferencesByVersion() throws {
        let a = try PackReference(vendor: "Keil", name: "X", version: "2.9.0")
        let b = try PackReference(vendor: "Keil", name: "X", version: "2.10.0")
        #expect(a < b)
    }
}
