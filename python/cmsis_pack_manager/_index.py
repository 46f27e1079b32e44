"""index.json read one device at a time.

A lookup finds the device's object in the file (both our one-space and the
reference's two-space layouts are pretty-printed, one top-level key per
line) and parses only that object; anything that needs every device, or a
file in another layout, loads the whole file once.
"""
import json
import mmap
import os
import re


class LazyIndex(dict):
    """A dict of device name -> index entry, filled on demand."""

    def __init__(self, path):
        dict.__init__(self)
        self._path = path
        self._complete = False
        self._layout = None  # the top-level indentation, once known

    # Single lookups: parse only the device's own object.

    def __getitem__(self, name):
        if self._complete or dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        found = self._find(name)
        if found is _UNKNOWN:
            self._load_all()
            return dict.__getitem__(self, name)
        if found is _ABSENT:
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

    # Everything else sees the whole index.

    def keys(self):
        self._load_all()
        return dict.keys(self)

    def values(self):
        self._load_all()
        return dict.values(self)

    def items(self):
        self._load_all()
        return dict.items(self)

    def __iter__(self):
        self._load_all()
        return dict.__iter__(self)

    def __len__(self):
        self._load_all()
        return dict.__len__(self)

    def __bool__(self):
        return len(self) > 0

    def __eq__(self, other):
        self._load_all()
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        self._load_all()
        return dict.__repr__(self)

    def copy(self):
        self._load_all()
        return dict(self)

    __hash__ = None

    def _load_all(self):
        if self._complete:
            return
        try:
            with open(self._path, "rb") as handle:
                data = json.load(handle)
        except (IOError, OSError):
            data = {}
        dict.clear(self)
        dict.update(self, data)
        self._complete = True

    def _find(self, name):
        """The parsed entry, _ABSENT, or _UNKNOWN (use a full load)."""
        try:
            handle = open(self._path, "rb")
        except (IOError, OSError):
            return _ABSENT
        with handle:
            try:
                size = os.fstat(handle.fileno()).st_size
                if size == 0:
                    return _ABSENT
                view = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
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


_ABSENT = object()
_UNKNOWN = object()
