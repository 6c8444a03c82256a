"""The map's outlines travel inside the wheel, so a pip-installed CityBridge draws the same map."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_the_wheel_carries_the_outlines(tmp_path):
    if not (ROOT / "var/world-atlas/countries-50m.json").is_file():
        pytest.skip("world-atlas was not fetched (make) and the build would need npm")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("citybridge-*.whl")
    with zipfile.ZipFile(wheel) as packed:
        outlines = packed.read("citybridge/reports/graphics/data/countries-50m.json")
        assert "data/LICENSE" in " ".join(packed.namelist())
    assert outlines == (ROOT / "var/world-atlas/countries-50m.json").read_bytes()


def test_a_packaged_copy_comes_first():
    packaged = settings.PACKAGED_MAP_DATA
    assert packaged == Path(settings.BASE_DIR) / "reports/graphics/data/countries-50m.json"
    # This checkout has no packaged copy (it is built into wheels only): it reads var/.
    if not packaged.is_file():
        assert settings.MAP_DATA == ROOT / "var/world-atlas/countries-50m.json"
