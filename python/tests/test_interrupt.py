"""Ctrl-C while an update or a download runs: a Python process running
cache_descriptors() or download_pack_list() against a loopback mirror that
serves one file very slowly gets SIGINT; the call raises KeyboardInterrupt
(the native operation is cancelled, not waited for) and the cache is as it
was before the call: the index files, the cached descriptions and packs.
"""
import hashlib
import os
import signal
import subprocess
import sys
import time

from conftest import CORPUS, publish


def in_the_foreground():
    """For Popen's preexec_fn: SIGINT as a terminal's foreground process has
    it. A test run started in the background (`bash .ci/run &` from a
    script) has it ignored, and children inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

CHILD = r"""
import os, sys, time
from cmsis_pack_manager import Cache, CmsisPackRef
folder, index_url, mode, marker = sys.argv[1:5]
cache = Cache(True, True, json_path=folder, data_path=folder, index_urls=[index_url])

def progress(phase, done, total, size):
    # Tells the parent the operation runs (and, for descriptions, that the fast one arrived).
    wanted = "descriptors" if mode == "descriptors" else "packs"
    if phase == wanted and (done >= 1 or mode != "descriptors") and not os.path.exists(marker):
        with open(marker, "w") as handle:
            handle.write("running")

try:
    if mode == "descriptors":
        cache.cache_descriptors(progress=progress)
    else:
        cache.download_pack_list([CmsisPackRef("WestBerry", "WB32F10x_DFP", "0.1.0")], progress=progress)
except KeyboardInterrupt:
    # The call has returned: the operation must have ended, its staged files gone.
    print("KeyboardInterrupt; staged files left: {}".format(sorted(os.listdir(os.path.join(folder, ".cpm", "tmp")))))
    sys.exit(3)
