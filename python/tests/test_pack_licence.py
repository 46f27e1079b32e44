"""The licence prompt of `pack-manager pack add`, answered at a real terminal
(a pseudo-terminal), which the Swift tests cannot provide."""
import os
import pty
import select
import subprocess
import sys

from conftest import CORPUS

# The console script, as users run it.
SCRIPT = os.path.join(os.path.dirname(sys.executable), "pack-manager")

PACK = os.path.join(CORPUS, "packs", "NXP.MK64F12_DFP.11.0.0.pack")


def run_at_terminal(arguments, answer, timeout=60):
    """Runs the program with a terminal as stdin; types `answer` once the question shows."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([SCRIPT] + arguments, stdin=terminal, stdout=subprocess.PIPE,
                               stderr=terminal, close_fds=True)
    os.close(terminal)
    seen = b""
    answered = False
    while True:
        ready, _, _ = select.select([controller], [], [], timeout)
        if not ready:
            process.kill()
            raise AssertionError("no prompt within %d s; saw %r" % (timeout, seen[-400:]))
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not answered and b"Do you agree to it? [y/N]" in seen:
            os.write(controller, answer.encode() + b"\n")
            answered = True
    output = process.stdout.read().decode()
    process.wait(timeout)
    os.close(controller)
    return process.returncode, output, seen.decode(errors="replace")


def test_the_licence_is_shown_and_agreed(tmp_path):
    root = str(tmp_path / "root")
    status, output, terminal = run_at_terminal(["pack", "add", PACK, "--pack-root", root, "--json-path", str(tmp_path)], "y")
    assert status == 0, terminal
    assert "NXP::MK64F12_DFP@11.0.0 comes with this licence" in terminal
    assert "installed NXP::MK64F12_DFP@11.0.0" in output
    assert os.path.isdir(os.path.join(root, "NXP", "MK64F12_DFP", "11.0.0"))


def test_a_licence_declined_installs_nothing(tmp_path):
    root = str(tmp_path / "root")
    status, output, terminal = run_at_terminal(["pack", "add", PACK, "--pack-root", root, "--json-path", str(tmp_path)], "n")
    assert status == 1
    assert "was not agreed" in terminal
    assert not os.path.exists(os.path.join(root, "NXP", "MK64F12_DFP"))
