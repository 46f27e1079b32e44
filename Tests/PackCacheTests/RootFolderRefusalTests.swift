import Foundation
import Testing
import TestSupport

/// `/` itself, named as every folder a command may delete or write in. The
/// commands run in a private mount namespace (`unshare -m`), chrooted into a
/// tmpfs: there `/` holds someone's files and a valid-looking pack, and the
/// system folders the program needs are read-only bind mounts. If a command
/// did not refuse `/` before touching it, it could only damage that tmpfs,
/// and the test would see it.
@Suite(.serialized) struct RootFolderRefusalTests {
    @Test func everyCommandRefusesTheRootOfTheFileSystem() throws {
        try #require(getuid() == 0, "this test needs root for unshare -m and chroot (CI runs as root)")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), "unshare (util-linux) is missing")
        let work = Corpus.temporaryDirectory("rootfs")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let binary = URL(fileURLWithPath: PackManagerBinary.path).resolvingSymlinksInPath().path
        let script = work + "/run.sh"
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: script))
        // A device index for dump-parts to find Widgets_DEV in (written into the tmpfs by the script).
        try ZipBuilder.pdsc(vendor: "Acme", name: "Widgets").write(to: URL(fileURLWithPath: work + "/Acme.Widgets.pdsc"))
        let output = work + "/out.txt"
        let status = Spawn.wait(try Spawn.start(["/usr/bin/unshare", "-m", "/bin/sh", script, binary, work],
                                                environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"], stdout: output, stderr: work + "/err.txt"))
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: work + "/err.txt", encoding: .utf8)) ?? ""
        #expect(status == 0, "the namespace script failed (\(status)): \(errors)\n\(text)")
        let results = text.split(separator: "\n").filter { $0.hasPrefix("RESULT ") }
        #expect(results.count == 11, "\(text)")
        for line in results {
            let fields = line.split(separator: " ", maxSplits: 3)
            // RESULT <name> <status> <first line of standard error>
            #expect(fields.count == 4 && fields[2] == "1", "\(line)")
            let wanted = fields[1] == "home" ? "it is your home folder" : "it is the root of the file system"
            #expect(line.contains(wanted), "\(line)")
        }
        #expect(text.contains("SURVIVED all"), "\(text)")
        #expect(text.contains("NEW none"), "\(text)")
    }

    /// Arguments: the pack-manager binary, a work folder. Prints one RESULT
    /// line per command, then what survived and what appeared at the top.
    static let script = #"""
        set -eu
        binary=$1; work=$2
        R=$work/fs
        mkdir -p "$R"
        mount -t tmpfs tmpfs "$R"
        # What the program needs, read-only.
        for d in /usr /lib /lib64 /lib32 /opt /bin /sbin; do
            if [ -d "$d" ] && [ ! -L "$d" ]; then
                mkdir -p "$R$d"; mount --bind "$d" "$R$d"; mount -o remount,bind,ro "$R$d"
            elif [ -L "$d" ]; then
                ln -s "$(readlink "$d")" "$R$d"
            fi
        done
        bindir=$(dirname "$binary")
        mkdir -p "$R$bindir" "$R/proc" "$R/etc" "$R/tmp"
        mount --bind "$bindir" "$R$bindir"; mount -o remount,bind,ro "$R$bindir"
        mount --bind /proc "$R/proc"
        touch "$R/etc/ld.so.cache"; mount --bind /etc/ld.so.cache "$R/etc/ld.so.cache"
        # Someone's files at the top, in a home folder, and a pack the layout would accept.
        mkdir -p "$R/srv" "$R/data" "$R/home/user/Documents" "$R/Acme/Widgets/1.0.0"
        echo precious > "$R/srv/precious.txt"
        echo config > "$R/etc/hosts"
        echo notes > "$R/data/notes.txt"
        echo thesis > "$R/home/user/Documents/thesis.tex"
        echo '<package/>' > "$R/Acme/Widgets/1.0.0/Acme.Widgets.pdsc"
        echo '<package/>' > "$R/Acme.Widgets.pdsc"
        echo '{}' > "$R/index.json"
        mkdir -p "$R/.Web"; echo '<index/>' > "$R/.Web/index.pidx"
        env -i HOME="$R/home/user" CMSIS_PACK_ROOT= "$binary" add-packs --json-path "$R/home/user/.local/share/cmsis-pack-manager" \
            "$work/Acme.Widgets.pdsc" > "$work/seed.out" 2>&1
        before=$(cd "$R" && ls -A | sort | tr '\n' ' ')
        run() {
            name=$1; shift
            set +e
            env -i HOME=/home/user PATH=/usr/bin:/bin CMSIS_PACK_ROOT= http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 "$@" \
                > "$work/$name.out" 2> "$work/$name.err"
            code=$?
            set -e
            echo "RESULT $name $code $(head -n 1 "$work/$name.err")"
        }
        c="/usr/sbin/chroot $R $binary"
        run clean $c cache clean --data-path /
        run clean-index $c cache clean --data-path /nowhere-data --json-path /
        run descriptors $c cache descriptors -q --data-path / --index-url file:///nowhere/index.pidx
        run add-packs $c add-packs --json-path / /Acme.Widgets.pdsc
        run pack-rm $c pack rm --purge --pack-root / Acme::Widgets
        run pack-init $c pack init --pack-root / file:///nowhere/index.pidx
        run mirror $c mirror / --base-url http://mirror.example/ --index file:///nowhere/index.pidx
        run dump-parts $c dump-parts / Widgets_DEV
        run update-index $c pack update-index --pack-root /
        run variable env CMSIS_PACK_MANAGER_DATA_PATH=/ $c cache clean
        run home $c cache clean --data-path /home/user
        survived=all
        for f in srv/precious.txt etc/hosts data/notes.txt home/user/Documents/thesis.tex Acme/Widgets/1.0.0/Acme.Widgets.pdsc Acme.Widgets.pdsc index.json .Web/index.pidx; do
            [ -f "$R/$f" ] || survived="missing $f"
        done
        echo "SURVIVED $survived"
        after=$(cd "$R" && ls -A | sort | tr '\n' ' ')
        [ "$before" = "$after" ] && echo "NEW none" || echo "NEW before: $before after: $after"
        """#
}
