"""The `pack-manager` console script: the Swift command-line program shipped
inside this package, with the reference's subcommands (and more)."""
import os
import sys


def binary_path():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("CMSIS_PACK_MANAGER_BINARY") or os.path.join(here, "bin", "pack-manager")


def main():
    path = binary_path()
    if not os.access(path, os.X_OK):
        sys.stderr.write("error: the pack-manager program is missing ({}); reinstall cmsis-pack-manager\n".format(path))
        return 2
    os.execv(path, [path] + sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
