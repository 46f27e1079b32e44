"""Flash algorithms (.FLM files), parsed by the Swift library.

The attributes are those of pyOCD's own parser
(``pyocd.target.pack.flash_algo.PackFlashAlgo``), so code written for it
reads ours the same way:

    >>> from cmsis_pack_manager import FlashAlgorithm
    >>> algo = FlashAlgorithm.from_file("GD32F10x_MD.FLM")
    >>> hex(algo.flash_start), algo.page_size, algo.symbols["ProgramPage"]
    ('0x8000000', 1024, 161)

``algo.get_pyocd_flash_algo(algo.page_size, ram)`` (``ram``: anything with
``.start`` and ``.length``) gives pyOCD's FLASH_ALGO dictionary.
"""
import json
import os

# ctypes, base64, zipfile and the library binding are imported on first use,
# so that `import cmsis_pack_manager` stays as fast as it was.


class FlashAlgorithmError(ValueError):
    """A file that is not a usable flash algorithm; the message names the file and the reason."""


class FlashInfo(object):
    """The FlashDevice description of an algorithm (pyOCD's PackFlashInfo)."""

    def __init__(self, device):
        self.name = device["name"]
        self.version = device["version"]
        self.type = device["type"]
        self.start = device["start"]
        self.size = device["size"]
        self.page_size = device["page_size"]
        self.value_empty = device["erased_value"]
        self.prog_timeout_ms = device["program_timeout_ms"]
        self.erase_timeout_ms = device["erase_timeout_ms"]
        # (offset from start, sector size), as written in the file.
        self.sector_info_list = [(sector["offset"], sector["size"]) for sector in device["sectors"]]

    def __repr__(self):
        return "<FlashInfo %r 0x%x+0x%x page 0x%x>" % (self.name, self.start, self.size, self.page_size)


class FlashAlgorithm(object):
    """A parsed flash algorithm.

    :param data: the .FLM file's bytes.
    :param name: names the file in error messages.
    :raises FlashAlgorithmError: for a file that is not a usable algorithm
        (not ELF, not Arm Thumb, truncated, sections out of range, too large).
    """

    def __init__(self, data, name="flash algorithm"):
        import base64
        from . import _native
        data = bytes(data)
        self.name = name
        text = _native.take_string(_lib().cpm_flash_algorithm_json(data, len(data), name.encode("utf-8", "replace")))
        if text is None:
            raise FlashAlgorithmError(_native.last_error())
        self._data = data
        self.json = json.loads(text)
        device = self.json["device"]
        self.flash_info = FlashInfo(device)
        self.flash_start = device["start"]
        self.flash_size = device["size"]
        self.page_size = device["page_size"]
        # (offset, size) pairs, as pyOCD's sector_sizes.
        self.sector_sizes = list(self.flash_info.sector_info_list)
        # Offsets in the image, Thumb bit set, of the functions present.
        self.symbols = dict(self.json["entry_points"])
        self.ro_start, self.ro_size = self.json["code"]["start"], self.json["code"]["size"]
        self.rw_start, self.rw_size = self.json["data"]["start"], self.json["data"]["size"]
        self.zi_start, self.zi_size = self.json["zero_initialized"]["start"], self.json["zero_initialized"]["size"]
        self.static_base = self.json["static_base"]
        # Code, data and zero-initialised data from offset 0: what is loaded into RAM.
        self.algo_data = bytearray(base64.b64decode(self.json["image"]))
        self.warnings = list(self.json["warnings"])

    @classmethod
    def from_file(cls, path):
        """Reads a .FLM file from disk (its size is checked before it is read)."""
        size = os.path.getsize(path)
        if size > _MAXIMUM_SIZE:
            raise FlashAlgorithmError("%s: %d bytes, larger than any flash algorithm (limit 16 MiB)" % (path, size))
        with open(path, "rb") as handle:
            data = handle.read()
        return cls(data, name=str(path))

    @classmethod
    def from_pack(cls, pack_path, member):
        """Reads member `member` (as a pdsc names it: '\\' or '/') of a .pack file."""
        import zipfile
        with zipfile.ZipFile(pack_path) as archive:
            wanted = member.replace("\\", "/")
            names = {info.filename: info for info in archive.infolist()}
            info = names.get(wanted) or next((i for n, i in names.items() if n.lower() == wanted.lower()), None)
            if info is None:
                raise FlashAlgorithmError("%s!/%s: no such member" % (pack_path, wanted))
            if info.file_size > _MAXIMUM_SIZE:
                raise FlashAlgorithmError("%s!/%s: %d bytes, larger than any flash algorithm" % (pack_path, wanted, info.file_size))
            data = archive.read(info)
        return cls(data, name="%s!/%s" % (pack_path, info.filename))

    def iter_sector_size_ranges(self):
        """(start, end inclusive, sector size) for each run of equal sectors."""
        for sector in self.json["device"]["sector_ranges"]:
            yield sector["start"], sector["end"] - 1, sector["sector_size"]

    def get_pyocd_flash_algo(self, blocksize, ram_region):
        """pyOCD's FLASH_ALGO dictionary for this algorithm placed in
        `ram_region` (anything with .start and .length, such as pyOCD's
        RamRegion), computed as PackFlashAlgo.get_pyocd_flash_algo does.

        :raises FlashAlgorithmError: when it does not fit.
        """
        from . import _native
        text = _native.take_string(_lib().cpm_flash_algorithm_pyocd_json(
            self._data, len(self._data), self.name.encode("utf-8", "replace"),
            int(ram_region.start), int(ram_region.length), int(blocksize)))
        if text is None:
            raise FlashAlgorithmError(_native.last_error())
        return json.loads(text)

    def __repr__(self):
        return "<FlashAlgorithm %s: %r>" % (self.name, self.flash_info)


_MAXIMUM_SIZE = 16 << 20
_configured = []


def _lib():
    """The library, with the signatures of the flash algorithm functions set."""
    import ctypes
    from . import _native
    lib = _native.lib()
    if not _configured:
        lib.cpm_flash_algorithm_json.restype = ctypes.c_void_p
        lib.cpm_flash_algorithm_json.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p]
        lib.cpm_flash_algorithm_pyocd_json.restype = ctypes.c_void_p
        lib.cpm_flash_algorithm_pyocd_json.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                                       ctypes.c_uint64, ctypes.c_uint64, ctypes.c_uint64]
        _configured.append(True)
    return lib
