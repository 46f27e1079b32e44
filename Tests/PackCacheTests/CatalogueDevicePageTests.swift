import CMSISPack
import Foundation
@testable import PackCache
import Testing
import TestSupport

/// The device page reads as the specification means it: feature values in
/// words, a header on every column, and the chip vendor's page one link away.
@Suite struct CatalogueDevicePageTests {
    func site() throws -> (path: String, report: CatalogueSite.Report) {
        let site = Corpus.temporaryDirectory("catalogue-device")
        return (site, try CatalogueSite(outputPath: site).write(try CatalogueTests.corpusPacks(), siteName: "Acme packs"))
    }

    @Test func featuresSayWhatTheirNumbersAre() throws {
        let (site, _) = try site()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let device = try String(contentsOfFile: site + "/devices/STM32F407VGTx.html", encoding: .utf8)
        for expected in ["<span class=\"feature\">ADC</span>: 16 channels, 12-bit",
                         "<span class=\"feature\">Timer/counter</span>: 12 × 16-bit",
                         "<span class=\"feature\">SPI</span>: 3 × 37.5 Mbit/s",
                         "<span class=\"feature\">Ethernet</span>: 1 × 100 Mbit/s",
                         "<span class=\"feature\">SDIO (Secure Digital IO)</span>: 1 × 8-bit",
                         "<span class=\"feature\">Operating voltage</span>: 1.80 V – 3.60 V",
                         "<span class=\"feature\">QFP</span>: 100 leads",
                         "<span class=\"feature\">CAN</span>: 2"] {
            #expect(device.contains(expected), "device page has \(expected)")
        }
        #expect(!device.contains("(16–12)"), "no value reads like a range when it is not one")
    }

    @Test func featureTypesFollowTheSpecification() {
        func text(_ attributes: [String: String]) -> String {
            let (label, detail) = FeatureText.describe(Feature(attributes: attributes, line: 1))
            return detail.isEmpty ? label : "\(label): \(detail)"
        }
        #expect(text(["type": "XTAL", "n": "4000000", "m": "25000000"]) == "External crystal oscillator: 4 MHz – 25 MHz")
        #expect(text(["type": "RTC", "n": "32768"]) == "RTC: 32.768 kHz")
        #expect(text(["type": "Temp", "n": "-40", "m": "105"]) == "Operating temperature: -40 °C – 105 °C")
        #expect(text(["type": "Memory", "n": "262144", "name": "Flash"]) == "Memory (Flash): 256 KiB")
        #expect(text(["type": "NVIC", "n": "120"]) == "NVIC: 120 interrupts")
        #expect(text(["type": "BGA", "n": "256"]) == "BGA: 256 balls")
        #expect(text(["type": "Crypto", "n": "256"]) == "Cryptographic engine: 256-bit")
        #expect(text(["type": "Bluetooth", "n": "5.0", "m": "2000000"]) == "Bluetooth: 5.0, 2 Mbit/s")
        #expect(text(["type": "DAC", "n": "2"]) == "DAC: 2 channels")
        #expect(text(["type": "AI"]) == "AI accelerator")
        #expect(text(["type": "Gizmo", "n": "3", "m": "4"]) == "Gizmo: 3, 4", "a type the specification does not list keeps its numbers")
        #expect(text(["type": "ADC", "n": "many", "m": "12"]) == "ADC: many, 12-bit", "a value that is not a number is shown as it is")
    }

    @Test func everyTableColumnHasAHeader() throws {
        let (site, report) = try site()
        defer { try? FileManager.default.removeItem(atPath: site) }
        for path in report.written where path.hasSuffix(".html") {
            let html = try String(contentsOfFile: site + "/" + path, encoding: .utf8)
            #expect(!html.contains("<th scope=\"col\"></th>") && !html.contains("<th></th>"), "\(path) has a column without a header")
            #expect(!html.contains("<td>"), "\(path): every cell carries its column's header for the phone layout")
        }
        let device = try String(contentsOfFile: site + "/devices/STM32F407VGTx.html", encoding: .utf8)
        #expect(device.contains("<td data-label=\"Use\">startup, default</td>"), "the memory's use")
        #expect(device.contains("<td data-label=\"Default\">yes</td>"), "the default flash algorithm")
    }

    @Test func devicesCanBeBrowsedByTheChipVendor() throws {
        let (site, report) = try site()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let device = try String(contentsOfFile: site + "/devices/STM32F407VGTx.html", encoding: .utf8)
        #expect(device.contains("<dt>Vendor</dt><dd><a href=\"../device-vendors/stmicroelectronics.html\">STMicroelectronics</a></dd>"))
        let vendor = try String(contentsOfFile: site + "/device-vendors/stmicroelectronics.html", encoding: .utf8)
        #expect(vendor.contains("<h1>Devices of STMicroelectronics</h1>"))
        #expect(vendor.contains("<h2>STM32F4 Series</h2>") && vendor.contains("<h2>STM32H7 Series</h2>"), "one section per family, from several packs")
        #expect(vendor.contains("<a href=\"../devices/STM32F407VGTx.html\">STM32F407VGTx</a>"))
        #expect(!vendor.contains("XMC4500"), "only this vendor's devices")
        let infineon = try String(contentsOfFile: site + "/device-vendors/infineon.html", encoding: .utf8)
        #expect(infineon.contains("XMC4500-F100"))
        let home = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(home.contains("<h2>Devices by chip vendor</h2>") && home.contains("<a href=\"device-vendors/stmicroelectronics.html\">STMicroelectronics</a>"))
        #expect(report.largest.bytes < 200 * 1024, "largest page \(report.largest.path): \(report.largest.bytes) bytes")
    }
}
