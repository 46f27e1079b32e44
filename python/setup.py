"""Builds the Swift library and command-line program and puts them inside the
Python package, so `pip install ./python` gives a working module.

CMSIS_PACK_MANAGER_SWIFT_CONFIGURATION selects the Swift build configuration
(release by default; debug reuses a `swift build` already done).
"""
import os
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = {"lib": "libcmsis_pack_manager.so", "bin": "pack-manager"}


class BuildSwift(build_py):
    def run(self):
        configuration = os.environ.get("CMSIS_PACK_MANAGER_SWIFT_CONFIGURATION", "release")
        if not (ROOT / "Package.swift").is_file():
            raise RuntimeError(f"the Swift package is not at {ROOT}: install from a checkout of the repository")
        if shutil.which("swift") is None:
            raise RuntimeError("building cmsis-pack-manager needs the Swift toolchain (swift) on PATH")
        for product in ("cmsis_pack_manager", "pack-manager"):
            subprocess.check_call(["swift", "build", "-c", configuration, "--product", product], cwd=ROOT)
        bin_path = Path(subprocess.check_output(
            ["swift", "build", "-c", configuration, "--show-bin-path"], cwd=ROOT, text=True).strip())
        super().run()
        package = Path(self.build_lib) / "cmsis_pack_manager"
        for folder, name in PRODUCTS.items():
            target = package / folder
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(bin_path / name, target / name)


class BinaryDistribution(Distribution):
    """The wheel holds a native library, so it is platform-specific."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildSwift}, distclass=BinaryDistribution)
