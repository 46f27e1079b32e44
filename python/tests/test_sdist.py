"""The sdist: built from the repository, it carries the Swift package and the
licence, and on a machine without Swift it stops with one clear line.

scripts/test installs `build`, `setuptools` and `wheel` into the test venv,
so that nothing here needs the network.
"""
import os
import shutil
import subprocess
import sys
import tarfile

import pytest

from conftest import REPOSITORY

# Hides the toolchain's folder behind an empty tmpfs, in a private mount namespace.
HIDE = r"""
set -e
toolchain=$1; shift
mount -t tmpfs -o size=1m,mode=0755 cpm-no-swift "$toolchain"
exec "$@"
"""


@pytest.fixture(scope="module")
def sdist(tmp_path_factory):
    out = tmp_path_factory.mktemp("sdist")
    subprocess.check_call([sys.executable, "-m", "build", "-q", "--sdist", "--no-isolation", "--outdir", str(out),
                           os.path.join(REPOSITORY, "python")], stdout=subprocess.DEVNULL)
    shutil.rmtree(os.path.join(REPOSITORY, "python", "build"), ignore_errors=True)
    found = [name for name in os.listdir(str(out)) if name.endswith(".tar.gz")]
    assert found == ["cmsis_pack_manager-0.7.0.tar.gz"], found
    return str(out / found[0])


def toolchain_folder():
    swift = shutil.which("swift")
    assert swift, "the test hides the Swift toolchain, so it needs to find it first (swift on PATH)"
    folder = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(swift))))  # <toolchain>/usr/bin/swift
    assert folder not in ("/", "/usr"), "Swift is installed in the system folders; the test can hide only a toolchain folder"
    return folder


def without_swift(command):
    """`command` in a private mount namespace without the toolchain (as root,
    or else as root of a new user namespace)."""
    hide = ["sh", "-c", HIDE, "hide", toolchain_folder()] + command
    for unshare in (["unshare", "--mount", "--propagation", "private"],
                    ["unshare", "--mount", "--map-root-user", "--propagation", "private"]):
        result = subprocess.run(unshare + hide, capture_output=True, text=True, timeout=600)
        if "unshare failed" not in result.stderr:
            break
    return result


def test_the_sdist_carries_the_swift_package_and_the_licence(sdist):
    with tarfile.open(sdist) as archive:
        names = set(name.split("/", 1)[1] for name in archive.getnames() if "/" in name)
        licence = archive.extractfile("cmsis_pack_manager-0.7.0/LICENSE").read().decode()
    for required in ("setup.py", "pyproject.toml", "native_build.py", "cmsis_pack_manager/__init__.py",
                     "swift/Package.swift", "swift/Sources/CMSISPack", "swift/Tests/CMSISPackTests",
                     "swift/Sources/CMSISPackManagerC/include/cmsis_pack_manager.h"):
        assert required in names, required
    assert "Apache License" in licence and "Version 2.0" in licence
    assert not [name for name in names if ".build" in name.split("/") or name.endswith((".so", ".pyc"))]


def test_the_sdist_says_in_one_line_that_it_needs_swift(sdist, tmp_path):
    result = without_swift([sys.executable, "-m", "pip", "install", "--no-index", "--no-build-isolation", "--no-deps",
                            "--target", str(tmp_path / "target"), sdist])
    lines = [line.strip() for line in (result.stdout + result.stderr).splitlines()]
    assert result.returncode != 0, "\n".join(lines)
    needs = [line for line in lines if line.startswith("error: building cmsis-pack-manager from source needs the Swift toolchain")]
    assert len(needs) == 1, "\n".join(lines)
