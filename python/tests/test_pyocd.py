"""pyOCD from PyPI, installed on top of this package, with its `pyocd pack`
commands against a loopback mirror, and a target found in an installed pack.

scripts/test installs pyocd into the test environment; pip must keep our
cmsis-pack-manager (0.7.0 is inside pyOCD's requirement, <1.0).
"""
import os
import subprocess
import sys

import pytest

pyocd = pytest.importorskip("pyocd") if os.environ.get("CMSIS_PACK_MANAGER_ALLOW_NO_PYOCD") else __import__("pyocd")


def run(arguments, env):
    script = os.path.join(os.path.dirname(sys.executable), "pyocd")
    result = subprocess.run([script] + arguments, env=env, capture_output=True, text=True, timeout=300)
    return result


@pytest.fixture
def pyocd_env(tmp_path, pack_world):
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["HOME"] = str(tmp_path / "home")
    env["CMSIS_PACK_MANAGER_INDEX_URLS"] = pack_world.url + "/index.pidx"
    return env


def test_pyocd_uses_this_implementation():
    import cmsis_pack_manager
    assert cmsis_pack_manager.__implementation__ == "swift"
    from importlib import metadata
    assert metadata.version("cmsis-pack-manager") == "0.7.0"
    requirement = [r for r in metadata.requires("pyocd") if r.startswith("cmsis-pack-manager")]
    assert requirement, "pyocd declares its dependency on cmsis-pack-manager"


def test_pack_update_find_install_show_and_a_pack_target(pyocd_env, tmp_path):
    update = run(["pack", "update"], pyocd_env)
    assert update.returncode == 0, update.stdout + update.stderr
    cache_dir = tmp_path / "xdg" / "cmsis-pack-manager"
    assert (cache_dir / "index.json").is_file()
    assert (cache_dir / "HDSC.HC32L110.1.0.3.pdsc").is_file()

    find = run(["pack", "find", "hc32l110c"], pyocd_env)
    assert find.returncode == 0, find.stderr
    line = next(line for line in find.stdout.splitlines() if "HC32L110C6PA" in line)
    assert line.split()[1:] == ["HDSC", "HDSC.HC32L110", "1.0.3", "False"]

    show = run(["pack", "show"], pyocd_env)
    assert show.returncode == 0, show.stderr
    assert "HDSC" not in show.stdout

    install = run(["pack", "install", "hc32l110c6pa"], pyocd_env)
    assert install.returncode == 0, install.stdout + install.stderr
    assert (cache_dir / "HDSC" / "HC32L110" / "1.0.3.pack").is_file()

    show = run(["pack", "show"], pyocd_env)
    assert "HDSC" in show.stdout and "HC32L110" in show.stdout and "1.0.3" in show.stdout
    find = run(["pack", "find", "hc32l110c6pa"], pyocd_env)
    assert find.stdout.splitlines()[-1].split()[-1] == "True", find.stdout

    targets = run(["list", "--targets", "--source", "pack"], pyocd_env)
    assert targets.returncode == 0, targets.stderr
    assert "hc32l110c6pa" in targets.stdout.lower()
    assert "wb32f103" not in targets.stdout.lower(), "only the installed pack's targets"

    clean = run(["pack", "clean"], pyocd_env)
    assert clean.returncode == 0, clean.stderr
    assert not (cache_dir / "index.json").exists()
