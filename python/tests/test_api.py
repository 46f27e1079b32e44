"""The Python API of cmsis-pack-manager 0.6, as pyOCD and scripts use it (the
intent of the reference's own tests, plus real ones on corpus files)."""
import copy
import json
import os
import pickle
import subprocess
import sys
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
    # That device, and the file's first (read at once, see LazyIndex).
    assert sorted(dict.keys(fresh.index)) == ["STM32F401CBUx", "STM32F407VGTx"]
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


def write_index(tmp_path):
    data = {"A": {"name": "A"}, "B": {"name": "B", "x": [1]}, "C\u00e9": {"name": "C\u00e9"}}
    with open(str(tmp_path / "index.json"), "w") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    return data


# Each operation, on the index of a fresh Cache and on a plain dict of the same file.
DICT_OPERATIONS = {
    "json.dumps": lambda d: json.dumps(d, sort_keys=True),
    "len": len, "bool": bool, "list": list, "sorted": sorted, "reversed": lambda d: list(reversed(d)),
    "keys": lambda d: sorted(d.keys()), "values": lambda d: sorted(json.dumps(v) for v in d.values()),
    "items": lambda d: sorted(json.dumps(i) for i in d.items()), "repr": repr, "str": str,
    "eq": lambda d: (d == {"A": {"name": "A"}}, {} == d, d != {}),
    "dict": dict, "unpack": lambda d: {**d}, "or": lambda d: d | {"Z": 1}, "ror": lambda d: {"Z": 1} | d,
    "copy": lambda d: d.copy(), "copy.copy": copy.copy, "deepcopy": copy.deepcopy,
    "pickle": lambda d: pickle.loads(pickle.dumps(d)),
    "getitem": lambda d: (d["B"], d["C\u00e9"]), "get": lambda d: (d.get("B"), d.get("none", 5)),
    "contains": lambda d: ("A" in d, "none" in d),
    "setitem": lambda d: (d.__setitem__("Z", 1), d["Z"], len(d)),
    "setitem-existing": lambda d: (d.__setitem__("A", 0), d["A"], dict(d)),
    "delitem": lambda d: (d.__delitem__("A"), "A" in d, len(d)),
    "pop": lambda d: (d.pop("B"), "B" in d, d.pop("none", 7), len(d)),
    "popitem": lambda d: (d.popitem(), len(d)),
    "setdefault": lambda d: (d.setdefault("A", 5), d.setdefault("N", 5), len(d), d["N"]),
    "update": lambda d: (d.update({"A": 0}, B=1), dict(d)),
    "ior": lambda d: (d.__ior__({"Q": 1}), dict(d)),
    "clear": lambda d: (d.clear(), len(d), d == {}),
    "fromkeys": lambda d: type(d).fromkeys(["a"]),
}


@pytest.mark.parametrize("operation", sorted(DICT_OPERATIONS))
def test_the_index_behaves_as_a_dict(tmp_path, operation):
    data = write_index(tmp_path)
    index = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path)).index
    assert isinstance(index, dict)
    assert DICT_OPERATIONS[operation](index) == DICT_OPERATIONS[operation](dict(data))
    if operation.startswith(("setitem", "delitem", "pop", "setdefault", "update", "ior", "clear")):
        # A change stays: nothing read later overwrites it.
        expected = dict(data)
        DICT_OPERATIONS[operation](expected)
        assert dict(index.items()) == expected and len(index) == len(expected)


def test_a_missing_index_is_an_empty_dict(tmp_path):
    index = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path)).index
    assert index == {} and json.dumps(index) == "{}" and not index


@pytest.mark.parametrize("encoding, device", [("ISO-8859-1", "Caf\u00e9Chip"), ("windows-1252", "C\u0153ur"),
                                              ("UTF-16", "\u65e5\u672cChip")])
def test_descriptions_in_other_encodings(tmp_path, encoding, device):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    path = tmp_path / "Enc.Test_DFP.pdsc"
    path.write_bytes(description(encoding, device).encode(encoding))
    cache.add_pack_from_path(str(path))
    assert cache.index[device]["name"] == device


def test_an_encoding_nobody_knows_is_a_clear_error(tmp_path):
    cache = Cache(True, True, json_path=str(tmp_path), data_path=str(tmp_path))
    path = tmp_path / "Enc.Test_DFP.pdsc"
    path.write_bytes(description("X-NO-SUCH-ENCODING", "Plain").encode("ascii"))
    with pytest.raises(CmsisPackManagerError) as raised:
        cache.add_pack_from_path(str(path))
    assert "Enc.Test_DFP.pdsc" in str(raised.value) and "X-NO-SUCH-ENCODING" in str(raised.value)


def description(encoding, device):
    return ('<?xml version="1.0" encoding="{}"?>\n<package schemaVersion="1.4">\n<vendor>Enc</vendor>\n'
            '<name>Test_DFP</name>\n<description>Encodings</description>\n<url>http://127.0.0.1:9/</url>\n'
            '<releases><release version="1.0.0">First</release></releases>\n<devices><family Dfamily="F" Dvendor="ARM:82">\n'
            '<processor Dcore="Cortex-M4" DcoreVersion="r0p1" Dfpu="SP_FPU" Dmpu="MPU" Dendian="Little-endian"/>\n'
            '<device Dname="{}"><memory name="IROM1" access="rx" start="0" size="0x1000" startup="1" default="1"/></device>\n'
            '</family></devices>\n</package>\n').format(encoding, device)


def add_in_another_process(folder, path):
    """add_pack_from_path() in a child process: another program writing index.json."""
    subprocess.check_call([sys.executable, "-c", "import sys; from cmsis_pack_manager import Cache; "
                           "Cache(True, True, json_path=sys.argv[1], data_path=sys.argv[1]).add_pack_from_path(sys.argv[2])",
                           folder, path])


def test_the_index_follows_index_json_written_by_another_process(tmp_path, corpus):
    folder = str(tmp_path)
    cache = Cache(True, True, json_path=folder, data_path=folder)
    # Read while index.json does not exist: lookups, and the whole (empty) dict.
    assert "XMC4500-F100x1024" not in cache.index and len(cache.index) == 0 and cache.aliases == {}
    add_in_another_process(folder, os.path.join(corpus, "pdsc", "Infineon.XMC4000_DFP.pdsc"))
    assert cache.index["XMC4500-F100x1024"]["from_pack"]["pack"] == "XMC4000_DFP"
    count = len(cache.index)
    assert count > 0 and "XMC4500 Relax Kit" in cache.aliases
    # A second write, read in full before: the new devices come in too.
    add_in_another_process(folder, os.path.join(corpus, "packs", "NXP.MK64F12_DFP.11.0.0.pack"))
    assert "MK64FN1M0VLL12" in cache.index and len(cache.index) > count


def test_an_index_held_stays_the_snapshot_it_was(tmp_path, corpus):
    """A dict taken from cache.index keeps the file it started reading (its
    lookups never mix two versions); cache.index gives the new one."""
    folder = str(tmp_path)
    cache = Cache(True, True, json_path=folder, data_path=folder)
    cache.add_pack_from_path(os.path.join(corpus, "pdsc", "Infineon.XMC4000_DFP.pdsc"))
    held = cache.index
    add_in_another_process(folder, os.path.join(corpus, "packs", "NXP.MK64F12_DFP.11.0.0.pack"))
    assert "MK64FN1M0VLL12" not in held and "XMC4500-F100x1024" in held
    assert "MK64FN1M0VLL12" in cache.index and cache.index is not held
