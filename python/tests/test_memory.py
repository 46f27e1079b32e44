"""Memory grows with what is kept, not with the index: `cache descriptors`
over an index of 100,000 entries (99 % of the descriptions missing, 1 %
tiny), served on loopback, stays under 300 MB of peak resident memory, through
the Python API and through the command line inside the library.

The figure is the child process's own peak (ru_maxrss from wait4), a
measure of memory, not of time.
"""
import json
import os
import subprocess
import sys

import big_index

ENTRIES = 100000
LIMIT_MB = 300

API = r"""
import json, sys
from cmsis_pack_manager import Cache
cache = Cache(True, True, json_path=sys.argv[1], data_path=sys.argv[1], index_urls=[sys.argv[2]])
report = cache.cache_descriptors()
print(json.dumps({"new": len(report["new"]), "failed": len(report["failed"]), "listed": report["listed"]}))
"""

COMMAND_LINE = r"""
import sys
from cmsis_pack_manager import _native
sys.exit(_native.run_command_line(["pack-manager", "cache", "descriptors", "--json", "--index-url", sys.argv[2],
                                   "--data-path", sys.argv[1], "--json-path", sys.argv[1]]))
"""


def peak_megabytes(script, folder, url, output_path):
    """Runs `script` in a child; returns (exit status, its peak RSS in MB)."""
    with open(output_path, "w") as output:
        child = subprocess.Popen([sys.executable, "-c", script, folder, url], stdout=output, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss / 1024.0


def test_a_hundred_thousand_entries_in_under_300_mb(tmp_path, mirror_factory, capsys):
    root = tmp_path / "www"
    root.mkdir()
    mirror = mirror_factory(root)
    tiny = big_index.write(str(root), mirror.url, ENTRIES)
    url = mirror.url + "/index.pidx"

    status, api_mb = peak_megabytes(API, str(tmp_path / "api"), url, str(tmp_path / "api.out"))
    with open(str(tmp_path / "api.out")) as handle:
        counts = json.loads(handle.read().strip().splitlines()[-1])
    assert status == 0 and counts == {"new": tiny, "failed": ENTRIES - tiny, "listed": ENTRIES}, counts

    # The command line: a warm run (every tiny description unchanged) over the same folder.
    status, cli_mb = peak_megabytes(COMMAND_LINE, str(tmp_path / "api"), url, str(tmp_path / "cli.out"))
    with open(str(tmp_path / "cli.out")) as handle:
        report = json.load(handle)
    assert status == 1 and report["unchanged"] == tiny and len(report["failed"]) == ENTRIES - tiny

    with capsys.disabled():
        sys.stdout.write("\n  cache descriptors over {} entries: peak RSS {:.0f} MB (Python API), {:.0f} MB (command line)\n"
                         .format(ENTRIES, api_mb, cli_mb))
    assert api_mb < LIMIT_MB and cli_mb < LIMIT_MB, (api_mb, cli_mb)
