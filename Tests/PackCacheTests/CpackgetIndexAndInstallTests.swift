import CMSISPack
import Foundation
import Testing
import TestSupport

/// cpackget's behaviours for `init`, `update-index`, `add` and `list`, from
/// its own tests (cmd/installer/root_*_test.go, cmd/commands/*_test.go),
/// replayed with our own inputs on a loopback server.
@Suite(.serialized) struct CpackgetIndexAndInstallTests {
    @Test func initFetchesTheIndexOnlyAndAddFetchesADescriptionWhenItNeedsIt() throws {
        let world = try CpackgetWorld(label: "cpg-init")
        defer { world.cleanUp() }
        let initialised = try world.pack(["init", "\(world.base)/index.pidx"])
        #expect(initialised.status == 0, "\(initialised.standardError)")
        #expect(initialised.standardOutput.contains("descriptions 0 new"))
        #expect(world.exists(".Web/index.pidx") && !world.exists(".Web/Gizmo.Sprocket.pdsc"))
        #expect(world.exists("pack.idx"), "init touches pack.idx")
        // Entries without a usable url are named, not dropped silently.
        #expect(initialised.standardError.contains("<pdsc Nowhere.Lost.1.0.0> has no url attribute"))
        #expect(initialised.standardError.contains("<pdsc Nowhere.Empty.1.0.0> has an empty url attribute"))

        // add fetches the missing description, and records it in cache.pidx for cpackget.
        world.age(world.root + "/pack.idx")
        let added = try world.pack(["add", "Gizmo::Sprocket@1.0.0"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(world.exists(".Web/Gizmo.Sprocket.pdsc") && world.exists("Gizmo/Sprocket/1.0.0/src/Sprocket.c"))
        let cache = world.text(world.root + "/.Web/cache.pidx")
        #expect(cache.contains("<vendor>cpackget</vendor>") && cache.contains("schemaVersion=\"1.1.1\""), "every index we write is PackIndex.xsd 1.1.1")
        #expect(cache.contains("vendor=\"Gizmo\" name=\"Sprocket\" version=\"1.1.0\""))
        #expect(world.modified(world.root + "/pack.idx") > 0, "a change touches pack.idx")

        world.age(world.root + "/pack.idx")
        #expect(try world.pack(["add", "--skip-touch", "Gizmo::Sprocket@1.1.0"]).status == 0)
        #expect(world.modified(world.root + "/pack.idx") == 0, "--skip-touch leaves pack.idx alone")
        // cpackget's other spellings of a pack id.
        #expect(try world.pack(["add", "Gizmo::Sprocket>=1.1.0"]).standardOutput.contains("Gizmo::Sprocket@1.1.0 is already installed"))
        #expect(try world.pack(["add", "Gizmo.Sprocket.latest"]).standardOutput.contains("already installed"))

        // -a fetches every listed description except deprecated ones; -d adds those.
        let all = world.work + "/all"
        #expect(try world.pack(["init", "-a", "\(world.base)/index.pidx"], root: all).status == 0)
        let web = Set(try FileManager.default.contentsOfDirectory(atPath: all + "/.Web").filter { $0.hasSuffix(".pdsc") })
        #expect(web == ["Gizmo.Sprocket.pdsc", "Gizmo.Cog.pdsc", "Future.Part.pdsc"], "a deprecation dated in the future does not count")
        #expect(try world.pack(["update-index", "-a", "-d"], root: all).standardOutput.contains("descriptions 1 new"))
        #expect(FileManager.default.fileExists(atPath: all + "/.Web/Retired.Part.pdsc"))
    }

    @Test func updateIndexRefreshesTheDescriptionsWhoseVersionChanged() throws {
        let world = try CpackgetWorld(label: "cpg-update")
        defer { world.cleanUp() }
        #expect(try world.pack(["init", "-a", "\(world.base)/index.pidx"]).status == 0)
        #expect(try world.pack(["add", "Gizmo::Sprocket"]).standardOutput.contains("installed Gizmo::Sprocket@1.1.0"))
        try world.publish("Gizmo", "Sprocket", ["1.2.0", "1.1.0", "1.0.0"])
        try world.writeIndex([("Gizmo", "Sprocket", "1.2.0", ""), ("Gizmo", "Cog", "3.0.0", ""), ("Future", "Part", "1.0.0", "")])
        let sparse = try world.pack(["update-index", "--sparse"])
        #expect(sparse.status == 0 && sparse.standardOutput.contains("descriptions 0 new, 0 updated, 0 unchanged, 0 removed"), "\(sparse.standardOutput)")
        let mark = world.mirror.requests().count
        let updated = try world.pack(["update-index"])
        #expect(updated.status == 0, "\(updated.standardError)")
        #expect(updated.standardOutput.contains("descriptions 0 new, 1 updated, 0 unchanged"), "\(updated.standardOutput)")
        #expect(!world.mirror.requests(since: mark).contains { $0.path.hasSuffix("Gizmo.Cog.pdsc") }, "an unchanged version is not fetched")
        #expect(world.text(world.root + "/.Web/cache.pidx").contains("name=\"Sprocket\" version=\"1.2.0\""))
        #expect(try world.pack(["list", "-u"]).standardOutput == "Gizmo::Sprocket@1.1.0 (update: 1.2.0)\n")
        // update -f: the packs named in a file (an empty file is nothing to do).
        try Data("\n".utf8).write(to: URL(fileURLWithPath: world.work + "/none.txt"))
        #expect(try world.pack(["update", "-f", world.work + "/none.txt"]).standardOutput == "")
        try Data("# packs\nGizmo::Sprocket\n".utf8).write(to: URL(fileURLWithPath: world.work + "/packs.txt"))
        let updatedPacks = try world.pack(["update", "-f", world.work + "/packs.txt"])
        #expect(updatedPacks.standardOutput.contains("installed Gizmo::Sprocket@1.2.0"), "\(updatedPacks.standardError)")
    }

    @Test func listFollowsCpackget() throws {
        let world = try CpackgetWorld(label: "cpg-list")
        defer { world.cleanUp() }
        #expect(try world.pack(["init", "\(world.base)/index.pidx"]).status == 0)
        #expect(try world.pack(["add", "-n", "Gizmo::Cog", "Gizmo::Sprocket@1.0.0"]).status == 0)
        // --public hides deprecated packs; --deprecated shows only them; both show everything.
        #expect(try world.pack(["list", "-p"]).standardOutput == "Future::Part@1.0.0\nGizmo::Cog@3.0.0 (installed)\nGizmo::Sprocket@1.1.0\n")
        #expect(try world.pack(["list", "--deprecated"]).standardOutput == "Retired::Part@1.0.0 (deprecated 2020-01-01; use Gizmo.Sprocket)\n")
        #expect(try world.pack(["list", "-p", "-d"]).standardOutput.split(separator: "\n").count == 4)
        #expect(try world.pack(["list", "-c"]).standardOutput == "Gizmo::Cog@3.0.0 (installed)\nGizmo::Sprocket@1.0.0 (installed)\n")
        #expect(try world.pack(["list", "-u"]).standardOutput == "Gizmo::Sprocket@1.0.0 (update: 1.1.0)\n")
        #expect(try world.pack(["list", "-f", "gizmo cog"]).standardOutput == "Gizmo::Cog@3.0.0\n")
        // An archive in .Download that is not installed is marked cached.
        #expect(try world.pack(["add", "Gizmo::Sprocket@1.1.0"]).status == 0)
        #expect(try world.pack(["rm", "Gizmo::Sprocket@1.1.0"]).status == 0)
        #expect(try world.pack(["list", "--public", "--filter", "Sprocket"]).standardOutput == "Gizmo::Sprocket@1.1.0 (cached)\n")

        // list required: what each installed pack needs, and whether it is there.
        #expect(try world.pack(["list", "required"]).standardOutput == "Gizmo::Cog@3.0.0 - Gizmo::Sprocket@>=1.0.0 (installed)\n")
        #expect(try world.pack(["rm", "Gizmo::Sprocket"]).status == 0)
        #expect(try world.pack(["list", "required"]).standardOutput == "Gizmo::Cog@3.0.0 - Gizmo::Sprocket@>=1.0.0 (missing)\n")

        // A registered description is listed with the version it has now.
        let dev = world.work + "/dev/Gizmo.Dev.pdsc"
        try FileManager.default.createDirectory(atPath: world.work + "/dev", withIntermediateDirectories: true)
        try CpackgetWorld.pdsc("Gizmo", "Dev", ["0.1.0"], url: "").write(to: URL(fileURLWithPath: dev))
        #expect(try world.pack(["add", dev]).status == 0)
        try CpackgetWorld.pdsc("Gizmo", "Dev", ["0.2.0", "0.1.0"], url: "").write(to: URL(fileURLWithPath: dev))
        #expect(try world.pack(["list", "-f", "Dev"]).standardOutput == "Gizmo::Dev@0.2.0 (local: \(dev))\n")
    }

    @Test func archivesAreInstalledAsCpackgetInstallsThem() throws {
        let world = try CpackgetWorld(label: "cpg-archives")
        defer { world.cleanUp() }
        let files = world.work + "/files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        // Build metadata names no folder or file: 2.0.0+build7 installs into 2.0.0.
        let meta = files + "/Gizmo.Meta.2.0.0+build7.pack"
        try ZipBuilder.write([.file("Gizmo.Meta.pdsc", CpackgetWorld.pdsc("Gizmo", "Meta", ["2.0.0+build7"], url: ""))], to: meta)
        let metaAdded = try world.pack(["add", meta])
        #expect(metaAdded.status == 0, "\(metaAdded.standardError)")
        #expect(world.exists("Gizmo/Meta/2.0.0/Gizmo.Meta.pdsc") && world.exists(".Download/Gizmo.Meta.2.0.0.pack"))
        #expect(!world.exists("Gizmo/Meta/2.0.0+build7"))
        #expect(try world.pack(["add", meta]).standardOutput.contains("already installed"))

        // A description named in another case is accepted, and installed under its exact name.
        let cased = files + "/Gizmo.Case.1.0.0.pack"
        try ZipBuilder.write([.file("gizmo.case.pdsc", CpackgetWorld.pdsc("Gizmo", "Case", ["1.0.0"], url: ""))], to: cased)
        let casedAdded = try world.pack(["add", cased])
        #expect(casedAdded.status == 0, "\(casedAdded.standardError)")
        #expect(world.exists("Gizmo/Case/1.0.0/Gizmo.Case.pdsc"))
        #expect(try world.pack(["list", "-f", "Case"]).standardOutput == "Gizmo::Case@1.0.0\n")

        // An archive whose description lists a newer release holds that release: refused.
        let stale = files + "/Gizmo.Stale.1.0.0.pack"
        try ZipBuilder.write([.file("Gizmo.Stale.pdsc", CpackgetWorld.pdsc("Gizmo", "Stale", ["1.1.0", "1.0.0"], url: ""))], to: stale)
        let refused = try world.pack(["add", stale])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("lists a newer release, 1.1.0, so the archive holds 1.1.0 and not 1.0.0"))
        #expect(!world.exists("Gizmo/Stale"))

        // --force-reinstall puts a fresh copy in place of the installed one.
        let stray = world.root + "/Gizmo/Case/1.0.0/stray.txt"
        #expect(FileManager.default.createFile(atPath: stray, contents: Data("x".utf8)), "root writes into the read-only tree")
        #expect(try world.pack(["add", cased]).standardOutput.contains("already installed"))
        let forced = try world.pack(["add", "-F", cased])
        #expect(forced.status == 0 && forced.standardOutput.contains("installed Gizmo::Case@1.0.0"), "\(forced.standardError)")
        #expect(!FileManager.default.fileExists(atPath: stray) && world.exists("Gizmo/Case/1.0.0/Gizmo.Case.pdsc"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.root + "/.Download/.staging").isEmpty)

        // --extract-embedded-license writes the licence beside the archive and installs nothing.
        let licensed = files + "/Gizmo.Licensed.1.0.0.pack"
        try ZipBuilder.write([.file("Gizmo.Licensed.pdsc", CpackgetWorld.pdsc("Gizmo", "Licensed", ["1.0.0"], url: "", license: "docs/EULA.txt")),
                              .file("docs/EULA.txt", Data("Be nice.\n".utf8))], to: licensed)
        let extracted = try world.pack(["add", "-x", licensed])
        #expect(extracted.status == 0, "\(extracted.standardError)")
        #expect(world.text(world.root + "/.Download/Gizmo.Licensed.1.0.0.pack.EULA.txt") == "Be nice.\n")
        #expect(!world.exists("Gizmo/Licensed"))
        #expect(try world.pack(["add", "-E", "-x", licensed]).standardOutput.contains("[L:F\"\(world.root)/.Download/Gizmo.Licensed.1.0.0.pack.EULA.txt\"]"))
        let noLicence = try world.pack(["add", "--extract-embedded-license", cased])
        #expect(noLicence.status == 1 && noLicence.standardError.contains("no embedded licence"))
        #expect(try world.pack(["add", "-a", licensed]).status == 0, "-a agrees to the licence")
    }

    @Test func aPackThatIsNotPublicIsResolvedFromItsLocalDescription() throws {
        let world = try CpackgetWorld(label: "cpg-local")
        defer { world.cleanUp() }
        #expect(try world.pack(["init", "\(world.base)/index.pidx"]).status == 0)
        try world.publish("Private", "Widget", ["1.1.0", "1.0.0"])
        // Installed from a file: its description lands in .Local, as cpackget keeps it.
        let file = world.www + "/private/Private.Widget.1.0.0.pack"
        #expect(try world.pack(["add", file]).status == 0)
        #expect(world.exists(".Local/Private.Widget.pdsc"))
        // update-index fetches the publisher's newer description into .Local, from its <url>;
        // the pack id now resolves from it.
        let refreshed = try world.pack(["update-index"])
        #expect(refreshed.standardOutput.contains("updated the .Local description of Private.Widget"), "\(refreshed.standardError)")
        #expect(world.text(world.root + "/.Local/Private.Widget.pdsc").contains("1.1.0"))
        let mark = world.mirror.requests().count
        let added = try world.pack(["add", "Private::Widget@1.1.0"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(world.mirror.requests(since: mark).contains { $0.path == "/private/Private.Widget.1.1.0.pack" && $0.status == 200 })
        #expect(world.exists("Private/Widget/1.1.0/Private.Widget.pdsc"))
    }

    @Test func anArchiveOfAVersionWithBuildMetadataIsFetchedByCpackgetsName() throws {
        let world = try CpackgetWorld(label: "cpg-meta")
        defer { world.cleanUp() }
        try world.publish("Gizmo", "Meta", ["2.0.0+build7"])
        // cpackget asks for the archive by the version without its metadata.
        try FileManager.default.moveItem(atPath: world.www + "/gizmo/Gizmo.Meta.2.0.0+build7.pack", toPath: world.www + "/gizmo/Gizmo.Meta.2.0.0.pack")
        try world.writeIndex([("Gizmo", "Meta", "2.0.0+build7", "")])
        #expect(try world.pack(["init", "\(world.base)/index.pidx"]).status == 0)
        let added = try world.pack(["add", "Gizmo::Meta"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(world.exists("Gizmo/Meta/2.0.0/Gizmo.Meta.pdsc") && world.exists(".Download/Gizmo.Meta.2.0.0.pack"))
        #expect(world.mirror.requests().contains { $0.path == "/gizmo/Gizmo.Meta.2.0.0.pack" && $0.status == 200 })
        #expect(world.text(world.root + "/.Web/cache.pidx").contains("name=\"Meta\" version=\"2.0.0\""), "cache.pidx strips the metadata, as cpackget's")
    }
}
