"""The reference's Python API, name by name (cmsis-pack-manager 0.6.0 from
PyPI, in its own venv): every public name of its two modules exists here,
and every parameter of its functions and Cache methods is accepted at the
same position, by the same name.
"""
import inspect
import json
import subprocess
import types

import pytest

import cmsis_pack_manager
import cmsis_pack_manager.pack_manager as pack_manager

SURVEY = r"""
import inspect, json, types
import cmsis_pack_manager, cmsis_pack_manager.pack_manager as pack_manager
assert not hasattr(cmsis_pack_manager, "__implementation__"), "this is not the reference"

def parameters(value):
    try:
        found = inspect.signature(value).parameters.values()
    except (TypeError, ValueError):
        return None
    return [[p.name, p.kind.name, p.default is not inspect.Parameter.empty] for p in found]

def public(module):
    names = {}
    for name, value in vars(module).items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        origin = getattr(value, "__module__", None)
        if origin is not None and not origin.startswith("cmsis_pack_manager"):
            continue  # imported helpers (join, reduce, argparse objects)
        names[name] = parameters(value) if callable(value) else None
    return names

cache = cmsis_pack_manager.Cache
print(json.dumps({
    "cmsis_pack_manager": public(cmsis_pack_manager),
    "pack_manager": public(pack_manager),
    "Cache": {name: parameters(getattr(cache, name)) for name in dir(cache) if not name.startswith("_") or name == "__init__"},
}))
"""

# The reference's command line is argparse code in pack_manager; ours is the
# Swift program that main() runs, so its argparse pieces have no counterpart.
ARGPARSE_INTERNALS = {"subcommand", "get_argparse", "command_cache", "command_find_part", "command_dump_parts",
                      "command_add_packs", "command_print_cache_dir"}
# The reference's cffi handle on its Rust library; ours is ctypes, loaded on first use.
BINDING = {"ffi"}
LEFT_OUT = {"cmsis_pack_manager": BINDING, "pack_manager": ARGPARSE_INTERNALS}


@pytest.fixture(scope="module")
def reference():
    import os
    python = os.environ.get("CMSIS_PACK_MANAGER_REFERENCE_PYTHON")
    assert python and os.access(python, os.X_OK), (
        "set CMSIS_PACK_MANAGER_REFERENCE_PYTHON to a Python with cmsis-pack-manager==0.6.0 (scripts/test does)")
    return json.loads(subprocess.check_output([python, "-I", "-c", SURVEY], text=True))


def ours(value):
    return [[p.name, p.kind.name, p.default is not inspect.Parameter.empty]
            for p in inspect.signature(value).parameters.values()]


def accepts(reference, candidate):
    """Every reference parameter at its position, with its name and kind (and
    still optional where the reference's is); ours may add optional ones."""
    assert [p[0] for p in candidate[:len(reference)]] == [p[0] for p in reference], (reference, candidate)
    for (name, kind, optional), (_, our_kind, our_optional) in zip(reference, candidate):
        assert our_kind == kind and (our_optional or not optional), (name, reference, candidate)
    assert all(optional for _, _, optional in candidate[len(reference):]), candidate


@pytest.mark.parametrize("module_name", ["cmsis_pack_manager", "pack_manager"])
def test_every_public_name_of_the_reference_exists(reference, module_name):
    module = cmsis_pack_manager if module_name == "cmsis_pack_manager" else pack_manager
    expected = set(reference[module_name]) - LEFT_OUT[module_name]
    missing = sorted(name for name in expected if not hasattr(module, name))
    assert not missing, missing
    for name in sorted(expected):
        if reference[module_name][name] is not None and not isinstance(getattr(module, name), type):
            accepts(reference[module_name][name], ours(getattr(module, name)))


def test_the_names_left_out_are_the_reference_s(reference):
    assert ARGPARSE_INTERNALS <= set(reference["pack_manager"]) and BINDING <= set(reference["cmsis_pack_manager"])
    assert pack_manager.Cache is cmsis_pack_manager.Cache


def test_every_cache_method_takes_the_reference_parameters(reference):
    for name, parameters in sorted(reference["Cache"].items()):
        assert hasattr(cmsis_pack_manager.Cache, name), name
        if parameters is not None:
            accepts(parameters, ours(getattr(cmsis_pack_manager.Cache, name)))


def test_the_second_parameter_is_named_as_in_the_reference(tmp_path):
    cache = cmsis_pack_manager.Cache(silent=True, __=True, json_path=str(tmp_path), data_path=str(tmp_path), vidx_list=None)
    assert cache.no_timeouts is True
    assert cmsis_pack_manager.Cache(True, False).no_timeouts is False
    assert cmsis_pack_manager.Cache(True, no_timeouts=True).no_timeouts is True


def test_fuzzy_find_and_the_cache_choices():
    import operator
    names = ["STM32F407VG", "STM32F407IG", "LPC1768"]
    assert pack_manager.fuzzy_find(["STM32", "VG"], names) == {"STM32F407VG"}
    assert pack_manager.fuzzy_find(["VG", "LPC"], names, operator.or_) == {"STM32F407VG", "LPC1768"}
    assert "descriptors" in pack_manager.CACHE_CHOICES and "rm" in pack_manager.CACHE_CHOICES
