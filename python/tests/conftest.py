"""Shared fixtures: the corpus, temporary caches, and a loopback mirror.

Every server is started here on 127.0.0.1; the environment points the
proxy variables at a closed port so that nothing can reach the internet.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(REPOSITORY, "Tests", "Corpus")
SERVERS = os.path.join(REPOSITORY, "Tests", "Servers")


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    """No internet, and no user cache: every test has its own folders."""
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    for name in ("CMSIS_PACK_MANAGER_DATA_PATH", "CMSIS_PACK_MANAGER_JSON_PATH",
                 "CMSIS_PACK_MANAGER_VIDX_LIST", "CMSIS_PACK_MANAGER_INDEX_URLS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def corpus():
    assert os.path.isfile(os.path.join(CORPUS, "MANIFEST.tsv")), "the test corpus is missing at " + CORPUS
    return CORPUS


class Mirror(object):
    """Tests/Servers/mirror.py serving a folder on a free loopback port."""

    def __init__(self, root, *arguments):
        self.root = str(root)
        self.log = self.root + ".log"
        output = open(self.root + ".out", "w")
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(SERVERS, "mirror.py"), "--root", self.root, "--port", "0",
             "--log", self.log, "--max-seconds", "300"] + list(arguments),
            stdout=output, stderr=subprocess.DEVNULL)
        output.close()
        deadline = time.time() + 20
        self.url = None
        while time.time() < deadline and self.url is None:
            with open(self.root + ".out") as handle:
                match = re.search(r"listening (http://127\.0\.0\.1:\d+)", handle.read())
            if match:
                self.url = match.group(1)
            else:
                time.sleep(0.02)
        assert self.url, "mirror.py did not start"

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def mirror_factory(tmp_path):
    mirrors = []

    def start(root, *arguments):
        mirror = Mirror(root, *arguments)
        mirrors.append(mirror)
        return mirror
    yield start
    for mirror in mirrors:
        mirror.stop()


def publish(root, url, files):
    """A small pack world like the bench's: <Vendor>/<Vendor>.<Name>.pdsc with
    <url> pointing at the mirror, <Vendor>.<Name>.<version>.pack, index.pidx."""
    subprocess.check_call(
        [sys.executable, os.path.join(SERVERS, "make_mirror.py"), "--out", str(root), "--packs", str(len(files)),
         "--base-url", url] + sum((["--corpus", f] for f in files), []),
        stdout=subprocess.DEVNULL)


@pytest.fixture
def pack_world(tmp_path, mirror_factory, corpus):
    """A mirror serving HDSC.HC32L110 and WestBerry.WB32F10x_DFP (with packs)."""
    root = tmp_path / "www"
    root.mkdir()
    mirror = mirror_factory(root)
    files = [os.path.join(corpus, "pdsc", "HDSC.HC32L110.pdsc"), os.path.join(corpus, "pdsc", "WestBerry.WB32F10x_DFP.pdsc")]
    publish(root, mirror.url, files)
    return mirror


def copy_pack_into_cache(data_path, vendor, name, version, source):
    target = os.path.join(data_path, vendor, name)
    os.makedirs(target, exist_ok=True)
    shutil.copy(source, os.path.join(target, version + ".pack"))
