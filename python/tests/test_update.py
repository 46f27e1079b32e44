"""Updates through the Python API against a loopback mirror."""
import os
import subprocess
import sys

import pytest

from cmsis_pack_manager import Cache, CmsisPackManagerError, CmsisPackRef


def vendor_list(tmp_path, url):
    path = tmp_path / "vendors.list"
    path.write_text(url + "/index.pidx\n")
    return str(path)


def test_cache_descriptors_with_progress(tmp_path, pack_world):
    data = str(tmp_path / "data")
    cache = Cache(True, True, json_path=data, data_path=data, vidx_list=vendor_list(tmp_path, pack_world.url))
    calls = []
    report = cache.cache_descriptors(progress=lambda *values: calls.append(values))
    assert report["succeeded"] and len(report["new"]) == 2
    assert calls and calls[-1][0] == "descriptors" and calls[-1][1] == calls[-1][2] == 2
    assert cache.index["HC32L110C6PA"]["from_pack"]["vendor"] == "HDSC"
    assert os.path.isfile(os.path.join(data, "HDSC.HC32L110.1.0.3.pdsc"))
    # Nothing changed: the index lists the versions held, so only the index is asked about.
    report = cache.cache_descriptors()
    assert report["unchanged"] == 2 and report["not_requested"] == 2 and report["requests"] == 1 and report["bytes"] == 0


def test_the_report_names_its_folders_and_indexes(tmp_path, pack_world):
    data = str(tmp_path / "data")
    index = str(tmp_path / "index")
    urls = [pack_world.url + "/index.pidx"]
    report = Cache(True, True, json_path=index, data_path=data, index_urls=urls).cache_descriptors()
    assert report["data_path"] == data and report["json_path"] == index and report["index_urls"] == urls


def test_revalidate_and_network_settings(tmp_path, pack_world):
    data = str(tmp_path / "data")
    urls = [pack_world.url + "/index.pidx"]
    assert Cache(True, True, json_path=data, data_path=data, index_urls=urls).cache_descriptors()["succeeded"]
    # revalidate=True asks about every description held, conditionally; the network options pass through.
    report = Cache(True, True, json_path=data, data_path=data, index_urls=urls, revalidate=True,
                   network={"per-host": 1, "http1": True}).cache_descriptors()
    assert report["unchanged"] == 2 and report["not_requested"] == 0 and report["requests"] == 3 and report["bytes"] == 0
    with pytest.raises(ValueError, match="per-host"):
        Cache(True, True, json_path=data, data_path=data, index_urls=urls, network={"per-host": 0}).cache_descriptors()


def test_the_trusted_certificates_come_from_cacert_or_the_variables(tmp_path, pack_world, monkeypatch):
    data = str(tmp_path / "data")
    urls = [pack_world.url + "/index.pidx"]
    missing = str(tmp_path / "company-ca.pem")
    with pytest.raises(CmsisPackManagerError, match="--cacert " + missing + ": no such file"):
        Cache(True, True, json_path=data, data_path=data, index_urls=urls, cacert=missing).cache_descriptors()
    # The variables are read when an update starts, as pip reads them, and matter only for https:
    # a bundle named for other tools does not stop an update over http.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", missing)
    assert Cache(True, True, json_path=data, data_path=data, index_urls=urls).cache_descriptors()["succeeded"]
    with pytest.raises(CmsisPackManagerError, match="REQUESTS_CA_BUNDLE=" + missing):
        Cache(True, True, json_path=data, data_path=data, index_urls=["https://127.0.0.1:9/index.pidx"]).cache_descriptors()


def test_an_index_that_cannot_be_read_raises(tmp_path):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path), index_urls=["http://127.0.0.1:9/index.pidx"])
    with pytest.raises(CmsisPackManagerError, match=r"http://127\.0\.0\.1:9/index\.pidx: cannot connect"):
        cache.cache_descriptors()


def test_progress_is_printed_like_the_reference(tmp_path, pack_world, capsys):
    data = str(tmp_path / "data")
    Cache(False, True, json_path=data, data_path=data, vidx_list=vendor_list(tmp_path, pack_world.url)).cache_descriptors()
    assert "Downloading descriptors (002/002)\r" in capsys.readouterr().out


def test_cache_everything_downloads_packs(tmp_path, pack_world):
    data = str(tmp_path / "data")
    cache = Cache(True, True, json_path=data, data_path=data, index_urls=[pack_world.url + "/index.pidx"])
    report = cache.cache_everything()
    assert sorted(report["packs_downloaded"]) == ["HDSC.HC32L110.1.0.3", "WestBerry.WB32F10x_DFP.0.1.0"]
    pack = cache.pack_from_cache(cache.index["WB32F103CB"])
    assert Cache.find_pdsc(pack) == "WestBerry.WB32F10x_DFP.pdsc"


