"""Builds the Swift library (which holds the command-line program too) and
puts it, stripped, inside the Python package, so `pip install ./python` (or
the sdist, which carries the Swift package) gives a working module; see
native_build.py.

Environment:
  CMSIS_PACK_MANAGER_SWIFT_CONFIGURATION  release (default) or debug (reuses a `swift build` already done)
  CMSIS_PACK_MANAGER_SCRATCH_PATH         SwiftPM's build folder (default: .build beside Package.swift)
  CMSIS_PACK_MANAGER_PREBUILT_LIBRARY     a libcmsis_pack_manager.so to ship as it is (scripts/wheel), no build
  CMSIS_PACK_MANAGER_LICENSES             a folder of licence texts of what that library links in, shipped too
"""
import os
import shutil
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

sys.path.insert(0, str(Path(__file__).resolve().parent))
import native_build  # noqa: E402

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel


class BuildSwift(build_py):
    def run(self):
        try:
            prebuilt = os.environ.get("CMSIS_PACK_MANAGER_PREBUILT_LIBRARY")
            if prebuilt:
                products = {"lib": Path(prebuilt)}
            else:
                configuration = os.environ.get("CMSIS_PACK_MANAGER_SWIFT_CONFIGURATION", "release")
                products = native_build.build(configuration, scratch=os.environ.get("CMSIS_PACK_MANAGER_SCRATCH_PATH"))
            super().run()
            package = Path(self.build_lib) / "cmsis_pack_manager"
            native_build.install_products(products, package, strip=not prebuilt)
            licenses = os.environ.get("CMSIS_PACK_MANAGER_LICENSES")
            if licenses:
                shutil.copytree(licenses, str(package / "licenses"), dirs_exist_ok=True)
        except native_build.BuildError as error:
            sys.exit("error: {}".format(error))


class NativeDistribution(Distribution):
    """Holds a native library, so it installs into platlib (where
    auditwheel looks for one), not purelib."""

    def has_ext_modules(self):
        return True


class Wheel(bdist_wheel):
    """ctypes needs no CPython ABI: any Python 3 (py3-none), one platform."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


class SourceWithSwift(sdist):
    """The sdist carries the Swift package (Package.swift, Sources, Tests,
    which Package.swift names) in swift/, and the licence."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        package = native_build.swift_package()
        target = Path(base_dir) / "swift"
        target.mkdir(exist_ok=True)
        shutil.copy2(str(package / "Package.swift"), str(target / "Package.swift"))
        ignore = shutil.ignore_patterns(".build*", "__pycache__", "*.pyc")
        for folder in ("Sources", "Tests"):
            shutil.copytree(str(package / folder), str(target / folder), ignore=ignore)

setup(distclass=NativeDistribution, cmdclass={"build_py": BuildSwift, "bdist_wheel": Wheel, "sdist": SourceWithSwift})
