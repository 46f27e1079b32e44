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
import threading
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
    with _ForwardedInterrupts() as forwarding:
        path = binary_path()
        if path:
            process = subprocess.Popen([path] + arguments)
        elif _program.fork_is_safe():
            process = _Forked(arguments)
        else:
            process = subprocess.Popen([sys.executable, "-m", "cmsis_pack_manager._program"] + arguments)
        status = forwarding.wait(process)
    return 128 - status if status < 0 else status


class _ForwardedInterrupts(object):
    """While the program runs, a SIGINT that reaches this process is passed on
    to it (a terminal's Ctrl-C reaches it directly too), and the program stops
    itself. No KeyboardInterrupt is raised meanwhile: one raised just after
    os.waitpid() reaped the program would lose its exit status. Only the main
    thread can set a signal handler; on another thread no KeyboardInterrupt
    arrives anyway."""

    def __init__(self):
        self._process = None
        self._early = False
        self._installed = False
        self._previous = None

    def __enter__(self):
        # An ignored SIGINT (a background job's) stays ignored, for the program too.
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self._forward)
            self._installed = True
        return self

    def __exit__(self, *_exception):
        if self._installed:
            # None: the handler was set outside Python, which cannot be restored; Python's default instead.
            signal.signal(signal.SIGINT, self._previous if self._previous is not None else signal.default_int_handler)
        return False

    def _forward(self, _number, _frame):
        if self._process is None:
            self._early = True  # before the program started: it is told once it has
        else:
            self._process.send_signal(signal.SIGINT)

    def wait(self, process):
        self._process = process
        if self._early:
            process.send_signal(signal.SIGINT)
        return process.wait()


class _Forked(object):
    """This process forked to run the program (the child never returns), with
    the part of Popen's interface that main() uses."""

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
            try:
                os.kill(self.pid, number)
            except ProcessLookupError:
                pass  # reaped already, its status not yet recorded


if __name__ == "__main__":
    sys.exit(main())
