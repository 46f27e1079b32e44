"""cmsis-pack-manager: the CMSIS-Pack cache and device index, in Swift.

The same Python API as cmsis-pack-manager 0.6 (the Rust implementation that
pyOCD uses), on top of this repository's Swift library:

    >>> from cmsis_pack_manager import Cache
    >>> cache = Cache(True, True)
    >>> cache.cache_descriptors()                   # fetch the pack index and descriptions
    >>> cache.index["STM32F407VGTx"]["memories"]    # one device, without loading the whole index
"""
import collections
import json
import os
import sys
import threading

from .flash_algo import FlashAlgorithm, FlashAlgorithmError

__version__ = "0.7.0"
__implementation__ = "swift"

__all__ = ["Cache", "CmsisPackRef", "CmsisPackManagerError", "FlashAlgorithm", "FlashAlgorithmError"]


class CmsisPackManagerError(Exception):
    """An operation of the Swift library failed; the message says what and where."""


class CmsisPackRef(collections.namedtuple("CmsisPackRef", "vendor, pack, version")):
    """One version of one pack."""

    def get_pdsc_name(self):
        return "{}.{}.{}.pdsc".format(self.vendor, self.pack, self.version)

    def get_pack_name(self):
        return os.path.join(self.vendor, self.pack, "{}.pack".format(self.version))

    def __str__(self):
        return "{}.{}.{}".format(self.vendor, self.pack, self.version)


def _pack_ref(device):
    """The pack an index entry comes from."""
    pack = device["from_pack"]
    return CmsisPackRef(pack["vendor"], pack["pack"], pack["version"])


