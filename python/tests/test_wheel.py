"""The wheel that scripts/wheel builds, as a pyOCD user without Swift gets it:
installed into a fresh venv, then used in a private mount namespace where
the Swift toolchain's folder is an empty tmpfs and the system's libxml2 and
ICU libraries are empty files. It looks a device up, adds corpus packs (and
descriptions in Latin-1, Windows-1252 and an encoding nobody knows), updates
from a loopback mirror, downloads a pack, and runs the console script and
main().

scripts/test builds the wheel and names it in CMSIS_PACK_MANAGER_WHEEL.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import CORPUS

HIDE = r"""
set -e
toolchain=$1; empty=$2; shift 2
mount -t tmpfs -o size=1m,mode=0755 cpm-no-swift "$toolchain"
for library in /usr/lib/*/libxml2.so* /usr/lib/*/libicu*.so* /usr/lib/libxml2.so* /usr/lib/libicu*.so*; do
    if [ -f "$library" ] && [ ! -L "$library" ]; then mount --bind "$empty" "$library"; fi
done
exec "$@"
"""

DRIVER = r"""
import json, os, shutil, subprocess, sys
toolchain, corpus, work, index_url, out = sys.argv[1:6]
result = {"swift": shutil.which("swift"), "toolchain": os.listdir(toolchain)}
import cmsis_pack_manager
import cmsis_pack_manager.pack_manager as pack_manager
from cmsis_pack_manager import Cache, CmsisPackManagerError
package = os.path.dirname(os.path.abspath(cmsis_pack_manager.__file__))
binaries = [os.path.join(package, "lib", "libcmsis_pack_manager.so"), os.path.join(package, "bin", "pack-manager")]
result["ldd"] = {os.path.basename(path): subprocess.run(["ldd", path], capture_output=True, text=True).stdout for path in binaries}

local = os.path.join(work, "local")
cache = Cache(True, True, json_path=local, data_path=local)
cache.add_pack_from_path(os.path.join(corpus, "pdsc", "Infineon.XMC4000_DFP.pdsc"))
cache.add_pack_from_path(os.path.join(corpus, "packs", "NXP.MK64F12_DFP.11.0.0.pack"))
fresh = Cache(True, True, json_path=local, data_path=local)
result["lookup"] = [fresh.index["XMC4500-F100x1024"]["name"], fresh.index["MK64FN1M0VLL12"]["from_pack"]["pack"]]

encodings = {}
for label, encoding, device in (("latin1", "ISO-8859-1", "Caf\u00e9Chip"), ("cp1252", "windows-1252", "C\u0153ur"),
                                ("unknown", "X-NO-SUCH-ENCODING", "Plain")):
    path = os.path.join(work, "Enc.{}_DFP.pdsc".format(label))
    text = ('<?xml version="1.0" encoding="{}"?>\n<package schemaVersion="1.4">\n<vendor>Enc</vendor>\n'
            '<name>{}_DFP</name>\n<description>Encodings</description>\n<url>http://127.0.0.1:9/</url>\n'
            '<releases><release version="1.0.0">First</release></releases>\n<devices><family Dfamily="F" Dvendor="ARM:82">\n'
            '<processor Dcore="Cortex-M4" DcoreVersion="r0p1" Dfpu="SP_FPU" Dmpu="MPU" Dendian="Little-endian"/>\n'
            '<device Dname="{}"><memory name="IROM1" access="rx" start="0" size="0x1000" startup="1" default="1"/></device>\n'
            '</family></devices>\n</package>\n').format(encoding, label, device)
    with open(path, "wb") as handle:
        handle.write(text.encode(encoding if label != "unknown" else "ascii"))
    try:
        cache.add_pack_from_path(path)
        encodings[label] = ["added", Cache(True, True, json_path=local, data_path=local).index.get(device, {}).get("name")]
    except CmsisPackManagerError as error:
        encodings[label] = ["error", str(error)]
result["encodings"] = encodings

updated = os.path.join(work, "updated")
update = Cache(True, True, json_path=updated, data_path=updated, index_urls=[index_url])
result["update"] = sorted(update.cache_descriptors()["new"])
refs = update.packs_for_devices([update.index["HC32L110C6PA"]])
result["download"] = update.download_pack_list(refs)["packs_downloaded"]

script = os.path.join(os.path.dirname(sys.executable), "pack-manager")
found = subprocess.run([script, "find-part", "--json-path", updated, "--data-path", updated, "hc32l110c6"],
                       capture_output=True, text=True)
result["script"] = [found.returncode, found.stdout, found.stderr]
result["main"] = [pack_manager.main(["print-cache-dir", "--data-path", updated]),
                  pack_manager.main(["no-such-command"])]
with open(out, "w") as handle:
    json.dump(result, handle)
"""


@pytest.fixture(scope="module")
def wheel():
    path = os.environ.get("CMSIS_PACK_MANAGER_WHEEL")
    assert path and os.path.isfile(path), "set CMSIS_PACK_MANAGER_WHEEL to the wheel scripts/wheel built (scripts/test does)"
    return path


@pytest.fixture(scope="module")
def wheel_python(wheel, tmp_path_factory):
    """A fresh venv with only the wheel installed."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
    python = str(venv / "bin" / "python")
    started = time.monotonic()
    subprocess.check_call([python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel])
    INSTALL_SECONDS.append(time.monotonic() - started)
    return python


