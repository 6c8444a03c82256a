"""Build hook: the brief map's country outlines go into the wheel.

The outlines are Natural Earth's 1:50m countries as the npm registry package world-atlas 2.0.2
ships them (countries-50m.json, ISC licence, data public domain). `make` fetches them into the
checkout's var/world-atlas/ for development; a wheel (`pip wheel .`, `python -m build`) takes
that copy, or fetches the package with `npm pack` when there is none, and packs it as
citybridge/reports/graphics/data/, where a pip-installed CityBridge finds it (settings.MAP_DATA).
Without either the build stops, unless CITYBRIDGE_BUILD_WITHOUT_MAP=1 (the map then places
every city, without outlines). Everything else is in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess  # npm pack: the registry's own client
import tarfile
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

WORLD_ATLAS = "world-atlas@2.0.2"
FILES = ("countries-50m.json", "LICENSE")
PACKAGED = Path("citybridge/reports/graphics/data")
CHECKOUT_COPY = Path(__file__).resolve().parent / "var/world-atlas"


def fetch(into: Path) -> bool:
    """The npm package's two files into `into`; False when npm or the registry is missing."""
    npm = shutil.which("npm")
    if npm is None:
        return False
    with tempfile.TemporaryDirectory() as work:
        packed = subprocess.run(  # noqa: S603 (a fixed package name)
            [npm, "pack", "--silent", WORLD_ATLAS],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if packed.returncode != 0:
            return False
        with tarfile.open(Path(work) / packed.stdout.strip().splitlines()[-1]) as tar:
            for name in FILES:
                source = tar.extractfile(f"package/{name}")
                if source is None:
                    return False
                (into / name).write_bytes(source.read())
    return True


class BuildWithMap(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / PACKAGED
        target.mkdir(parents=True, exist_ok=True)
        if all((CHECKOUT_COPY / name).is_file() for name in FILES):
            for name in FILES:
                shutil.copyfile(CHECKOUT_COPY / name, target / name)
        elif not fetch(target) and os.environ.get("CITYBRIDGE_BUILD_WITHOUT_MAP") != "1":
            raise SystemExit(
                f"The map's outlines ({WORLD_ATLAS}) are neither in var/world-atlas/ nor "
                "fetchable with npm: run `make` first, install npm, or build with "
                "CITYBRIDGE_BUILD_WITHOUT_MAP=1 for a map without outlines."
            )


setup(cmdclass={"build_py": BuildWithMap})
