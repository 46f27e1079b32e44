"""`pack-manager dump components` against the reference's `dumps_components`
(cmsis-pack-manager 0.6.0 from PyPI, in its own venv) on every corpus PDSC.

The fields the reference gets right must be equal. Where it contradicts the
specification (see README, "Components"), the difference is asserted too,
so that each deliberate deviation is checked rather than tolerated.
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import CORPUS

# The console script, as users run it.
SCRIPT = os.path.join(os.path.dirname(sys.executable), "pack-manager")

REFERENCE_DUMP = r"""
import sys
from cmsis_pack_manager.cmsis_pack_manager import ffi, lib
index = lib.update_pdsc_index_new()
lib.update_pdsc_index_push(index, sys.argv[1].encode())
parsed = lib.parse_packs(index)
assert parsed != ffi.NULL, "parse_packs failed"
text = lib.dumps_components(parsed)
assert text != ffi.NULL, "dumps_components failed"
sys.stdout.write(ffi.string(text).decode())
"""


def corpus_files():
    found = []
    for folder, _, names in os.walk(os.path.join(CORPUS, "pdsc")):
        found += [os.path.join(folder, name) for name in names if name.endswith(".pdsc")]
    return sorted(found)


@pytest.fixture(scope="module")
def reference_python():
    python = os.environ.get("CMSIS_PACK_MANAGER_REFERENCE_PYTHON")
    assert python and os.access(python, os.X_OK), (
        "set CMSIS_PACK_MANAGER_REFERENCE_PYTHON to a Python with cmsis-pack-manager==0.6.0 (scripts/test does)")
    return python


def collapse(text):
    return " ".join((text or "").split())


def components_in_document_order(path):
    """(component element, bundle element or None) for each component."""
    root = ElementTree.parse(path).getroot()
    result = []
    for section in root.findall("components"):
        result = []  # the reference reads the last <components> only; the corpus has one
        for child in section:
            if child.tag == "component":
                result.append((child, None))
            elif child.tag == "bundle":
                result += [(component, child) for component in child.findall("component")]
    return result


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: os.path.relpath(p, CORPUS))
def test_components_match_the_reference(path, reference_python):
    reference = json.loads(subprocess.run([reference_python, "-c", REFERENCE_DUMP, path], check=True,
                                          capture_output=True, text=True, timeout=120).stdout)
    ours = json.loads(subprocess.run([SCRIPT, "dump", "components", "--file", path], check=True,
                                     capture_output=True, text=True, timeout=120).stdout)
    elements = components_in_document_order(path)
    assert len(ours) == len(reference) == len(elements)

    for mine, theirs, (element, bundle) in zip(ours, reference, elements):
        for key in ("vendor", "class", "group", "sub_group", "variant", "version", "api_version", "condition",
                    "max_instances"):
            assert mine[key] == theirs[key], (key, mine["id"])
        # The reference keeps the text up to the first comment, untrimmed; we trim it.
        assert collapse(mine["description"]) == collapse(theirs["description"])
        assert len(mine["files"]) == len(theirs["files"])
        for file, their_file in zip(mine["files"], theirs["files"]):
            assert file["path"] == their_file["path"].replace("\\", "/")
            for key in ("category", "attr", "condition", "select", "src", "version"):
                assert file[key] == their_file[key], (key, file["path"])

        # Deliberate differences, each checked.
        rte = element.find("RTE_Components_h")
        if rte is not None and (rte.text or "").strip():
            # The reference reads <RTE_components_h> (lower-case c), so it loses this.
            assert theirs["rte_addition"] == ""
            assert mine["rte_addition"].strip() == rte.text.strip()
        default = element.get("isDefaultVariant")
        # isDefaultVariant is an optional xs:boolean: absent means false (the reference says true).
        assert mine["is_default"] == (default in ("true", "1"))
        deprecated = element.find("deprecated")
        assert mine["deprecated"] == (deprecated is not None and (deprecated.text or "").strip() in ("true", "1"))
        if bundle is not None:
            assert mine["bundle"] == bundle.get("Cbundle")
        assert re.match(r"^[^:]+::", mine["id"])
