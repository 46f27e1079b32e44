import CMSISPack
import Foundation
import Testing
import TestSupport

/// A device or pack name that is not exact gets the closest names.
@Suite struct NameSuggestionTests {
    @Test func cacheDevicesSuggestsDeviceNames() async throws {
        let work = Workspace()
        defer { work.remove() }
        let index = try work.corpusIndex([("Keil", "STM32F4xx_DFP", "2.17.1")])
        let data = work.path + "/data"
        // One run: a second would revalidate the description at its own <url>, on the internet.
        let result = await InProcess.run(["cache", "devices", "-q", "--data-path", data, "--pack-root", work.path + "/no-root",
                                          "--index-url", index, "STM32F407", "STM32F4O7VGTx"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: STM32F407: no device named 'STM32F407' in the index; did you mean 'STM32F407IEHx', "),
                "\(result.standardError)")
        #expect(result.standardError.contains("`pack-manager find STM32F407` lists every match"))
        // One letter away: STM32F407VGTx, and STM32F417VGTx… as much.
        #expect(result.standardError.contains("no device named 'STM32F4O7VGTx' in the index; did you mean 'STM32F407VGTx', 'STM32F417VGTx', "),
                "\(result.standardError)")
        #expect(!result.standardError.contains("find STM32F4O7VGTx"), "find would list nothing for the typo")
    }

    @Test func packAddSuggestsPackNames() async throws {
        let work = Workspace()
        defer { work.remove() }
        let index = try work.corpusIndex([("Keil", "STM32F4xx_DFP", "2.17.1"), ("ARM", "CMSIS", "5.9.0")])
        let root = work.path + "/root"
        let initialised = await InProcess.run(["pack", "init", "-q", "-R", root, "--json-path", work.path + "/json", index])
        #expect(initialised.status == 0, "\(initialised.standardError)")
        for typed in ["Keil::STM32F4xx_DPF", "keil::stm32f4xx_dfp", "Keil.STM32F4xx_DF"] {
            let result = await InProcess.run(["pack", "add", "-q", "-R", root, "--json-path", work.path + "/json", typed])
            #expect(result.status == 1, "\(typed)")
            #expect(result.standardError.contains("did you mean 'Keil::STM32F4xx_DFP'?"), "\(typed): \(result.standardError)")
        }
    }

    @Test func closestNames() {
        let names = ["Keil::STM32F4xx_DFP", "Keil::STM32F7xx_DFP", "ARM::CMSIS", "NXP::MK64F12_DFP"]
        #expect(NameSuggestions.closest(to: "Keil::STM32F4xx_DPF", in: names) == ["Keil::STM32F4xx_DFP"])
        #expect(NameSuggestions.closest(to: "arm::cmsis", in: names) == ["ARM::CMSIS"])
        #expect(NameSuggestions.closest(to: "Keil::STM32", in: names) == ["Keil::STM32F4xx_DFP", "Keil::STM32F7xx_DFP"])
        #expect(NameSuggestions.closest(to: "Nordic::nRF", in: names) == [])
        #expect(NameSuggestions.distance(Array("ab"), Array("ba")) == 1, "a swap is one edit")
    }
}