def _user_data_dir():
    """appdirs.user_data_dir('cmsis-pack-manager') on Linux, as the reference."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return os.path.join(base, "cmsis-pack-manager")


def _default_data_path():
    return os.environ.get("CMSIS_PACK_MANAGER_DATA_PATH") or _user_data_dir()


def _default_json_path():
    return (os.environ.get("CMSIS_PACK_MANAGER_JSON_PATH") or os.environ.get("CMSIS_PACK_MANAGER_DATA_PATH")
            or _user_data_dir())


class Cache(object):
    """The pack cache and its device index.

    Constructing a Cache does no I/O; the index is read on first use.

    The parameters are the reference's, in its order and with its names (its
    second one is called ``__``); ``no_timeouts`` may also be given by name.

    :param silent: when True, print no progress.
    :param __: no_timeouts: when True, transfers are not dropped for being
        slow and the read time-out is ten minutes (for very slow links).
    :param json_path: folder of index.json and aliases.json.
    :param data_path: folder of cached descriptions and packs.
    :param vidx_list: file of index URLs, one per line; created with Keil's
        index URL when it does not exist, as the reference does.
    :param index_urls: (ours) index URLs to use instead of the vendor list.
    :param cacert: (ours) a PEM file (or folder) of CA certificates to trust
        instead of the system's store, as curl's ``--cacert``; without it,
        $REQUESTS_CA_BUNDLE, $CURL_CA_BUNDLE, then $SSL_CERT_FILE and
        $SSL_CERT_DIR are read when an update starts, as pip and requests do.
        Proxies come from $http_proxy/$https_proxy (credentials as
        ``http://user:password@proxy:3128``) and $no_proxy.
    :param revalidate: (ours) ask the server about every description held;
        by default one whose version the index lists is asked about only
        once a week.
    :param network: (ours) other download settings, by the command line's
        names: ``{"per-host": 6, "http2-streams": 100, "http1": 1, ...}``.
    """

    def __init__(self, silent, __=False, json_path=None, data_path=None, vidx_list=None, index_urls=None,
                 no_timeouts=None, cacert=None, revalidate=False, network=None):
        no_timeouts = __ if no_timeouts is None else no_timeouts
        # The index follows an explicit data folder (never the default one's).
        json_path = json_path or data_path or _default_json_path()
        self.data_path = data_path or _default_data_path()
        self.index_path = os.path.join(json_path, "index.json")
        self.aliases_path = os.path.join(json_path, "aliases.json")
        self.vidx_list = vidx_list
        self.silent = silent
        self.no_timeouts = no_timeouts
        self.index_urls = list(index_urls or [])
        self.cacert = os.fspath(cacert) if cacert else None
        self.revalidate = bool(revalidate)
        self.network = dict(network or {})
        self._index = None
        self._aliases = None  # (the file's signature, its content)
        self._native = None
        self._lock = threading.Lock()

    # -- the index ----------------------------------------------------------

    @property
    def index(self):
        """Device name -> index entry (name, memories, algorithms, processors,
        from_pack, vendor, family, sub_family): a dict. A lookup parses only
        that device's entry; anything else reads the whole file once.

        It follows index.json: when the file has changed since this dict was
        read (an update by this Cache, another Cache or another process),
        the next ``cache.index`` is a new dict of the new file. A dict you
        keep stays the file it started reading, changes of yours included."""
        from ._index import LazyIndex, signature
        current = signature(self.index_path)
        with self._lock:
            if self._index is None or self._index.signature != current:
                self._index = LazyIndex(self.index_path)
            return self._index

    @property
    def aliases(self):
        """Board name -> {"name", "mounted_devices"}; follows aliases.json as
        ``index`` follows index.json."""
        from ._index import signature
        current = signature(self.aliases_path)
        with self._lock:
            if self._aliases is None or self._aliases[0] != current:
                try:
                    with open(self.aliases_path, "rb") as handle:
                        current = signature(handle)
                        self._aliases = (current, json.load(handle))
                except (IOError, OSError):
                    self._aliases = (None, {})
            return self._aliases[1]

    def _forget(self):
        with self._lock:
            self._index = None
            self._aliases = None

    # -- updates ------------------------------------------------------------

    def _cache(self):
        with self._lock:
            if self._native is None:
                from ._native import NativeCache
                options = {"min-speed": 0, "timeout": 600} if self.no_timeouts else {}
                options.update(self.network)
                if self.cacert:
                    options["cacert"] = self.cacert
                if self.revalidate:
                    options["revalidate"] = 1
                self._native = NativeCache(self.data_path, os.path.dirname(self.index_path), self.vidx_list, options)
            return self._native

    def _progress(self, progress, label):
        if progress is not None:
            return progress
        if self.silent:
            return None

        def show(phase, done, total, _bytes):
            sys.stdout.write("{} ({:03}/{:03})\r".format(label if phase != "packs" else "Downloading packs", done, total))
            sys.stdout.flush()
        return show

    def _finish(self, status, report, error, strict):
        self._forget()
        if status < 0:
            raise CmsisPackManagerError(error)
        if status > 0:
            report = report or {}
            if report.get("index_failures") or strict:
                raise CmsisPackManagerError(error)
            if not self.silent:
                for failure in report.get("failed", []):
                    sys.stderr.write("warning: {}: {}\n".format(failure["pack"], failure["reason"]))
        return report

    def cache_descriptors(self, progress=None):
        """Fetch every pack description listed by the index and update index.json.

        :param progress: optional callable(phase, done, total, bytes), called
            about ten times a second while the update runs.
        :return: a report (dict): new, updated, unchanged, failed, devices…
        :raises CmsisPackManagerError: when the pack index could not be read.
        """
        status, report, error = self._cache().cache_descriptors(self.index_urls, self._progress(progress, "Downloading descriptors"))
        return self._finish(status, report, error, strict=False)

    def cache_everything(self, progress=None):
        """cache_descriptors(), then download every pack."""
        status, report, error = self._cache().cache_everything(self.index_urls, self._progress(progress, "Downloading descriptors"))
        return self._finish(status, report, error, strict=False)

    def cache_clean(self):
        """Remove what pack-manager put in the data and index folders (and
        each folder when nothing else is left in it); a folder that is not
        pack-manager's is refused with CmsisPackManagerError."""
        error = self._cache().clean()
        self._forget()
        if error:
            raise CmsisPackManagerError(error)

    def packs_for_devices(self, devices):
        """The packs (CmsisPackRef, each once) that the given index entries come from."""
        refs = collections.OrderedDict()
        for device in devices:
            refs[_pack_ref(device)] = True
        return list(refs.keys())

    def download_pack_list(self, pack_list, progress=None):
        """Download the given packs (CmsisPackRef) into the cache.

        :raises CmsisPackManagerError: when a pack could not be downloaded.
        """
        references = [str(CmsisPackRef(*ref)) for ref in pack_list]
        status, report, error = self._cache().download_packs(references, self._progress(progress, "Downloading packs"))
        return self._finish(status, report, error, strict=True)

    def add_pack_from_path(self, path):
        """Add a .pdsc, a .pack or a folder of them to the index.

        :raises CmsisPackManagerError: when it cannot be read.
        """
        status, report, error = self._cache().add_packs([path])
        return self._finish(status, report, error, strict=True)

    # -- reading the cache --------------------------------------------------

    def pdsc_from_cache(self, device):
        """The cached description (an open file) of a device's pack."""
        return open(os.path.join(self.data_path, _pack_ref(device).get_pdsc_name()), "r")

    def pack_from_cache(self, device):
        """The cached .pack (a ZipFile) of a device's pack."""
        from zipfile import ZipFile
        return ZipFile(os.path.join(self.data_path, _pack_ref(device).get_pack_name()))

    @staticmethod
    def find_pdsc(zipfile):
        """The name of the .pdsc inside a pack (a ZipFile), nearest the root."""
        names = [info.filename for info in zipfile.infolist() if info.filename.upper().endswith(".PDSC")]
        if not names:
            return None
        return min(names, key=lambda name: (name.count("/"), name))

    def get_flash_algorithms(self, device_name):
        """The flash algorithms of a device, parsed (FlashAlgorithm), read
        from its cached pack in the order its description lists them.

        :raises FlashAlgorithmError: for a file that is not a usable algorithm.
        """
        device = self.index[device_name]
        pack_path = os.path.join(self.data_path, _pack_ref(device).get_pack_name())
        return [FlashAlgorithm.from_pack(pack_path, algorithm["file_name"]) for algorithm in device["algorithms"]]

    def get_flash_algorithm_binary(self, device_name, all=False):
        """The flash algorithm of a device (the first, or an iterator of all
        with all=True), as a file-like object read from the cached pack."""
        device = self.index[device_name]
        pack = self.pack_from_cache(device)
        algorithms = (pack.open(algorithm["file_name"].replace("\\", "/")) for algorithm in device["algorithms"])
        return algorithms if all else next(algorithms)
