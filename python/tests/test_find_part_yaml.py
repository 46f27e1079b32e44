"""find-part prints YAML as the reference does: PyYAML's safe_dump.

The expected text is produced here by PyYAML (installed with pyOCD) from the
same data the command reads (index.json and aliases.json), the way the
reference's find-part builds it, so every quoting, flow-style, escaping and
line-folding rule is compared, not a hand-written copy of the output.
"""
import json
import os
import subprocess
import sys

import yaml

SCRIPT = os.path.join(os.path.dirname(sys.executable), "pack-manager")

# Strings that PyYAML's YAML 1.1 resolver reads as something else when they
# are written plain, strings that must be escaped or folded, and ones that
# stay plain. They become device, family, memory and file names below.
TRICKY = ["Yes", "NO", "on", "OFF", "y", "n", "Y", "N", "true", "Null", "~", "1e5", "1.5", "inf", ".inf",
          ".NaN", "1_000", "0b101", "017", "0x1F", "12:30", "2001-12-14", "2001-12-14 21:59:43.10 -5",
          "=", "<<", "-dash", "a: b", "hash #x", "[x]", "{y}", "x, y", "'q'", "\"dq\"", "@at", "`tick`",
          "%p", "!bang", "&amp", "*star", "|pipe", ">fold", "?q", "trailing ", " leading", "Ünïcødé",
          "日本語", "tab\there", "emoji \U0001F600", "plain-name_1", "CMSIS/Flash/Algo v2.FLM",
          "a" * 90, "words " * 20]


def _escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\"", "&quot;").replace("\t", "&#9;"))


def _tricky_pdsc(path):
    devices = []
    for number, text in enumerate(TRICKY):
        devices.append("""
        <device Dname="{name}">
          <processor Dcore="Cortex-M4" Dfpu="SP_FPU" Dmpu="MPU" Dendian="Little-endian" Dclock="1000000"/>
          <debug svd="{svd}"/>
          <memory name="{memory}" access="rx" start="0x08000000" size="0x{size:x}" startup="1" default="1"/>
          <memory id="IRAM1" start="0x20000000" size="0x1000" default="1"/>
          <algorithm name="{algorithm}" start="0x08000000" size="0x{size:x}" RAMstart="0x20000000" RAMsize="0x1000" default="1"/>
        </device>""".format(name=_escape(text), svd=_escape("SVD/" + text + ".svd"), memory=_escape(text),
                            algorithm=_escape(text), size=0x1000 * (number + 1)))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("""<?xml version="1.0" encoding="UTF-8"?>
<package schemaVersion="1.7.7" xmlns:xs="http://www.w3.org/2001/XMLSchema-instance">
  <vendor>Tricky</vendor>
  <name>Yaml_DFP</name>
  <description>Names that need care in YAML</description>
  <url>https://example.com/packs/</url>
  <releases><release version="1.0.0" date="2026-01-01">First</release></releases>
  <devices>
    <family Dfamily="{family}" Dvendor="ARM:82">
      <subFamily DsubFamily="{sub}">{devices}
      </subFamily>
    </family>
  </devices>
  <boards>
    <board vendor="Tricky" name="on">
      <mountedDevice deviceIndex="0" Dvendor="ARM:82" Dname="Yes"/>
    </board>
    <board vendor="Tricky" name="Board without its device">
      <mountedDevice deviceIndex="0" Dvendor="ARM:82" Dname="Missing-Device"/>
    </board>
  </boards>
</package>
""".format(family=_escape("yes"), sub=_escape("2001-12-14"), devices="".join(devices)))


def _run(*arguments):
    result = subprocess.run([SCRIPT] + list(arguments), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _index(tmp_path, corpus):
    data = str(tmp_path / "data")
    tricky = str(tmp_path / "Tricky.Yaml_DFP.pdsc")
    _tricky_pdsc(tricky)
    files = [tricky] + [os.path.join(corpus, "pdsc", name) for name in
                        ("Keil.STM32F4xx_DFP.pdsc", "Infineon.XMC4000_DFP.pdsc", "NXP.MK64F12_DFP.pdsc")]
    _run("add-packs", "--data-path", data, "--json-path", data, *files)
    with open(os.path.join(data, "index.json"), encoding="utf-8") as handle:
        devices = json.load(handle)
    with open(os.path.join(data, "aliases.json"), encoding="utf-8") as handle:
        boards = json.load(handle)
    return data, devices, boards


def _long_expected(names, devices, boards):
    """What the reference's find-part --long prints for these names."""
    to_dump = {}
    for name in names:
        # A name is a device, a board, or both; a board found by the same words
        # replaces the device (the reference updates its dict with boards last).
        if name in boards:
            mounted = boards[name]["mounted_devices"][0]
            to_dump[name] = devices.get(mounted, "Could not find part: %s" % mounted)
        else:
            to_dump[name] = devices[name]
    return yaml.safe_dump(to_dump, default_flow_style=None) + "\n"


def test_short_and_long_output_equal_pyyaml(tmp_path, corpus):
    data, devices, boards = _index(tmp_path, corpus)
    locations = ["--data-path", data, "--json-path", data]
    tricky = [name for name in TRICKY if name in devices]
    assert len(tricky) == len(TRICKY), "every tricky device is indexed"

    # Every tricky name, alone and together; a wrong quoting changes the value
    # safe_load reads back, so the round trip through PyYAML catches it.
    for words in [["--", name] for name in TRICKY[:12]] + [["--or", "--"] + TRICKY, ["stm32f407"], ["--or", "on", "xmc4500"]]:
        short = _run("find-part", *locations, *words)
        names = yaml.safe_load(short)
        assert all(isinstance(name, str) for name in names), short
        assert set(names) <= set(devices) | set(boards)
        assert short == yaml.safe_dump(names, default_flow_style=False) + "\n"

        long = _run("find-part", "--long", *locations, *words)
        assert long == _long_expected(yaml.safe_load(long) or {}, devices, boards)
        assert set(yaml.safe_load(long) or {}) == set(names)


def test_no_match_prints_what_the_reference_prints(tmp_path, corpus):
    data, _, _ = _index(tmp_path, corpus)
    locations = ["--data-path", data, "--json-path", data]
    assert _run("find-part", *locations, "no-such-part") == yaml.safe_dump([], default_flow_style=False) + "\n"
    assert _run("find-part", "--long", *locations, "no-such-part") == yaml.safe_dump({}, default_flow_style=None) + "\n"
