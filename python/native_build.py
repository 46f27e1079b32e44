"""Builds the Swift library and the command-line program for the Python
package (setup.py calls it) and finds the Swift package: the repository
(python/..) or, in an sdist, its copy in swift/.

The products link the Swift runtime, Foundation and libxml2 dynamically, so
the package works where it was built (README, "The Python module", says what
a wheel for machines without Swift still needs).
"""
import shutil
import subprocess
from pathlib import Path

PRODUCTS = {"lib": "libcmsis_pack_manager.so", "bin": "pack-manager"}
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
    """Builds both products; returns {"lib": path, "bin": path}."""
    require_swift()
    package = swift_package()
    command = ["swift", "build", "-c", configuration]
    if scratch:
        command += ["--scratch-path", str(scratch)]
    for product in ("cmsis_pack_manager", "pack-manager"):
        log(" ".join(command + ["--product", product]))
        if subprocess.call(command + ["--product", product], cwd=str(package)) != 0:
            raise BuildError("swift build of {} failed (see above)".format(product))
    bin_path = Path(subprocess.check_output(command + ["--show-bin-path"], cwd=str(package), text=True).strip())
    return {folder: bin_path / name for folder, name in PRODUCTS.items()}


def install_products(products, package_folder, strip=True):
    """Copies the products into the Python package (lib/, bin/), stripped."""
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
