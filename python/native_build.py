"""Builds the Swift library and the command-line program for the Python
package (setup.py calls it; scripts/wheel through setup.py).

The release build links everything the machine running it may lack:

- the Swift runtime and Foundation, with `--static-swift-stdlib`;
- libxml2, liblzma and zlib, from the static archives of Debian's
  libxml2-dev, liblzma-dev and zlib1g-dev, through a linker script named
  libxml2.so that is found before the system's (so `-lxml2` from pkg-config
  takes the archives), with python/native/libxml2_without_icu.c in place of
  ICU (see there why).

What is left is the C library, libm, libstdc++ and libgcc_s, which every
manylinux system has. Where libxml2.a is missing (not Debian), libxml2 is
linked as a shared library, which is fine for a build used on the same
machine.
"""
import os
import re
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
                         "https://swift.org/install) and libxml2's headers (apt-get install libxml2-dev); "
                         "or install the prebuilt wheel")


def _output(command, **options):
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True, **options).stdout
    except FileNotFoundError:
        raise BuildError("{} is missing: install it (Debian: binutils, pkg-config)".format(command[0]))
    except subprocess.CalledProcessError as error:
        raise BuildError("{} failed: {}".format(" ".join(command), error.stderr.strip()))


def static_libxml2_folder(work):
    """A folder whose libxml2.so is a linker script naming the static
    archives, or None when libxml2.a is not installed."""
    libdir = Path(_output(["pkg-config", "--variable=libdir", "libxml-2.0"]).strip() or "/usr/lib")
    archives = [libdir / name for name in ("libxml2.a", "liblzma.a", "libz.a")]
    if not archives[0].is_file():
        return None
    missing = [str(path) for path in archives[1:] if not path.is_file()]
    if missing:
        raise BuildError("libxml2.a needs {}: apt-get install liblzma-dev zlib1g-dev".format(", ".join(missing)))
    work.mkdir(parents=True, exist_ok=True)
    undefined = _output(["nm", "-u", str(archives[0])])
    suffix = re.search(r"\bucnv_open(_\d+)?\s*$", undefined, re.MULTILINE)
    if suffix:
        stub = work / "libcpm_without_icu.a"
        objects = work / "libxml2_without_icu.o"
        _output(["cc", "-O2", "-fPIC", "-DICU_SUFFIX=" + (suffix.group(1) or ""), "-c",
                 str(HERE / "native" / "libxml2_without_icu.c"), "-o", str(objects)])
        if stub.exists():
            stub.unlink()
        _output(["ar", "rcs", str(stub), str(objects)])
        archives.append(stub)
    (work / "libxml2.so").write_text("/* -lxml2 for the wheel: static archives (python/native_build.py) */\n"
                                     "GROUP ( {} )\n".format(" ".join(str(path) for path in archives)))
    return work


def build(configuration="release", scratch=None, static=True, log=print):
    """Builds both products; returns {"lib": path, "bin": path}."""
    require_swift()
    package = swift_package()
    command = ["swift", "build", "-c", configuration]
    if scratch:
        command += ["--scratch-path", str(scratch)]
    if static:
        scratch_folder = Path(scratch) if scratch else package / ".build"
        command.append("--static-swift-stdlib")
        folder = static_libxml2_folder(scratch_folder / "static-libxml2")
        if folder is not None:
            command += ["-Xlinker", "-L" + str(folder)]
        else:
            log("libxml2.a is not installed: linking the system's libxml2 as a shared library")
    for product in ("cmsis_pack_manager", "pack-manager"):
        log(" ".join(command + ["--product", product]))
        if subprocess.call(command + ["--product", product], cwd=str(package)) != 0:
            raise BuildError("swift build of {} failed (see above)".format(product))
    bin_path = Path(_output(command + ["--show-bin-path"], cwd=str(package)).strip())
    return {folder: bin_path / name for folder, name in PRODUCTS.items()}


def install_products(products, package_folder, strip=True):
    """Copies the products into the Python package (lib/, bin/), stripped."""
    for folder, source in products.items():
        target = Path(package_folder) / folder / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        if strip and shutil.which("strip"):
            _output(["strip", "--strip-all", "-o", str(target), str(source)])
            shutil.copymode(str(source), str(target))
        else:
            shutil.copy2(str(source), str(target))


# Licences of what the products contain, shipped in cmsis_pack_manager/licenses/.
DEBIAN_COPYRIGHTS = {"libxml2": "libxml2", "zlib": "zlib1g", "xz-liblzma": "liblzma5"}
SWIFT_LICENCE = Path("usr/share/swift/LICENSE.txt")


def collect_licences(target, scratch=None):
    """Copies the licence and notice files of the Swift toolchain's runtime,
    of every Swift package dependency (and the C code vendored in them), and
    of the C libraries linked statically, into `target`."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    own = swift_package() / "LICENSE"
    if own.is_file():
        shutil.copy2(str(own), str(target / "cmsis-pack-manager.LICENSE"))
    swift = shutil.which("swift")
    if swift:
        toolchain = Path(os.path.realpath(swift)).parent.parent.parent  # <toolchain>/usr/bin/swift
        if (toolchain / SWIFT_LICENCE).is_file():
            shutil.copy2(str(toolchain / SWIFT_LICENCE), str(target / "swift-runtime-and-foundation.LICENSE.txt"))
    for name, debian_package in DEBIAN_COPYRIGHTS.items():
        copyright = Path("/usr/share/doc") / debian_package / "copyright"
        if copyright.is_file():
            shutil.copy2(str(copyright), str(target / (name + ".copyright")))
    checkouts = Path(scratch) / "checkouts" if scratch else swift_package() / ".build" / "checkouts"
    for checkout in sorted(checkouts.iterdir()) if checkouts.is_dir() else []:
        for found in sorted(checkout.glob("*")) + sorted(checkout.glob("Sources/*/*")):
            if found.is_file() and re.match(r"(LICEN[CS]E|NOTICE|COPYING)", found.name, re.IGNORECASE):
                relative = found.relative_to(checkout)
                label = "-".join([checkout.name] + list(relative.parts[1:-1]))
                shutil.copy2(str(found), str(target / "{}.{}".format(label, found.name)))
