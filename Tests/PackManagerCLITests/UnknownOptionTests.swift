import Foundation
@testable import PackManagerCLI
import Testing

/// A mistyped option is the error reported, whatever follows it: its value
/// must not be taken for an argument and fail the command's own checks first.
@Suite struct UnknownOptionTests {
    @Test func aMistypedOptionFollowedByAValueIsNamed() async throws {
        let work = Workspace()
        defer { work.remove() }
        let cache = await InProcess.run(["cache", "descriptors", "--data-path", work.path + "/data", "--index-ur", "https://packs.example.com/index.pidx"])
        #expect(cache.status == 2)
        #expect(cache.standardError.contains("unknown option '--index-ur' for 'pack-manager cache'. Did you mean '--index-url'?"), "\(cache.standardError)")
        #expect(!cache.standardError.contains("device names"), "the option's value is not read as a device name")

        let check = await InProcess.run(["check", "--shema", work.path + "/x.xsd", work.path + "/Acme.Pack.pdsc"])
        #expect(check.status == 1, "check's usage errors exit 1, as packchk's")
        #expect(check.standardError.contains("unknown option '--shema' for 'pack-manager check'. Did you mean '--schema'?"), "\(check.standardError)")
        #expect(!check.standardError.contains("does not exist"), "the option's value is not read as the file to check")
        #expect(work.contents() == [], "nothing ran")
    }

    @Test func theUnknownOptionIsNamedWhateverFollowsIt() async throws {
        let work = Workspace()
        defer { work.remove() }
        let cases: [(arguments: [String], typo: String, meant: String)] = [
            (["find-part", "--data-path", work.path, "--lnog=yes", "stm32"], "--lnog", "--long"),
            (["find-part", "--lon"], "--lon", "--long"),
            (["cache", "devices", "--index-urll", "u.pidx", "STM32F407VG", "--data-path", work.path], "--index-urll", "--index-url"),
            (["pack", "add", "-R", work.path + "/root", "--agre-embedded-license", "Keil::X"], "--agre-embedded-license", "--agree-embedded-license"),
            (["index", "build", "--vendr", "Acme", "x.pidx"], "--vendr", "--vendor"),
            (["pack", "add", "--bogus"], "--bogus", ""),
        ]
        for (arguments, typo, meant) in cases {
            let result = await InProcess.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardError.contains("unknown option '\(typo)'"), "\(arguments): \(result.standardError)")
            if !meant.isEmpty { #expect(result.standardError.contains("Did you mean '\(meant)'"), "\(arguments): \(result.standardError)") }
        }
        #expect(work.contents() == [], "nothing ran")
    }

    @Test func valuesAndShortFlagsAreNotMistakenForOptions() {
        // A value that starts with '-', short flags run together, negative numbers and words after '--'.
        #expect(UnknownOption.message(in: ["pack", "add", "-R", "-odd-folder", "Keil::X"]) == nil)
        #expect(UnknownOption.message(in: ["pack", "add", "-qa", "Keil::X"]) == nil)
        #expect(UnknownOption.message(in: ["pack", "add", "--timeout=-1", "Keil::X"]) == nil)
        #expect(UnknownOption.message(in: ["find-part", "--", "--not-an-option"]) == nil)
        #expect(UnknownOption.message(in: ["pack", "add", "-qz", "Keil::X"])?.contains("unknown option '-z (in -qz)'") == true)
        #expect(UnknownOption.message(in: ["--help"]) == nil)
        #expect(UnknownOption.message(in: ["pack", "add", "--help"]) == nil)
    }
}
