"""The child side of pack_manager.main(): runs the `pack-manager` program of
the Swift library (cpm_cli_main) in this process and ends the process with
its status. `python -m cmsis_pack_manager._program ARGS` does the same.
"""
import os
import signal
import sys

from cmsis_pack_manager import _native


def fork_is_safe():
    """Whether this process may fork and run the program in the child: only
    one thread (a fork copies locks that other threads may hold) and the
    Swift library not loaded yet (its runtime refuses to be used again after
    a fork once it has started threads)."""
    if _native.is_loaded():
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def run_and_exit(arguments):
    """Runs the program and ends this process with its exit status; never returns."""
    status = 70  # EX_SOFTWARE, should the library fail to load
    try:
        # The program's own signal behaviour, not Python's: Ctrl-C ends it
        # (unless it was ignored, as in a background job), and a closed pipe
        # (`pack-manager ... | head`) ends it quietly.
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        status = _native.run_command_line(["pack-manager"] + list(arguments))
    except BaseException as error:  # noqa: B902 - the child must always end here
        try:
            sys.stderr.write("error: {}\n".format(error))
            sys.stderr.flush()
        except BaseException:  # noqa: B902
            pass
    finally:
        os._exit(status)


if __name__ == "__main__":
    run_and_exit(sys.argv[1:])
