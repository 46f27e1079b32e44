import CMSISPack
import Testing

@Suite struct PackSpecifierTests {
    let acme = PackFamily(vendor: "Acme", name: "Widgets")

    func version(_ text: String) -> SemanticVersion { SemanticVersion(text)! }

    @Test func namesAndVersions() throws {
        #expect(try PackSpecifier("Acme::Widgets") == .named(acme, .latest))
        #expect(try PackSpecifier("Acme::Widgets@1.2.3") == .named(acme, .exactly(version("1.2.3"))))
        #expect(try PackSpecifier("Acme::Widgets@^1.2.3") == .named(acme, .sameMajor(version("1.2.3"))))
        #expect(try PackSpecifier("Acme::Widgets@~1.2") == .named(acme, .sameMinor(version("1.2.0"))))
        #expect(try PackSpecifier("Acme::Widgets@>=1.2.0") == .named(acme, .atLeast(version("1.2.0"))))
        #expect(try PackSpecifier("Acme::Widgets@latest") == .named(acme, .latest))
        #expect(try PackSpecifier("Acme.Widgets") == .named(acme, .latest))
        #expect(try PackSpecifier("Acme.Widgets.1.2.3") == .named(acme, .exactly(version("1.2.3"))))
        #expect(try PackSpecifier("Acme.Widgets@^2.0.0") == .named(acme, .sameMajor(version("2.0.0"))))
    }

    @Test func filesAndURLs() throws {
        #expect(try PackSpecifier("dl/Acme.Widgets.1.0.0.pack") == .archiveFile("dl/Acme.Widgets.1.0.0.pack"))
        #expect(try PackSpecifier("Acme.Widgets.1.0.0.zip") == .archiveFile("Acme.Widgets.1.0.0.zip"))
        #expect(try PackSpecifier("https://example.com/Acme.Widgets.1.0.0.pack") == .archiveURL("https://example.com/Acme.Widgets.1.0.0.pack"))
        #expect(try PackSpecifier("work/Acme.Widgets.pdsc") == .descriptionFile("work/Acme.Widgets.pdsc"))
    }

    @Test func badInputSaysWhy() {
        #expect(throws: PackNameError.self) { try PackSpecifier("Widgets") }
        #expect(throws: PackNameError.self) { try PackSpecifier("Acme::../etc") }
        #expect(throws: PackNameError.self) { try PackSpecifier("Acme::Widgets@^x") }
        #expect(throws: PackNameError.self) { try PackSpecifier("Acme.Widgets.1.0.0@2.0.0") }
        #expect(throws: PackNameError.self) { try PackSpecifier("https://example.com/Acme.Widgets.pdsc") }
    }

    @Test func requirementsChooseTheRightVersion() throws {
        let versions = ["1.9.0", "2.1.0", "2.1.5", "2.4.1", "3.0.0-rc1", "3.0.0", "3.1.0-dev"].map(version)
        // The index lists 3.0.0: 3.1.0-dev is a pre-release nobody listed.
        func best(_ text: String) throws -> String? { try VersionRequirement(parsing: text).best(of: versions, listed: version("3.0.0"))?.text }
        #expect(try best("") == "3.0.0", "a release beats a newer pre-release that the index does not list")
        #expect(try best("^2.1.0") == "2.4.1")
        #expect(try best("~2.1") == "2.1.5")
        #expect(try best(">=2.2.0") == "3.0.0")
        #expect(try best("2.1.0") == "2.1.0")
        #expect(try best("3.1.0-dev") == "3.1.0-dev", "an exact pre-release is taken")
        #expect(try best("3.0.0-rc1") == "3.0.0-rc1")
        #expect(try best(">=3.0.1") == nil, "an unlisted pre-release is never taken implicitly")
        #expect(try best("1.0.0:2.1.0") == "2.1.0", "ranges are inclusive")
        #expect(try best("^4.0.0") == nil)
        #expect(throws: PackNameError.self) { try VersionRequirement(parsing: "2.0.0:1.0.0") }
    }

    /// The one rule: a pre-release counts where the index lists it as the
    /// newest (a mirror of that index holds exactly it), and never otherwise.
    @Test func aListedPreReleaseIsWhatTheIdMeans() throws {
        let versions = ["2.17.0", "2.17.1", "3.1.2-dev"].map(version)
        #expect(VersionRequirement.latest.best(of: versions, listed: version("3.1.2-dev"))?.text == "3.1.2-dev")
        #expect(VersionRequirement.latest.best(of: versions, listed: version("2.17.1"))?.text == "2.17.1")
        #expect(VersionRequirement.latest.best(of: versions, listed: nil)?.text == "3.1.2-dev",
                "without an index, the description's newest release is the listed one")
        #expect(try VersionRequirement(parsing: "^3.0.0").best(of: versions, listed: version("3.1.2-dev"))?.text == "3.1.2-dev")
        #expect(try VersionRequirement(parsing: "^2.0.0").best(of: versions, listed: version("3.1.2-dev"))?.text == "2.17.1")
        #expect(VersionRequirement.latest.best(of: [version("1.0.0-rc1")], listed: version("1.0.0-rc1"))?.text == "1.0.0-rc1")
        #expect(VersionRequirement.latest.best(of: [], listed: version("1.0.0")) == nil)
    }

    @Test func indexWriterRoundTrips() throws {
        let entries = [
            PackIndexEntry(reference: try PackReference(vendor: "Acme", name: "Widgets", version: "1.0.0"), url: "https://example.com/a&b/",
                           deprecated: "2025-01-01", replacement: "Acme.Gadgets"),
            PackIndexEntry(reference: try PackReference(vendor: "Beta", name: "Pack", version: "2.0.0"), url: "file:///tmp/x/"),
        ]
        let text = PackIndexWriter.pidx(vendor: "Acme", url: "https://example.com/", entries: entries, timestamp: "2026-01-01T00:00:00.0000000+00:00")
        let read = try PackIndexReader.read(bytes: Array(text.utf8), source: "t.pidx").index
        #expect(read.packs.map(\.reference.description) == ["Acme.Widgets.1.0.0", "Beta.Pack.2.0.0"])
        #expect(read.packs[0].url == "https://example.com/a&b/")
        #expect(read.packs[0].deprecated == "2025-01-01")
        #expect(read.packs[0].replacement == "Acme.Gadgets")
        #expect(read.timestamp == "2026-01-01T00:00:00.0000000+00:00")
    }
}