print("finished")
"""


def snapshot(folder):
    """Every file outside our working folder (.cpm), with a hash of its bytes
    (but the marker, which names the roles a folder is used for: an update
    adds "data" to a folder add-packs claimed as an index folder)."""
    files = {}
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != ".cpm"]
        for name in names:
            if name == ".cmsis-pack-manager":
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return files


def interrupt(tmp_path, folder, index_url, mode):
    """Runs the child until it reports progress, sends SIGINT, and returns
    (exit status, output, seconds from SIGINT to exit)."""
    marker = str(tmp_path / "running")
    child = subprocess.Popen([sys.executable, "-c", CHILD, folder, index_url, mode, marker],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=in_the_foreground)
    deadline = time.time() + 60
    while not os.path.exists(marker) and child.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    assert os.path.exists(marker), "the operation did not start: " + (child.communicate()[0] if child.poll() is not None else "")
    time.sleep(0.3)  # the slow transfer is under way
    assert child.poll() is None, "the operation ended before the interrupt: " + child.communicate()[0]
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    output, _ = child.communicate(timeout=120)  # a hang guard, not a speed check
    return child.returncode, output, time.monotonic() - sent


def slow_world(tmp_path, mirror_factory, slow):
    root = tmp_path / "www"
    root.mkdir()
    mirror = mirror_factory(root, "--slow-bytes-per-s", "64", "--slow-match", slow)
    publish(root, mirror.url, [os.path.join(CORPUS, "pdsc", "HDSC.HC32L110.pdsc"),
                               os.path.join(CORPUS, "pdsc", "WestBerry.WB32F10x_DFP.pdsc")])
    return mirror


def test_ctrl_c_cancels_an_update_and_leaves_the_cache_as_it_was(tmp_path, mirror_factory, capsys):
    from cmsis_pack_manager import Cache
    mirror = slow_world(tmp_path, mirror_factory, r"WestBerry.*\.pdsc$")
    folder = str(tmp_path / "cache")
    # The cache before: an index made from a local file.
    Cache(True, True, json_path=folder, data_path=folder).add_pack_from_path(
        os.path.join(CORPUS, "pdsc", "Infineon.XMC4000_DFP.pdsc"))
    before = snapshot(folder)
    assert "index.json" in before

    status, output, seconds = interrupt(tmp_path, folder, mirror.url + "/index.pidx", "descriptors")
    assert status == 3 and "KeyboardInterrupt; staged files left: []" in output, output
    # HDSC's description had arrived before the interrupt; it is not kept either.
    assert snapshot(folder) == before
    assert os.listdir(os.path.join(folder, ".cpm", "tmp")) == []
    with capsys.disabled():
        sys.stdout.write("\n  Ctrl-C during cache_descriptors: the process exited {:.2f} s after SIGINT\n".format(seconds))


def test_ctrl_c_cancels_a_pack_download(tmp_path, mirror_factory, capsys):
    from cmsis_pack_manager import Cache
    mirror = slow_world(tmp_path, mirror_factory, r"WestBerry.*\.pack$")
    folder = str(tmp_path / "cache")
    Cache(True, True, json_path=folder, data_path=folder, index_urls=[mirror.url + "/index.pidx"]).cache_descriptors()
    before = snapshot(folder)

    status, output, seconds = interrupt(tmp_path, folder, mirror.url + "/index.pidx", "packs")
    assert status == 3 and "KeyboardInterrupt" in output, output
    assert snapshot(folder) == before
    assert not os.path.exists(os.path.join(folder, "WestBerry", "WB32F10x_DFP", "0.1.0.pack"))
    with capsys.disabled():
        sys.stdout.write("\n  Ctrl-C during download_pack_list: the process exited {:.2f} s after SIGINT\n".format(seconds))


def test_an_error_in_the_progress_callable_cancels_the_update(tmp_path, mirror_factory):
    from cmsis_pack_manager import Cache
    mirror = slow_world(tmp_path, mirror_factory, r"WestBerry.*\.pdsc$")
    folder = str(tmp_path / "cache")
    cache = Cache(True, True, json_path=folder, data_path=folder, index_urls=[mirror.url + "/index.pidx"])

    class Stop(Exception):
        pass

    def progress(phase, done, total, size):
        if phase == "descriptors" and done >= 1:
            raise Stop()
    try:
        cache.cache_descriptors(progress=progress)
        raise AssertionError("the update ended although its progress callable raised")
    except Stop:
        pass
    assert not os.path.exists(os.path.join(folder, "index.json"))
    assert not [name for name in os.listdir(folder) if name.endswith(".pdsc")]


def test_ctrl_c_at_a_terminal_stops_the_console_script_with_status_130(tmp_path, mirror_factory):
    """A terminal's Ctrl-C reaches the whole foreground process group: the
    console script's Python and the child that runs the program. The program
    stops, main() returns 130 (as a shell reports it) and the index is as it
    was."""
    mirror = slow_world(tmp_path, mirror_factory, r"WestBerry.*\.pdsc$")
    folder = str(tmp_path / "cache")
    script = os.path.join(os.path.dirname(sys.executable), "pack-manager")
    child = subprocess.Popen([script, "cache", "descriptors", "-q", "--index-url", mirror.url + "/index.pidx",
                              "--data-path", folder, "--json-path", folder],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                             preexec_fn=in_the_foreground)
    deadline = time.time() + 60
    # The fast description has arrived (the mirror logs finished requests); the slow one is under way.
    while child.poll() is None and time.time() < deadline:
        if os.path.exists(mirror.log) and "HC32L110" in open(mirror.log).read():
            break
        time.sleep(0.02)
    time.sleep(0.3)
    assert child.poll() is None, "the update ended before the interrupt: " + child.communicate()[0]
    os.killpg(child.pid, signal.SIGINT)
    output, _ = child.communicate(timeout=120)  # a hang guard, not a speed check
    assert child.returncode == 130, output
    assert not os.path.exists(os.path.join(folder, "index.json"))


def interrupt_console_script(tmp_path, program_lines, preexec_fn):
    """Runs the console script with a program that is `program_lines` after
    a line that says it started, sends SIGINT to the script's process group
    once it has, and returns (exit status, output)."""
    program = tmp_path / "program"
    started = tmp_path / "started"
    if started.exists():
        started.unlink()
    program.write_text("#!/bin/sh\ntouch '{}'\n{}\n".format(started, "\n".join(program_lines)))
    program.chmod(0o755)
    environment = dict(os.environ, CMSIS_PACK_MANAGER_BINARY=str(program))
    script = os.path.join(os.path.dirname(sys.executable), "pack-manager")
    child = subprocess.Popen([script], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True, preexec_fn=preexec_fn)
    deadline = time.time() + 30
    while not started.exists() and child.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    os.killpg(child.pid, signal.SIGINT)
    output, _ = child.communicate(timeout=60)  # a hang guard
    return child.returncode, output


def test_a_terminals_ctrl_c_never_loses_the_programs_status(tmp_path):
    """The race behind a Ctrl-C at a terminal: SIGINT reaches the console
    script's Python and the program at once, and the program dies of it.
    main() must return 130 every time. (When a KeyboardInterrupt could be
    raised inside main(), it sometimes landed just after os.waitpid() had
    reaped the program, and the status was lost: ChildProcessError, or 0.)
    Forty rounds with a program that only sleeps, to give the race its
    chances."""
    statuses = []
    for _ in range(40):
        status, output = interrupt_console_script(tmp_path, ["exec sleep 30"], in_the_foreground)
        statuses.append(status)
        assert status == 130, (statuses, output)


def test_an_ignored_sigint_stays_ignored_for_the_program(tmp_path):
    """A console script started with SIGINT ignored (a background job of a
    script) neither raises nor passes the interrupt on: the program runs to
    its end and main() returns its status."""
    status, output = interrupt_console_script(tmp_path, ["sleep 1", "exit 7"],
                                              lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert status == 7, output
