"""Threads: the module from eight threads at once, in one shared Cache and in
a Cache each, on one folder and on eight, against a loopback mirror; and
Ctrl-C in the main thread while other threads run.

The model under test (docs/python.md, "Threads"): operations on one folder
run one at a time, in the order they were called; operations on different
folders run in parallel; a Ctrl-C cancels the main thread's operation only.

Each scenario runs in a child process with a time limit. The limit is a hang
guard, not a speed check: a thread stuck in native code cannot be ended from
inside its process, and would hang pytest too.
"""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import CORPUS, publish

THREADS = 8
HANG_GUARD = 240  # seconds; the scenarios take a few seconds

CHILD = r"""
import json, os, sys, threading
from cmsis_pack_manager import Cache
mode, index_url, base, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def folder(position):
    return os.path.join(base, "same" if mode.endswith("-one-folder") else "folder-%d" % position)

def new_cache(position):
    return Cache(True, True, json_path=folder(position), data_path=folder(position), index_urls=[index_url])

shared = new_cache(0) if mode.startswith("shared") else None
results = [None] * threads
start = threading.Barrier(threads)

def run(position):
    try:
        cache = shared or new_cache(position)
        start.wait()
        if mode == "mixed-one-folder" and position % 4 == 1:
            report = cache.add_pack_from_path(os.path.join(sys.argv[5], "pdsc", "Infineon.XMC4000_DFP.pdsc"))
            results[position] = {"added": report["added"]}
        elif mode == "mixed-one-folder" and position % 4 == 3:
            found = cache.index.get("HC32L110C6PA")
            results[position] = {"looked up": found is None or found["name"] == "HC32L110C6PA"}
        else:
            report = cache.cache_descriptors()
            results[position] = {"succeeded": report["succeeded"], "new": report["new"], "unchanged": report["unchanged"],
                                 "devices": report["devices"]}
    except BaseException as error:
        results[position] = {"error": repr(error)}

workers = [threading.Thread(target=run, args=(position,), daemon=True) for position in range(threads)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
check = new_cache(0)
print(json.dumps({"results": results, "device": check.index.get("WB32F103CB", {}).get("name")}))
"""


