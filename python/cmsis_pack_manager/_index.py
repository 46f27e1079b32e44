"""index.json read one device at a time.

One LazyIndex is one version of the file: it keeps the file it opened
(index.json is replaced by a rename, never rewritten in place), so its
lookups never mix two versions; Cache.index makes a new one when the file
has changed (`signature`).

A lookup finds the device's object in the file (both our one-space and the
reference's two-space layouts are pretty-printed, one top-level key per
line) and parses only that object; anything that needs every device, or a
file in another layout, loads the whole file once.

Devices without an Arm processor (no processor at all, or only MIPS, RISC-V
and other cores; Microchip's PIC32MX, for one) stay in index.json, where the
command line's catalogue finds them, but this dict, which pyOCD reads, does
not offer them: pyOCD debugs Arm cores only.
"""
import json
import mmap
import os
import re


class LazyIndex(dict):
    """A dict of device name -> index entry, filled on demand.

    `index[name]`, `get` and `in` parse only that device's entry; every
    other method reads the whole file first and then is dict's own, so
    assignments, pop, setdefault, update and the rest behave as on a dict
    and are never overwritten by a later read. The first entry is read at
    once, so that C code that looks at a dict's size without calling its
    methods (json.dumps) sees a non-empty dict when the file has devices.
    """

    def __init__(self, path):
        dict.__init__(self)
        self._path = path
        self._complete = False
        self._layout = None  # the top-level indentation, once known
        try:
            self._file = open(path, "rb")
        except (IOError, OSError):
            self._file = None  # no index: an empty dict
        #: The version of index.json read (None when there was none).
        self.signature = signature(self._file) if self._file else None
        self._read_first()

    def __del__(self):
        if getattr(self, "_file", None) is not None:
            self._file.close()

    # Single lookups: parse only the device's own object.

    def __getitem__(self, name):
        if self._complete or dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        found = self._find(name)
        if found is _UNKNOWN:
            self._load_all()
            return dict.__getitem__(self, name)
        if found is _ABSENT or not debuggable(found):
            raise KeyError(name)
        dict.__setitem__(self, name, found)
        return found

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name):
        return self.get(name, _ABSENT) is not _ABSENT

    @classmethod
    def fromkeys(cls, keys, value=None):
        return dict.fromkeys(keys, value)

    def __reduce_ex__(self, protocol):
        """Copies and pickles are plain dicts of every device."""
        self._load_all()
        return (dict, (dict(dict.items(self)),))

    __hash__ = None

    def _load_all(self):
        if self._complete:
            return
        try:
            data = json.loads(self._read(0, None)) if self._file else {}
        except (IOError, OSError):
            data = {}
        dict.clear(self)
        dict.update(self, ((name, entry) for name, entry in data.items() if debuggable(entry)))
        self._complete = True

    def _read(self, offset, size):
        """Bytes of the file kept open (all from offset when size is None);
        pread, so threads may read at once."""
        descriptor = self._file.fileno()
        if size is None:
            size = os.fstat(descriptor).st_size - offset
        parts = []
        while size > 0:
            part = os.pread(descriptor, size, offset)
            if not part:
                break
            parts.append(part)
            offset += len(part)
            size -= len(part)
        return b"".join(parts)

    def _read_first(self):
        if self._file is None:
            return
        try:
            head = self._read(0, 512)
        except (IOError, OSError):
            return
        match = re.match(rb'\s*\{\s*("(?:[^"\\]|\\.)*")\s*:', head)
        if not match:
            if head.strip() not in (b"", b"{}"):
                self._load_all()
            return
        try:
            name = json.loads(match.group(1))
        except ValueError:
            self._load_all()
            return
        self.get(name)

    def _find(self, name):
        """The parsed entry, _ABSENT, or _UNKNOWN (use a full load)."""
        if self._file is None:
            return _ABSENT
        try:
            size = os.fstat(self._file.fileno()).st_size
            if size == 0:
                return _ABSENT
            view = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return _UNKNOWN
        try:
            return self._slice(view, name)
        finally:
            view.close()

    def _slice(self, view, name):
        indent = self._indent(view)
        if indent is None:
            return _UNKNOWN
        closing = b"\n" + indent + b"}"
        for key in {json.dumps(name).encode(), json.dumps(name, ensure_ascii=False).encode("utf-8")}:
            start = view.find(b"\n" + indent + key + b": {")
            if start < 0:
                continue
            value_start = start + 1 + len(indent) + len(key) + 2
            end = view.find(closing, value_start)
            if end < 0:
                return _UNKNOWN
            try:
                value = json.loads(view[value_start:end + len(closing)])
            except ValueError:
                return _UNKNOWN
            return value
        return _ABSENT

    def _indent(self, view):
        """The indentation of top-level keys: '{' then a newline and spaces."""
        if self._layout is None:
            match = re.match(rb"\s*\{\n( +)\"", view[:256])
            self._layout = match.group(1) if match else b""
        return self._layout or None


def signature(source):
    """What tells one version of a file from another (a path or an open
    file): device, inode, size and modification time; None when there is
    no such file."""
    try:
        info = os.fstat(source.fileno()) if hasattr(source, "fileno") else os.stat(source)
    except (IOError, OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _whole(method):
    """dict's method, after the whole file is read."""
    def whole(self, *arguments, **keywords):
        self._load_all()
        return method(self, *arguments, **keywords)
    whole.__name__ = method.__name__
    whole.__doc__ = method.__doc__
    return whole


# Everything else sees (and changes) the whole index.
for _name in ("keys", "values", "items", "__iter__", "__reversed__", "__len__", "__eq__", "__ne__", "__repr__",
              "copy", "__or__", "__ror__", "__ior__", "__setitem__", "__delitem__", "pop", "popitem", "setdefault",
              "update", "clear", "__sizeof__"):
    if hasattr(dict, _name):
        setattr(LazyIndex, _name, _whole(getattr(dict, _name)))
del _name

_ABSENT = object()
_UNKNOWN = object()

# How index.json spells Arm cores: Cortex-M/R/A, SecurCore, the Armv8-M
# baselines and mainlines, and Arm China's Star-MC (Armv8-M).
_ARM_CORES = ("Cortex", "SC", "ARMV", "Star")


def debuggable(entry):
    """Whether a device entry has at least one Arm processor."""
    if not isinstance(entry, dict):
        return True
    processors = entry.get("processors")
    if isinstance(processors, dict):
        processors = list(processors.values())
    if not isinstance(processors, list):
        return True  # another layout: leave it to the reader
    return any(isinstance(p, dict) and str(p.get("core", "")).startswith(_ARM_CORES) for p in processors)
