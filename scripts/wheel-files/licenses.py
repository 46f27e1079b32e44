"""Copies the licence texts of what libcmsis_pack_manager.so links in (the
Swift packages of the build, the Swift runtime and Foundation, ICU's code,
libxml2) into one folder, which the wheel ships as cmsis_pack_manager/licenses.

    python3 licenses.py <scratch folder> <output folder> <libxml2 COPYING>
"""
import os
import shutil
import sys

scratch, output, libxml2 = sys.argv[1:4]
NAMES = ("LICENSE", "LICENCE", "NOTICE", "COPYING")
SKIPPED = {".git", "Tests", "Benchmarks", "IntegrationTests", "Snippets", "Examples", "docs", "scripts"}


def copy(source, name):
    target = os.path.join(output, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(source, target)


checkouts = os.path.join(scratch, "checkouts")
for package in sorted(os.listdir(checkouts)):
    for root, folders, files in os.walk(os.path.join(checkouts, package)):
        folders[:] = sorted(folder for folder in folders if folder not in SKIPPED)
        for name in sorted(files):
            if name.upper().startswith(NAMES):
                relative = os.path.relpath(os.path.join(root, name), checkouts)
                copy(os.path.join(root, name), relative.replace(os.sep, "/"))

swift = shutil.which("swift")
toolchain_license = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(swift))), "share", "swift", "LICENSE.txt")
copy(toolchain_license, "swift-runtime-and-foundation/LICENSE.txt")
# ICU's code (not its data) is linked in with Foundation; the toolchain ships
# no copy of its licence, Debian's ICU package does (the same Unicode licence).
for candidate in ("/usr/share/doc/libicu-dev/copyright", "/usr/share/doc/libicu72/copyright"):
    if os.path.isfile(candidate):
        copy(candidate, "icu/copyright")
        break
copy(libxml2, "libxml2/Copyright")
# libstdc++, linked in statically (scripts/wheel): GPL-3 with the GCC Runtime
# Library Exception, as Debian's copyright file of GCC states it.
for candidate in ("/usr/share/doc/gcc-12-base/copyright", "/usr/share/doc/libstdc++6/copyright"):
    if os.path.isfile(candidate):
        copy(candidate, "libstdc++/copyright")
        break