def test_download_pack_list_for_devices(tmp_path, pack_world):
    data = str(tmp_path / "data")
    cache = Cache(True, True, json_path=data, data_path=data, index_urls=[pack_world.url + "/index.pidx"])
    cache.cache_descriptors()
    refs = cache.packs_for_devices([cache.index["HC32L110C6PA"], cache.index["HC32L110C4PA"]])
    assert refs == [CmsisPackRef("HDSC", "HC32L110", "1.0.3")]
    report = cache.download_pack_list(refs)
    assert report["packs_downloaded"] == ["HDSC.HC32L110.1.0.3"]
    assert os.path.isfile(os.path.join(data, refs[0].get_pack_name()))
    with pytest.raises(CmsisPackManagerError, match="Nope.Pack.1.0.0"):
        cache.download_pack_list([CmsisPackRef("Nope", "Pack", "1.0.0")])


def test_the_reference_test_pack_index(tmp_path, mirror_factory, corpus):
    """The reference's own test: its test-pack-index served over HTTP."""
    root = tmp_path / "www"
    (root / "tests" / "test-pack-index").mkdir(parents=True)
    mirror = mirror_factory(root)
    source = os.path.join(corpus, "packs", "upstream-test-pack-index")
    for name in ("MyVendor.MyPack.pdsc", "MyVendor.MyPack.1.1.0.pack", "index.pidx"):
        with open(os.path.join(source, name), "rb") as handle:
            content = handle.read().replace(b"http://localhost:8001", mirror.url.encode())
        (root / "tests" / "test-pack-index" / name).write_bytes(content)
    (tmp_path / "vendors.list").write_text(mirror.url + "/tests/test-pack-index/index.pidx\n")
    cache = Cache(True, True, json_path=str(tmp_path / "j"), data_path=str(tmp_path / "d"), vidx_list=str(tmp_path / "vendors.list"))
    for _ in range(2):
        cache.cache_everything()
        assert "MyDevice" in cache.index
        assert "MyBoard" in cache.aliases
        assert "MyDevice" in cache.aliases["MyBoard"]["mounted_devices"]
        assert cache.pack_from_cache(cache.index["MyDevice"]).open("MyVendor.MyPack.pdsc")


def test_cache_clean(tmp_path, pack_world):
    data = str(tmp_path / "data")
    cache = Cache(True, True, json_path=data, data_path=data, index_urls=[pack_world.url + "/index.pidx"])
    cache.cache_descriptors()
    assert cache.index
    cache.cache_clean()
    assert not os.path.exists(os.path.join(data, "index.json"))
    assert cache.index == {}


def test_the_console_script(tmp_path, pack_world):
    data = str(tmp_path / "data")
    script = os.path.join(os.path.dirname(sys.executable), "pack-manager")
    output = subprocess.check_output([script, "print-cache-dir", "--data-path", data], text=True)
    assert output.strip() == data
    subprocess.check_call([script, "cache", "descriptors", "-q", "--index-url", pack_world.url + "/index.pidx",
                           "--data-path", data, "--json-path", data], stdout=subprocess.DEVNULL)
    found = subprocess.check_output([script, "find-part", "--data-path", data, "--json-path", data, "HC32L110C6"], text=True)
    assert "- HC32L110C6PA" in found
    assert subprocess.check_output([script, "--version"], text=True) == "0.7.0\n"
    usage = subprocess.run([script, "find-part", "--no-such-option", "x"], capture_output=True, text=True)
    assert usage.returncode == 2 and "--no-such-option" in usage.stderr and usage.stdout == ""


def test_a_missing_vendor_list_is_created_with_the_default_index(tmp_path):
    """As the reference: the named vidx_list is created with Keil's index
    (over https); here the proxy is a closed port, so the update then fails."""
    listing = tmp_path / "lists" / "vendors.list"
    cache = Cache(True, True, json_path=str(tmp_path / "d"), data_path=str(tmp_path / "d"), vidx_list=str(listing))
    with pytest.raises(CmsisPackManagerError, match=r"https://www\.keil\.com/pack/index\.pidx"):
        cache.cache_descriptors()
    assert listing.read_text().split() == ["https://www.keil.com/pack/index.pidx"]


def test_main_returns_the_exit_status(tmp_path, capfd):
    """main() runs the program and returns (the reference's returns None; an
    os.execv would never come back)."""
    from cmsis_pack_manager import pack_manager
    data = str(tmp_path / "data")
    assert pack_manager.main(["print-cache-dir", "--data-path", data]) == 0
    assert capfd.readouterr().out.strip() == data
    assert pack_manager.main(["no-such-command"]) == 2


def test_main_runs_the_program_in_a_new_python_once_the_library_is_loaded(tmp_path, capfd):
    """A process that has run the Swift library may not fork it again (its
    runtime's threads), so main() then starts a new Python for the program;
    the status and the output still come back."""
    from cmsis_pack_manager import _native, _program, pack_manager
    _native.lib()
    assert not _program.fork_is_safe()
    data = str(tmp_path / "data")
    assert pack_manager.main(["print-cache-dir", "--data-path", data]) == 0
    assert capfd.readouterr().out.strip() == data
    assert pack_manager.main(["find-part", "--no-such-option", "x"]) == 2
    assert "--no-such-option" in capfd.readouterr().err
