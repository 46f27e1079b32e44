"""The Python API of cmsis-pack-manager 0.6, as pyOCD and scripts use it (the
intent of the reference's own tests, plus real ones on corpus files)."""
import json
import os
import zipfile

import pytest

import cmsis_pack_manager
from cmsis_pack_manager import Cache, CmsisPackManagerError, CmsisPackRef

from conftest import copy_pack_into_cache


def test_it_is_this_implementation():
    assert cmsis_pack_manager.__implementation__ == "swift"
    assert cmsis_pack_manager.__version__ == "0.7.0"


def test_default_paths_follow_the_reference(tmp_path):
    cache = Cache(True, True)
    expected = os.path.join(str(tmp_path / "xdg"), "cmsis-pack-manager")
    assert cache.data_path == expected
    assert cache.index_path == os.path.join(expected, "index.json")
    assert cache.aliases_path == os.path.join(expected, "aliases.json")
    assert cache.vidx_list is None


def test_paths_and_environment(tmp_path, monkeypatch):
    cache = Cache(False, False, json_path=str(tmp_path / "j"), data_path=str(tmp_path / "d"), vidx_list="list.txt")
    assert cache.index_path == str(tmp_path / "j" / "index.json")
    assert cache.data_path == str(tmp_path / "d")
    assert cache.vidx_list == "list.txt"
    monkeypatch.setenv("CMSIS_PACK_MANAGER_DATA_PATH", str(tmp_path / "env"))
    cache = Cache(True, True)
    assert cache.data_path == str(tmp_path / "env")
    assert cache.index_path == str(tmp_path / "env" / "index.json")


def test_the_index_follows_a_data_path_given_alone(tmp_path):
    # Never the default index folder when the caller named a data folder.
    cache = Cache(True, True, data_path=str(tmp_path / "d"))
    assert cache.index_path == str(tmp_path / "d" / "index.json")


def test_cache_clean_refuses_a_folder_that_is_not_ours(tmp_path):
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "notes.txt").write_text("mine")
    cache = Cache(True, True, data_path=str(tmp_path / "theirs"))
    with pytest.raises(CmsisPackManagerError, match="not a pack-manager folder"):
        cache.cache_clean()
    assert (tmp_path / "theirs" / "notes.txt").read_text() == "mine"


def test_an_empty_cache_has_an_empty_index(tmp_path):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    assert cache.index == {}
    assert not cache.index
    assert "STM32F407VGTx" not in cache.index
    assert cache.aliases == {}
    with pytest.raises(KeyError):
        cache.index["STM32F407VGTx"]


def test_pack_refs():
    ref = CmsisPackRef("Keil", "STM32F4xx_DFP", "2.15.0")
    assert ref.get_pdsc_name() == "Keil.STM32F4xx_DFP.2.15.0.pdsc"
    assert ref.get_pack_name() == os.path.join("Keil", "STM32F4xx_DFP", "2.15.0.pack")
    assert str(ref) == "Keil.STM32F4xx_DFP.2.15.0"
    assert ref.vendor == "Keil" and ref.pack == "STM32F4xx_DFP" and ref.version == "2.15.0"


def test_add_pack_from_path_on_corpus_files(tmp_path, corpus):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    report = cache.add_pack_from_path(os.path.join(corpus, "pdsc", "Infineon.XMC4000_DFP.pdsc"))
    assert report["added"] == ["Infineon.XMC4000_DFP.2.12.0"]
    device = cache.index["XMC4500-F100x1024"]
    assert device["name"] == "XMC4500-F100x1024"
    assert device["from_pack"]["pack"] == "XMC4000_DFP"
    assert device["processors"][0]["core"] == "CortexM4"
    assert "XMC4500 Relax Kit" in cache.aliases
    # A second file, then the same index read by a new Cache.
    cache.add_pack_from_path(os.path.join(corpus, "packs", "NXP.MK64F12_DFP.11.0.0.pack"))
    fresh = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    assert "MK64FN1M0VLL12" in fresh.index and "XMC4500-F100x1024" in fresh.index


