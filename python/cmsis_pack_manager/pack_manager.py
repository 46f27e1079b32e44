"""The `pack-manager` console script: the Swift command-line program, which
lives inside the package's Swift library (cpm_cli_main), with the
reference's subcommands (and more).

main() runs it in a child process and returns its exit status, so a Python
program that calls main() gets control back (the console script passes the
status to sys.exit). The child is this process forked when that is safe (one
thread, the Swift library not loaded: the console script's case), else a
fresh Python (`python -m cmsis_pack_manager._program`). Ctrl-C reaches the
program, which stops; main() then returns 130, as a shell reports it.
$CMSIS_PACK_MANAGER_BINARY names a separate `pack-manager` executable to run
instead.
"""
import operator
import os
import signal
import subprocess
import sys
from functools import reduce

from cmsis_pack_manager import Cache, _program

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
    """A separate `pack-manager` executable to run instead of the library's
    program ($CMSIS_PACK_MANAGER_BINARY), or None."""
    return os.environ.get("CMSIS_PACK_MANAGER_BINARY") or None


def main(argv=None):
    """Runs `pack-manager` with argv (default: sys.argv[1:]) and returns its
    exit status (128 + N when signal N ended it)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    sys.stdout.flush()
    sys.stderr.flush()
    path = binary_path()
    if path:
        return _wait(subprocess.Popen([path] + arguments))
    if _program.fork_is_safe():
        return _wait(_Forked(arguments))
    return _wait(subprocess.Popen([sys.executable, "-m", "cmsis_pack_manager._program"] + arguments))


def _wait(process):
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


class _Forked(object):
    """This process forked to run the program (the child never returns), with
    the part of Popen's interface that _wait uses."""

    def __init__(self, arguments):
        self.pid = os.fork()
        if self.pid == 0:
            _program.run_and_exit(arguments)
        self.returncode = None

    def _reap(self, options):
        pid, status = os.waitpid(self.pid, options)
        if pid == self.pid:
            self.returncode = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        return self.returncode

    def wait(self):
        while self.returncode is None:
            self._reap(0)
        return self.returncode

    def poll(self):
        return self.returncode if self.returncode is not None else self._reap(os.WNOHANG)

    def send_signal(self, number):
        if self.returncode is None:
            os.kill(self.pid, number)


if __name__ == "__main__":
    sys.exit(main())
