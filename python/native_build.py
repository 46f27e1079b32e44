"""Builds the Swift library for the Python package (setup.py calls it) and
finds the Swift package: the repository (python/..) or, in an sdist, its
copy in swift/. The library holds the command-line program too
(cpm_cli_main), so it is the package's only native file.

Built here, the library links the Swift runtime, Foundation and libxml2
dynamically, so the package works where it was built. scripts/wheel builds
one that runs without Swift (the runtime and libxml2 linked in) and hands it
over through $CMSIS_PACK_MANAGER_PREBUILT_LIBRARY.
"""
import shutil
import subprocess
from pathlib import Path

PRODUCTS = {"lib": "libcmsis_pack_manager.so"}
HERE = Path(__file__).resolve().parent


class BuildError(Exception):
    """A step of the native build failed; the message says which and why."""


def swift_package(python_folder=HERE):
    """The folder of Package.swift: the repository (python/..) or, in an
    sdist, the copy in swift/."""
    for candidate in (python_folder / "swift", python_folder.parent):
        if (candidate / "Package.swift").is_file():
            return candidate
    raise BuildError("the Swift package (Package.swift) is neither in {} nor in {}: build from a checkout of the "
                     "repository or from the sdist".format(python_folder / "swift", python_folder.parent))


def require_swift():
    if shutil.which("swift") is None:
        raise BuildError("building cmsis-pack-manager from source needs the Swift toolchain (swift 6 on PATH, "
                         "https://swift.org/install) and libxml2's headers (apt-get install libxml2-dev)")


def build(configuration="release", scratch=None, log=print):
    """Builds the library; returns {"lib": path}."""
    require_swift()
    package = swift_package()
    command = ["swift", "build", "-c", configuration]
    if scratch:
        command += ["--scratch-path", str(scratch)]
    log(" ".join(command + ["--product", "cmsis_pack_manager"]))
    if subprocess.call(command + ["--product", "cmsis_pack_manager"], cwd=str(package)) != 0:
        raise BuildError("swift build of cmsis_pack_manager failed (see above)")
    bin_path = Path(subprocess.check_output(command + ["--show-bin-path"], cwd=str(package), text=True).strip())
    return {folder: bin_path / name for folder, name in PRODUCTS.items()}


def install_products(products, package_folder, strip=True):
    """Copies the products into the Python package (lib/), stripped."""
    for folder, source in products.items():
        target = Path(package_folder) / folder / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        if strip and shutil.which("strip"):
            subprocess.check_call(["strip", "--strip-all", "-o", str(target), str(source)])
            shutil.copymode(str(source), str(target))
        else:
            shutil.copy2(str(source), str(target))
