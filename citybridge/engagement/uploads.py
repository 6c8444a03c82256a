"""Uploaded files held between the preview and the confirmation of an import.

They hold personal data, so they live only under var/ (never served), are read back only by the
session that uploaded them, and are deleted on confirmation, on cancel, or after a day.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600


def _root() -> Path:
    root = Path(settings.VAR_DIR) / "uploads"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _sweep() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for folder in _root().iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


NAMES = "names.json"


def stage(files: list[tuple[str, bytes]]) -> str:
    _sweep()
    token = secrets.token_urlsafe(16)
    folder = _root() / token
    folder.mkdir(mode=0o700)
    # Stored as 000, 001…: the uploader's name, kept for the records in names.json, never
    # becomes a path (a name of 255 bytes, or with a NUL, is no file name a disk takes).
    for index, (_name, data) in enumerate(files):
        (folder / f"{index:03d}").write_bytes(data)
    (folder / NAMES).write_text(json.dumps([name for name, _data in files]), encoding="utf-8")
    return token


def load(token: str) -> list[tuple[str, bytes]]:
    folder = _root() / Path(token).name
    if not token or not folder.is_dir():
        return []
    stored = sorted(p for p in folder.iterdir() if p.name != NAMES)
    names_file = folder / NAMES
    if not names_file.exists():  # staged before names.json, as "000-name"
        return [(p.name[4:], p.read_bytes()) for p in stored]
    names = json.loads(names_file.read_text(encoding="utf-8"))
    # By index: a file an erasure removed meanwhile leaves the others with their own names.
    return [(names[int(p.name)], p.read_bytes()) for p in stored if p.name.isdigit()]


def discard(token: str) -> None:
    if token:
        shutil.rmtree(_root() / Path(token).name, ignore_errors=True)