INSTALL_SECONDS = []


def toolchain_folder():
    swift = shutil.which("swift")
    assert swift, "the test hides the Swift toolchain, so it needs to find it first (swift on PATH)"
    folder = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(swift))))  # <toolchain>/usr/bin/swift
    assert folder not in ("/", "/usr"), "Swift is installed in the system folders; the test can hide only a toolchain folder"
    return folder


def without_swift(command, tmp_path):
    """`command` in a private mount namespace without the toolchain, libxml2
    and ICU (as root, or else as root of a new user namespace)."""
    empty = tmp_path / "empty-file"
    empty.write_bytes(b"")
    hide = ["sh", "-c", HIDE, "hide", toolchain_folder(), str(empty)] + command
    for unshare in (["unshare", "--mount", "--propagation", "private"],
                    ["unshare", "--mount", "--map-root-user", "--propagation", "private"]):
        result = subprocess.run(unshare + hide, capture_output=True, text=True, timeout=600)
        if "unshare failed" not in result.stderr:
            break
    return result


def test_the_wheel_is_tagged_for_any_python3_and_manylinux(wheel):
    name = os.path.basename(wheel)
    assert name.startswith("cmsis_pack_manager-0.7.0-py3-none-manylinux_2_"), name
    assert name.endswith("_x86_64.whl"), name
    assert os.path.getsize(wheel) <= 10 * 1024 * 1024, "the wheel is over 10 MB"


def test_the_wheel_works_without_swift(wheel_python, tmp_path, pack_world, capsys):
    with capsys.disabled():
        sys.stdout.write("\n  pip install of the wheel into a fresh venv: {:.1f} s\n".format(INSTALL_SECONDS[0]))
    work = tmp_path / "work"
    work.mkdir()
    out = tmp_path / "result.json"
    result = without_swift([wheel_python, "-c", DRIVER, toolchain_folder(), CORPUS, str(work),
                            pack_world.url + "/index.pidx", str(out)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(str(out)) as handle:
        found = json.load(handle)

    # The toolchain was really hidden.
    assert found["swift"] is None and found["toolchain"] == []
    for name, ldd in found["ldd"].items():
        assert "not found" not in ldd, (name, ldd)
        for library in ("libswift", "libFoundation", "libdispatch", "libxml2", "libicu", "liblzma", "libz.so", "libcurl"):
            assert library not in ldd, (name, library, ldd)

    assert found["lookup"] == ["XMC4500-F100x1024", "MK64F12_DFP"]
    assert found["encodings"]["latin1"] == ["added", "Caf\u00e9Chip"]
    assert found["encodings"]["cp1252"] == ["added", "C\u0153ur"]
    status, message = found["encodings"]["unknown"]
    assert status == "error" and "Enc.unknown_DFP.pdsc" in message and "X-NO-SUCH-ENCODING" in message, message
    assert found["update"] == ["HDSC.HC32L110", "WestBerry.WB32F10x_DFP"]
    assert found["download"] == ["HDSC.HC32L110.1.0.3"]
    status, stdout, stderr = found["script"]
    assert status == 0 and "- HC32L110C6PA" in stdout, stdout + stderr
    assert found["main"][0] == 0 and found["main"][1] != 0
    assert str(work / "updated") in result.stdout  # print-cache-dir, run by main()


def test_the_sdist_carries_the_swift_package(wheel):
    sdists = glob.glob(os.path.join(os.path.dirname(wheel), "cmsis_pack_manager-0.7.0.tar.gz"))
    assert sdists, "scripts/wheel writes the sdist beside the wheel"
    import tarfile
    with tarfile.open(sdists[0]) as archive:
        names = set(name.split("/", 1)[1] for name in archive.getnames() if "/" in name)
    for required in ("LICENSE", "setup.py", "native_build.py", "native/libxml2_without_icu.c", "swift/Package.swift",
                     "swift/Sources/CMSISPack", "swift/Sources/CMSISPackManagerC/include/cmsis_pack_manager.h",
                     "cmsis_pack_manager/__init__.py"):
        assert required in names, required
    assert not [name for name in names if ".build" in name.split("/")]


def test_the_sdist_says_in_one_line_that_it_needs_swift(wheel, tmp_path):
    sdist = os.path.join(os.path.dirname(wheel), "cmsis_pack_manager-0.7.0.tar.gz")
    # The build tools of scripts/wheel (setuptools, wheel), so that pip needs no network.
    python = os.environ.get("CMSIS_PACK_MANAGER_BUILD_PYTHON")
    assert python and os.access(python, os.X_OK), "set CMSIS_PACK_MANAGER_BUILD_PYTHON to .venv-wheel-tools/bin/python (scripts/test does)"
    result = without_swift([python, "-m", "pip", "install", "--no-index", "--no-build-isolation", "--no-deps",
                            "--target", str(tmp_path / "target"), sdist], tmp_path)
    assert result.returncode != 0
    lines = [line.strip() for line in (result.stdout + result.stderr).splitlines()]
    needs = [line for line in lines if line.startswith("error: building cmsis-pack-manager from source needs the Swift toolchain")]
    assert len(needs) == 1, "\n".join(lines)
