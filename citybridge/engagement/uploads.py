"""Uploaded files held between the preview and the confirmation of an import.

They hold personal data, so they live only under var/ (never served), are read back only by the
session that uploaded them, and are deleted on confirmation, on cancel, or after a day.
"""

from __future__ import annotations

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


def stage(files: list[tuple[str, bytes]]) -> str:
    _sweep()
    token = secrets.token_urlsafe(16)
    folder = _root() / token
    folder.mkdir(mode=0o700)
    for index, (name, data) in enumerate(files):
        # The index keeps two files of the same name apart; the name is kept for the records.
        (folder / f"{index:03d}-{Path(name).name}").write_bytes(data)
    return token


def load(token: str) -> list[tuple[str, bytes]]:
    folder = _root() / Path(token).name
    if not token or not folder.is_dir():
        return []
    return [(p.name[4:], p.read_bytes()) for p in sorted(folder.iterdir())]


def discard(token: str) -> None:
    if token:
        shutil.rmtree(_root() / Path(token).name, ignore_errors=True)
