"""The `pack-manager` console script: the Swift command-line program shipped
inside this package, with the reference's subcommands (and more).

main() runs it as a child process and returns its exit status, so a Python
program that calls main() gets control back (the console script passes the
status to sys.exit). Ctrl-C reaches the program, which stops; main() then
returns 130, as a shell reports it.
"""
import operator
import os
import signal
import subprocess
import sys
from functools import reduce

from cmsis_pack_manager import Cache

__all__ = ["Cache", "main", "binary_path", "fuzzy_find", "CACHE_CHOICES", "CACHE_CHOICES_HELP"]

# The reference's names for the `cache` actions (its argparse choices).
CACHE_CHOICES = [
    "descriptors", "desc", "pdsc",
    "everything", "every", "packs",
    "devices", "devs",
    "clean", "rm",
]

CACHE_CHOICES_HELP = (
    "Caching action; "
    "descriptors, desc, pdsc: download only pack descriptors; "
    "everything, every, packs: download packs and descriptors; "
    "devices, devs: download the packs for the listed devices; "
    "clean, rm: remove downloaded packs and descriptors"
)


def fuzzy_find(matches, options, oper=operator.and_):
    """The options containing every match (oper=operator.and_) or any
    (operator.or_), as a set; case matters, as in the reference."""
    return reduce(oper, (set(option for option in options if match in option) for match in matches))


def binary_path():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("CMSIS_PACK_MANAGER_BINARY") or os.path.join(here, "bin", "pack-manager")


def main(argv=None):
    """Runs `pack-manager` with argv (default: sys.argv[1:]) and returns its
    exit status (128 + N when signal N ended it)."""
    path = binary_path()
    if not os.access(path, os.X_OK):
        sys.stderr.write("error: the pack-manager program is missing ({}); reinstall cmsis-pack-manager\n".format(path))
        return 2
    arguments = list(sys.argv[1:] if argv is None else argv)
    sys.stdout.flush()
    sys.stderr.flush()
    process = subprocess.Popen([path] + arguments)
    try:
        status = process.wait()
    except KeyboardInterrupt:
        # A terminal's Ctrl-C reached the program too; a SIGINT sent to this
        # process alone is passed on. Either way the program stops itself.
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        status = _wait_through_interrupts(process)
    return 128 - status if status < 0 else status


def _wait_through_interrupts(process):
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)


if __name__ == "__main__":
    sys.exit(main())
