"""Our flash algorithm reader (the Swift library through cmsis_pack_manager)
against pyOCD's own (pyocd from PyPI, PackFlashAlgo), field by field, on
every .FLM member of every corpus pack; then the files where pyOCD is wrong.

scripts/test installs pyocd into the test environment.
"""
import glob
import io
import os
import zipfile

import pytest

from conftest import CORPUS

if os.environ.get("CMSIS_PACK_MANAGER_ALLOW_NO_PYOCD"):
    pytest.importorskip("pyocd")
from pyocd.core.memory_map import RamRegion  # noqa: E402
from pyocd.target.pack.flash_algo import FlashAlgoException, PackFlashAlgo  # noqa: E402

from cmsis_pack_manager import FlashAlgorithm, FlashAlgorithmError  # noqa: E402


def corpus_algorithms():
    """(pack, member) for every .FLM file inside every corpus .pack."""
    found = []
    for pack in sorted(glob.glob(os.path.join(CORPUS, "packs", "**", "*.pack"), recursive=True)):
        with zipfile.ZipFile(pack) as archive:
            found += [(pack, name) for name in sorted(archive.namelist()) if name.upper().endswith(".FLM")]
    return found


ALGORITHMS = corpus_algorithms()
# RAM regions to place each algorithm in: roomy, tight (one page buffer), too small, unaligned.
RAM_REGIONS = [(0x20000000, 0x5000), (0x20000000, 0x1000), (0x1FFF0000, 0x40000), (0x20000000, 0x600), (0x20000003, 0x2001),
               (0x20000000, 0x40)]


def read(pack, member):
    with zipfile.ZipFile(pack) as archive:
        return archive.read(member)


def test_the_corpus_has_algorithms_to_compare():
    # Five packs hold twelve .FLM files today (one of them empty); the comparison must not pass on none.
    assert len(ALGORITHMS) >= 12


