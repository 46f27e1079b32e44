"""pyOCD is offered Arm devices only.

Our index keeps every device of a pack (the reference loses whole packs when
one core is unknown, Microchip.PIC32MX_DFP among them), and the command line
finds them all; but pyOCD debugs Arm cores only, so `Cache.index`, which
pyOCD reads, leaves out devices with no Arm processor: MIPS, RISC-V, or none
at all.
"""
import os
import subprocess
import sys

from cmsis_pack_manager import Cache

SCRIPT = os.path.join(os.path.dirname(sys.executable), "pack-manager")

NO_PROCESSOR = """<?xml version="1.0" encoding="UTF-8"?>
<package schemaVersion="1.7.7">
  <vendor>Acme</vendor><name>Mixed_DFP</name><description>Cores of all kinds</description>
  <url>https://example.com/packs/</url>
  <releases><release version="1.0.0" date="2026-01-01">First</release></releases>
  <devices>
    <family Dfamily="Mixed" Dvendor="ARM:82">
      <memory name="FLASH" access="rx" start="0x0" size="0x1000" startup="1" default="1"/>
      <device Dname="NO_CORE_DEVICE"/>
      <device Dname="RISCV_DEVICE"><processor Dcore="RV32"/></device>
      <device Dname="DUAL_DEVICE">
        <processor Pname="riscv" Dcore="RV32"/><processor Pname="cm4" Dcore="Cortex-M4"/>
      </device>
      <device Dname="STAR_DEVICE"><processor Dcore="Star-MC1"/></device>
    </family>
  </devices>
</package>
"""


def test_devices_without_an_arm_core_are_not_offered_to_pyocd(tmp_path, corpus):
    data = str(tmp_path / "data")
    mixed = tmp_path / "Acme.Mixed_DFP.pdsc"
    mixed.write_text(NO_PROCESSOR)
    files = [str(mixed), os.path.join(corpus, "pdsc", "Microchip.PIC32MX_DFP.pdsc"),
             os.path.join(corpus, "pdsc", "Keil.STM32F4xx_DFP.pdsc")]
    added = subprocess.run([SCRIPT, "add-packs", "-v", "--data-path", data, "--json-path", data] + files,
                           capture_output=True, text=True)
    assert "device 'NO_CORE_DEVICE' has no <processor>" in added.stderr

    # The catalogue has every device.
    found = subprocess.check_output([SCRIPT, "find-part", "--data-path", data, "--json-path", data,
                                     "--or", "PIC32MX", "NO_CORE", "RISCV_DEVICE"], text=True)
    assert "- NO_CORE_DEVICE" in found and "- RISCV_DEVICE" in found
    assert sum(line.startswith("- PIC32MX") for line in found.splitlines()) == 120

    cache = Cache(True, True, json_path=data, data_path=data)
    assert "STM32F407VGTx" in cache.index
    assert cache.index["DUAL_DEVICE"]["name"] == "DUAL_DEVICE"
    assert "STAR_DEVICE" in cache.index
    for hidden in ("NO_CORE_DEVICE", "RISCV_DEVICE", "PIC32MX795F512L"):
        assert hidden not in cache.index
        assert cache.index.get(hidden) is None
    names = list(cache.index)
    assert not any(name.startswith("PIC32MX") for name in names)
    assert "NO_CORE_DEVICE" not in names and "DUAL_DEVICE" in names
    # A fresh Cache: whole-file reads agree with single lookups.
    assert "RISCV_DEVICE" not in set(Cache(True, True, json_path=data, data_path=data).index.keys())