def test_errors_are_exceptions_with_our_message(tmp_path):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    with pytest.raises(CmsisPackManagerError, match="no such file"):
        cache.add_pack_from_path(str(tmp_path / "missing.pdsc"))
    broken = tmp_path / "Broken.Pack.pdsc"
    broken.write_text("<?xml version='1.0'?><package><vendor>x</vendor>")
    with pytest.raises(CmsisPackManagerError, match=r"Broken\.Pack\.pdsc:1:"):
        cache.add_pack_from_path(str(broken))


def test_one_lookup_parses_only_that_device(tmp_path, corpus):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    cache.add_pack_from_path(os.path.join(corpus, "pdsc", "Keil.STM32F4xx_DFP.pdsc"))
    fresh = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    device = fresh.index["STM32F407VGTx"]
    assert dict.__len__(fresh.index) == 1
    with open(fresh.index_path) as handle:
        assert json.load(handle)["STM32F407VGTx"] == device
    # Anything that needs every device reads them all.
    assert len(fresh.index) == 211
    assert sorted(fresh.index.keys())[0] == "STM32F401CBUx"
    assert all("from_pack" in value for value in fresh.index.values())


@pytest.mark.parametrize("indent", [2, 4, None])
def test_lookups_in_an_index_written_by_another_tool(tmp_path, indent):
    entries = {"Chip\u00e9": {"name": "Chip\u00e9", "x": [1, {"y": "}"}]}, "Other": {"name": "Other"}, "Chip": {"name": "Chip"}}
    with open(str(tmp_path / "index.json"), "w") as handle:
        json.dump(entries, handle, indent=indent, ensure_ascii=(indent == 4))
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    assert cache.index["Chip\u00e9"] == entries["Chip\u00e9"]
    assert cache.index["Chip"] == {"name": "Chip"}
    assert "Missing" not in cache.index
    assert set(cache.index.keys()) == set(entries)


def test_pdsc_and_pack_from_cache_and_flash_algorithms(tmp_path, corpus):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    pack = os.path.join(corpus, "packs", "NXP.MK64F12_DFP.11.0.0.pack")
    cache.add_pack_from_path(pack)
    copy_pack_into_cache(str(tmp_path), "NXP", "MK64F12_DFP", "11.0.0", pack)
    device = cache.index["MK64FN1M0VLL12"]
    archive = cache.pack_from_cache(device)
    assert isinstance(archive, zipfile.ZipFile)
    assert Cache.find_pdsc(archive) == "NXP.MK64F12_DFP.pdsc"
    algorithm = cache.get_flash_algorithm_binary("MK64FN1M0VLL12")
    assert algorithm.read(4) == b"\x7fELF"
    everything = list(cache.get_flash_algorithm_binary("MK64FN1M0VLL12", all=True))
    assert len(everything) == len(device["algorithms"]) >= 1
    with zipfile.ZipFile(pack) as source, open(str(tmp_path / "NXP.MK64F12_DFP.11.0.0.pdsc"), "wb") as target:
        target.write(source.read("NXP.MK64F12_DFP.pdsc"))
    with cache.pdsc_from_cache(device) as description:
        assert "<name>MK64F12_DFP</name>" in description.read()


def test_packs_for_devices_lists_each_pack_once():
    cache = Cache(True, True)
    devices = [{"from_pack": {"vendor": "V", "pack": "P", "version": "1.0.0"}},
               {"from_pack": {"vendor": "V", "pack": "P", "version": "1.0.0"}},
               {"from_pack": {"vendor": "V", "pack": "Q", "version": "2.0.0"}}]
    assert cache.packs_for_devices(devices) == [CmsisPackRef("V", "P", "1.0.0"), CmsisPackRef("V", "Q", "2.0.0")]
    ref, = cache.packs_for_devices(devices[:1])
    assert ref.pack == "P"