@pytest.mark.parametrize("pack,member", ALGORITHMS, ids=[member for _, member in ALGORITHMS])
def test_every_field_as_pyocd_reads_it(pack, member):
    data = read(pack, member)
    try:
        theirs = PackFlashAlgo(io.BytesIO(data))
    except Exception as refused:
        # pyOCD refuses it (the test pack's empty flash/algo.FLM: elftools'
        # "Magic number does not match", naming no file); so do we, naming it.
        with pytest.raises(FlashAlgorithmError) as error:
            FlashAlgorithm(data, name=member)
        assert str(error.value).startswith(member + ": "), (str(error.value), refused)
        return
    ours = FlashAlgorithm(data, name=member)

    info, mine = theirs.flash_info, ours.flash_info
    assert mine.name == info.name.decode("ascii")
    for field in ("version", "type", "start", "size", "page_size", "value_empty", "prog_timeout_ms", "erase_timeout_ms",
                  "sector_info_list"):
        assert getattr(mine, field) == getattr(info, field), field
    for field in ("flash_start", "flash_size", "page_size", "sector_sizes", "symbols",
                  "ro_start", "ro_size", "rw_start", "rw_size", "zi_start", "zi_size", "algo_data"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert list(ours.iter_sector_size_ranges()) == [(r.start, r.end, size) for r, size in theirs.iter_sector_size_ranges()]
    assert ours.warnings == []

    # Placed in RAM: the same FLASH_ALGO dictionary, or both refuse.
    for start, length in RAM_REGIONS:
        for blocksize in (theirs.page_size, 0x800):
            region = RamRegion(start=start, length=length)
            try:
                expected = theirs.get_pyocd_flash_algo(blocksize, region)
            except FlashAlgoException:
                with pytest.raises(FlashAlgorithmError):
                    ours.get_pyocd_flash_algo(blocksize, region)
                continue
            assert ours.get_pyocd_flash_algo(blocksize, region) == expected, (hex(start), hex(length), blocksize)


def mk_p1m0():
    pack = os.path.join(CORPUS, "packs", "NXP.MK64F12_DFP.11.0.0.pack")
    return bytearray(read(pack, "arm/MK_P1M0.FLM"))


# In MK_P1M0.FLM, the DevDscr section (the FlashDevice structure, 160 bytes,
# then its sector table) starts at file offset 0x454 and is 0x10a0 bytes.
DEVICE = 0x454
SECTORS = DEVICE + 160


def test_a_name_ends_at_its_first_nul_where_pyocd_keeps_what_follows():
    """FlashDevice.DevName is a C string: pyOCD strips NULs from its ends
    only, so bytes after the terminating NUL end up in its name."""
    data = mk_p1m0()
    data[DEVICE + 2 + 30:DEVICE + 2 + 33] = b"XYZ"
    assert FlashAlgorithm(bytes(data)).flash_info.name == "MKxxN 1024KB Prog Flash"
    assert PackFlashAlgo(io.BytesIO(bytes(data))).flash_info.name.endswith(b"\x00XYZ")


def test_a_sector_table_without_its_end_marker_is_an_error_naming_the_file():
    """pyOCD reads past the table's end and fails inside struct.unpack with a
    TypeError (not its FlashAlgoException), which names neither file nor problem."""
    data = mk_p1m0()
    data[SECTORS + 8:DEVICE + 0x10A0] = b"\x00" * (DEVICE + 0x10A0 - SECTORS - 8)
    with pytest.raises(FlashAlgorithmError) as error:
        FlashAlgorithm(bytes(data), name="MK_P1M0.FLM")
    assert str(error.value).startswith("MK_P1M0.FLM: the sector table of FlashDevice")
    with pytest.raises(TypeError):
        PackFlashAlgo(io.BytesIO(bytes(data)))


def test_hostile_files_get_an_error_naming_them():
    for data, reason in [(b"", "not an ELF file"), (b"<package/>", "not an ELF file"), (bytes(mk_p1m0()[:100]), "truncated")]:
        with pytest.raises(FlashAlgorithmError) as error:
            FlashAlgorithm(data, name="x.FLM")
        assert str(error.value).startswith("x.FLM: ") and reason in str(error.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.FLM"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1000 * 1000)
    with pytest.raises(FlashAlgorithmError) as error:
        FlashAlgorithm.from_file(str(path))
    assert "100000000 bytes, larger than any flash algorithm" in str(error.value)


def test_from_pack_and_the_cache(tmp_path):
    pack = os.path.join(CORPUS, "packs", "GigaDevice.GD32F10x_DFP.2.0.2.pack")
    algorithm = FlashAlgorithm.from_pack(pack, "Flash\\gd32f10x_md.flm")
    assert algorithm.name.endswith("!/Flash/GD32F10x_MD.FLM")
    assert (algorithm.flash_start, algorithm.flash_size, algorithm.page_size) == (0x08000000, 0x20000, 0x400)
    with pytest.raises(FlashAlgorithmError):
        FlashAlgorithm.from_pack(pack, "Flash/None.FLM")

    from cmsis_pack_manager import Cache
    from conftest import copy_pack_into_cache
    cache = Cache(True, False, json_path=str(tmp_path), data_path=str(tmp_path))
    cache.add_pack_from_path(pack)
    copy_pack_into_cache(str(tmp_path), "GigaDevice", "GD32F10x_DFP", "2.0.2", pack)
    [parsed] = cache.get_flash_algorithms("GD32F103C8")
    assert parsed.algo_data == algorithm.algo_data and parsed.symbols == algorithm.symbols


@pytest.mark.parametrize("pack,device,member,ram", [
    ("GigaDevice.GD32F10x_DFP.2.0.2.pack", "GD32F103C8", "Flash/GD32F10x_MD.FLM", (0x20000000, 0x5000)),  # the default RAM
    ("NXP.MK64F12_DFP.11.0.0.pack", "MK64FX512VLL12", "arm/MK_P512X.FLM", (0x20000000, 0x1000)),      # RAMstart, RAMsize
    ("HDSC.HC32L110.1.0.3.pack", "HC32L110C6UA", "Flash/HC32L110B6_C6.FLM", (0x20000000, 0x1000)),
])
def test_export_pyocd_writes_what_pyocd_computes(tmp_path, pack, device, member, ram):
    """`pack-manager export pyocd` writes Python whose FLASH_ALGO (the
    device's default algorithm, in the RAM its description gives) is the
    dictionary pyOCD makes from the same file for the same RAM."""
    from cmsis_pack_manager import pack_manager
    pack = os.path.join(CORPUS, "packs", pack)
    output = str(tmp_path / "flash.py")
    assert pack_manager.main(["export", "pyocd", device, "--file", pack, "-o", output]) == 0
    namespace = {}
    with open(output) as handle:
        exec(handle.read(), namespace)
    theirs = PackFlashAlgo(io.BytesIO(read(pack, member)))
    assert namespace["FLASH_ALGO"] == theirs.get_pyocd_flash_algo(theirs.page_size, RamRegion(start=ram[0], length=ram[1]))
