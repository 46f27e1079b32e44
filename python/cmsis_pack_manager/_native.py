"""ctypes bindings to libcmsis_pack_manager.so (the Swift library).

Loaded on first use, so that `import cmsis_pack_manager` and index lookups
stay fast and never load the Swift runtime.
"""
import ctypes
import json
import os
import signal
import threading

_lib = None


class Progress(ctypes.Structure):
    _fields_ = [
        ("phase", ctypes.c_char_p),
        ("done", ctypes.c_uint64),
        ("total", ctypes.c_uint64),
        ("failed", ctypes.c_uint64),
        ("bytes", ctypes.c_uint64),
    ]


ProgressCallback = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(Progress))


def library_path():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("CMSIS_PACK_MANAGER_LIBRARY") or os.path.join(here, "lib", "libcmsis_pack_manager.so")


def lib():
    global _lib
    if _lib is not None:
        return _lib
    path = library_path()
    if not os.path.isfile(path):
        raise ImportError("the Swift library of cmsis_pack_manager is missing (%s); reinstall the package" % path)
    handle = ctypes.CDLL(path)
    c_char_pp = ctypes.POINTER(ctypes.c_char_p)
    out_string = ctypes.POINTER(ctypes.c_void_p)
    signatures = {
        "cpm_version": (ctypes.c_char_p, []),
        "cpm_string_free": (None, [ctypes.c_void_p]),
        "cpm_last_error": (ctypes.c_void_p, []),
        "cpm_cache_new": (ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]),
        "cpm_cache_free": (None, [ctypes.c_void_p]),
        "cpm_cache_configure": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]),
        "cpm_cache_descriptors": (ctypes.c_int, [ctypes.c_void_p, c_char_pp, ctypes.c_size_t, ProgressCallback, ctypes.c_void_p, out_string]),
        "cpm_cache_everything": (ctypes.c_int, [ctypes.c_void_p, c_char_pp, ctypes.c_size_t, ProgressCallback, ctypes.c_void_p, out_string]),
        "cpm_download_packs": (ctypes.c_int, [ctypes.c_void_p, c_char_pp, ctypes.c_size_t, ProgressCallback, ctypes.c_void_p, out_string]),
        "cpm_add_packs": (ctypes.c_int, [ctypes.c_void_p, c_char_pp, ctypes.c_size_t, out_string]),
        "cpm_cache_clean": (ctypes.c_int, [ctypes.c_void_p]),
        "cpm_cache_cancel": (None, [ctypes.c_void_p]),
        "cpm_device_json": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p]),
        "cpm_cli_main": (ctypes.c_int, [ctypes.c_int, c_char_pp]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(handle, name)
        function.restype = restype
        function.argtypes = argtypes
    _lib = handle
    return handle


def is_loaded():
    return _lib is not None


def run_command_line(argv):
    """The `pack-manager` program in this process (cpm_cli_main); argv[0] is
    the program's name. Returns the exit status. The program may end the
    process itself, so pack_manager.main() calls this in a child."""
    array, count = string_array(argv)
    return lib().cpm_cli_main(count, array)


def take_bytes(pointer):
    """A library-allocated string's bytes, freed."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer)
    finally:
        lib().cpm_string_free(pointer)


def take_string(pointer):
    """A library-allocated string as str, freed."""
    data = take_bytes(pointer)
    return None if data is None else data.decode("utf-8", "replace")


def last_error():
    return take_string(lib().cpm_last_error()) or "unknown error"


def string_array(values):
    encoded = [os.fsencode(value) if not isinstance(value, bytes) else value for value in values]
    array = (ctypes.c_char_p * max(1, len(encoded)))(*encoded)
    return array, len(encoded)


def _result(status, report, error=None):
    """(status, the JSON report or None, the error message when status is not 0), the report freed.
    `error` is the message when the call ran on another thread (cpm_last_error is per thread)."""
    data = take_bytes(report.value)  # parsed as bytes: a report can be tens of MB, no str copy of it
    if status != 0 and error is None:
        error = last_error()
    return status, (json.loads(data) if data else None), error


def _hold_interrupts():
    """Blocks SIGINT on the main thread (where Python takes it) and says
    whether it did; a pending one then waits until SIGINT is unblocked."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        return False
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except BaseException:  # a Ctrl-C from before, raised once the mask was set
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        raise
    return True


def _option_value(value):
    """An option's value as cpm_cache_configure takes it: paths as the file
    system spells them, booleans as 0 or 1, numbers in decimal."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, (str, bytes, os.PathLike)):
        return os.fsencode(value)
    return str(value).encode()


class NativeCache(object):
    """The folders and options of a cpm_cache. Each operation runs on a
    cpm_cache of its own, made for it and freed after it: a cancel (Ctrl-C)
    then reaches that operation only, never one another thread runs. The
    library puts operations on one folder in line, in the order they are
    called, and runs operations on different folders at once."""

    def __init__(self, data_path, json_path, vidx_list, options=None):
        self._lib = lib()
        encode = lambda value: os.fsencode(value) if value else None
        self._paths = (encode(data_path), encode(json_path), encode(vidx_list))
        self._options = [(option.encode(), _option_value(value)) for option, value in (options or {}).items()]
        self._free(self._new_handle())  # an invalid option is an error now, not at the first operation

    def _new_handle(self):
        handle = self._lib.cpm_cache_new(*self._paths)
        if not handle:
            raise MemoryError("cpm_cache_new failed")
        for option, value in self._options:
            if self._lib.cpm_cache_configure(handle, option, value) != 0:
                error = last_error()
                self._free(handle)
                raise ValueError(error)
        return handle

    def _free(self, handle):
        self._lib.cpm_cache_free(handle)

    def _run(self, call, progress=None):
        """Runs a blocking operation, `call(handle, callback, report)`, on a
        worker thread while this thread waits, so that Ctrl-C
        (KeyboardInterrupt) is seen at once, also while the operation waits
        for its turn on the folder: it cancels the operation, waits for it to
        stop (a cancelled update leaves the cache as it was) and is raised
        again. The progress callable is called on this thread; an exception
        it raises cancels the operation too."""
        handle = self._new_handle()
        report = ctypes.c_void_p()
        latest = [None]

        def record(_user_data, pointer):
            p = pointer.contents
            latest[0] = ((p.phase or b"").decode(), int(p.done), int(p.total), int(p.bytes))
        callback = ProgressCallback(record)
        outcome = {}

        finished = threading.Event()

        def work():
            try:
                status = call(handle, callback, ctypes.byref(report))
                outcome["error"] = last_error() if status != 0 else None
                outcome["status"] = status
            finally:
                finished.set()
        worker = threading.Thread(target=work, name="cmsis-pack-manager")
        interrupted = None
        shown = None
        # Ctrl-C is held back while the worker starts: a KeyboardInterrupt
        # raised inside start() would leave the operation running unwatched,
        # never cancelled. One that came meanwhile arrives when it is let go.
        held = _hold_interrupts()
        try:
            worker.start()
        finally:
            if held:
                try:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
                except KeyboardInterrupt as error:
                    interrupted = error
                    self._lib.cpm_cache_cancel(handle)
        # Waits on an Event, not on Thread.join(): a KeyboardInterrupt that
        # lands in join() can leave the thread marked as ended while it still
        # runs (threading.py's bpo-45274 handling, in Python 3.11 among
        # others). This call then returned while the operation went on, and
        # the process could exit under it: SIGSEGV when the operation called
        # the progress callback, or its staged files left in .cpm/tmp.
        while not finished.is_set():
            try:
                finished.wait(0.1)
                if interrupted is not None:
                    # Again, in case the first cancel came before the operation started.
                    self._lib.cpm_cache_cancel(handle)
                elif progress is not None and latest[0] is not None and latest[0] != shown:
                    shown = latest[0]
                    progress(*shown)
            except BaseException as error:  # Ctrl-C, or an error raised by the progress callable
                if interrupted is None:
                    interrupted = error
                self._lib.cpm_cache_cancel(handle)
        # The operation has ended: nothing uses the handle any more.
        self._free(handle)
        if interrupted is not None:
            take_string(report.value)
            raise interrupted
        if progress is not None and latest[0] is not None and latest[0] != shown:
            progress(*latest[0])
        return _result(outcome["status"], report, outcome["error"])

    def _update(self, function, values, progress):
        array, count = string_array(values)
        return self._run(lambda handle, callback, report: function(handle, array, count, callback, None, report), progress)

    def cache_descriptors(self, urls, progress=None):
        return self._update(self._lib.cpm_cache_descriptors, urls, progress)

    def cache_everything(self, urls, progress=None):
        return self._update(self._lib.cpm_cache_everything, urls, progress)

    def download_packs(self, references, progress=None):
        return self._update(self._lib.cpm_download_packs, references, progress)

    def add_packs(self, paths):
        array, count = string_array(paths)
        return self._run(lambda handle, _callback, report: self._lib.cpm_add_packs(handle, array, count, report))

    def clean(self):
        status, _, error = self._run(lambda handle, _callback, _report: self._lib.cpm_cache_clean(handle))
        return error if status != 0 else None