def run_child(arguments, hang_guard=HANG_GUARD):
    """Runs the child script; fails (and kills it) when it does not end in time."""
    child = subprocess.Popen([sys.executable, "-c", CHILD] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        output, errors = child.communicate(timeout=hang_guard)
    except subprocess.TimeoutExpired:
        child.kill()
        output, errors = child.communicate()
        pytest.fail("{} threads hung (no end after {} s): {}".format(THREADS, hang_guard, errors[-2000:]))
    assert child.returncode == 0, errors
    return json.loads(output.strip().splitlines()[-1])


def index_url(pack_world):
    return pack_world.url + "/index.pidx"


@pytest.mark.parametrize("mode", ["shared-one-folder", "each-one-folder"])
def test_eight_threads_update_one_folder_one_at_a_time(tmp_path, pack_world, mode):
    """One folder: the updates run one after another, so the first to run
    stores both descriptions and the seven others find them unchanged."""
    outcome = run_child([mode, index_url(pack_world), str(tmp_path), str(THREADS)])
    results = outcome["results"]
    assert all("error" not in result for result in results), results
    assert all(result["succeeded"] and result["devices"] > 0 for result in results), results
    firsts = [result for result in results if result["new"]]
    assert len(firsts) == 1 and sorted(firsts[0]["new"]) == ["HDSC.HC32L110", "WestBerry.WB32F10x_DFP"], results
    assert sorted(result["unchanged"] for result in results) == [0] + [2] * (THREADS - 1), results
    assert outcome["device"] == "WB32F103CB"


def test_eight_threads_update_eight_folders_in_parallel(tmp_path, pack_world):
    outcome = run_child(["each-eight-folders", index_url(pack_world), str(tmp_path), str(THREADS)])
    results = outcome["results"]
    assert all("error" not in result for result in results), results
    assert all(result["succeeded"] and len(result["new"]) == 2 for result in results), results
    for position in range(THREADS):
        assert os.path.isfile(str(tmp_path / ("folder-%d" % position) / "index.json"))


def test_eight_threads_mix_operations_on_one_shared_cache(tmp_path, pack_world):
    """Updates, add_pack_from_path and index lookups from eight threads on
    one Cache: none fails, and the index ends with the devices of both."""
    outcome = run_child(["mixed-one-folder", index_url(pack_world), str(tmp_path), str(THREADS), CORPUS])
    results = outcome["results"]
    assert all("error" not in result for result in results), results
    assert [result["added"] for result in results[1::4]] == [["Infineon.XMC4000_DFP.2.12.0"]] * (THREADS // 4), results
    assert all(result["looked up"] for result in results[3::4]), results
    assert outcome["device"] == "WB32F103CB"
    with open(str(tmp_path / "same" / "index.json")) as handle:
        assert "XMC4500-F100x1024" in json.load(handle)


INTERRUPTED = r"""
import json, os, sys, threading, time
from cmsis_pack_manager import Cache
folder, index_url, marker, shared = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "shared"

def new_cache():
    return Cache(True, True, json_path=folder, data_path=folder, index_urls=[index_url])

first = new_cache()
mine = first if shared else new_cache()
other = {}
running = threading.Event()

def progress(phase, done, total, size):
    if phase == "descriptors" and done >= 1:
        running.set()

def update():
    try:
        report = first.cache_descriptors(progress=progress)
        other["report"] = {"succeeded": report["succeeded"], "new": sorted(report["new"])}
    except BaseException as error:
        other["error"] = repr(error)
    running.set()

thread = threading.Thread(target=update, daemon=True)
thread.start()
running.wait()
# The other thread's update holds the folder (its slow description is on
# its way); this one waits for its turn when the parent sends SIGINT.
with open(marker, "w") as handle:
    handle.write("calling")
try:
    mine.cache_descriptors()
    outcome = "finished"
except KeyboardInterrupt:
    outcome = "KeyboardInterrupt"
other_was_running = thread.is_alive()
thread.join()
print(json.dumps({"main": outcome, "other was running": other_was_running, "other": other}))
"""


@pytest.mark.parametrize("shared", ["shared", "each"])
def test_ctrl_c_cancels_the_main_threads_operation_only(tmp_path, mirror_factory, shared):
    """The main thread waits for its turn on a folder another thread is
    updating; Ctrl-C raises KeyboardInterrupt in the main thread while the
    other update still runs, and that update finishes as if nothing happened."""
    root = tmp_path / "www"
    root.mkdir()
    mirror = mirror_factory(root, "--slow-bytes-per-s", "1200", "--slow-match", r"WestBerry.*\.pdsc$")
    publish(root, mirror.url, [os.path.join(CORPUS, "pdsc", "HDSC.HC32L110.pdsc"),
                               os.path.join(CORPUS, "pdsc", "WestBerry.WB32F10x_DFP.pdsc")])
    marker = str(tmp_path / "calling")
    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED, str(tmp_path / "cache"), mirror.url + "/index.pidx", marker, shared],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while not os.path.exists(marker) and child.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    assert os.path.exists(marker), "the first update did not start: " + (child.communicate()[1] if child.poll() is not None else "")
    time.sleep(0.3)  # the main thread is inside cache_descriptors(), waiting for its turn
    child.send_signal(signal.SIGINT)
    try:
        output, errors = child.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        child.kill()
        pytest.fail("hung after SIGINT: " + child.communicate()[1][-2000:])
    assert child.returncode == 0, errors
    outcome = json.loads(output.strip().splitlines()[-1])
    assert outcome["main"] == "KeyboardInterrupt", outcome
    assert outcome["other was running"], outcome
    assert outcome["other"] == {"report": {"succeeded": True, "new": ["HDSC.HC32L110", "WestBerry.WB32F10x_DFP"]}}, outcome
