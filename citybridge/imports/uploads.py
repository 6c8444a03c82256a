"""Uploaded files held between the preview and the confirmation of an import.

They hold personal data, so they live only under var/ (never served), are read back only by the
session that uploaded them, and are deleted on confirmation, on cancel, or after a day.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

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


def _new_folder() -> tuple[str, Path]:
    _sweep()
    token = secrets.token_urlsafe(16)
    folder = _root() / token
    folder.mkdir(mode=0o700)
    return token, folder


def _keep_names(folder: Path, names: list[str]) -> None:
    # Stored as 000, 001…: the uploader's name, kept for the records in names.json, never
    # becomes a path (a name of 255 bytes, or with a NUL, is no file name a disk takes).
    (folder / NAMES).write_text(json.dumps(names), encoding="utf-8")


def stage(files: list[tuple[str, bytes]]) -> str:
    token, folder = _new_folder()
    for index, (_name, data) in enumerate(files):
        (folder / f"{index:03d}").write_bytes(data)
    _keep_names(folder, [name for name, _data in files])
    return token


def stage_uploaded(files: Iterable[UploadedFile]) -> str:
    """Stage files as the request received them, chunk by chunk: a large upload waits in a
    temporary file (FILE_UPLOAD_MAX_MEMORY_SIZE) and is copied from there, never read whole
    into the web process's memory."""
    token, folder = _new_folder()
    names = []
    for index, upload in enumerate(files):
        with (folder / f"{index:03d}").open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        names.append(upload.name or "")
    _keep_names(folder, names)
    return token


def _staged(token: str) -> list[tuple[str, Path]]:
    """(name as uploaded, path) of each staged file, in upload order."""
    folder = _root() / Path(token).name
    if not token or not folder.is_dir():
        return []
    stored = sorted(p for p in folder.iterdir() if p.name != NAMES)
    names_file = folder / NAMES
    if not names_file.exists():  # staged before names.json, as "000-name"
        return [(p.name[4:], p) for p in stored]
    names = json.loads(names_file.read_text(encoding="utf-8"))
    # By index: a file an erasure removed meanwhile leaves the others with their own names.
    return [(names[int(p.name)], p) for p in stored if p.name.isdigit()]


def names_of(token: str) -> list[str]:
    """The staged files' names as uploaded (empty when they are no longer kept)."""
    return [name for name, _path in _staged(token)]


def load(token: str) -> list[tuple[str, bytes]]:
    return [(name, path.read_bytes()) for name, path in _staged(token)]


def rows_in(token: str) -> int:
    """About how many rows the staged CSV files hold (their line ends, read in chunks), to show
    a job's progress against; XLSX workbooks count 0 here."""
    lines = 0
    for name, path in _staged(token):
        if name.lower().endswith(".csv"):
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    lines += chunk.count(b"\n")
    return lines


def size_of(token: str) -> int:
    """The staged files' size together, in bytes."""
    return sum(path.stat().st_size for _name, path in _staged(token))


def discard(token: str) -> None:
    if token:
        shutil.rmtree(_root() / Path(token).name, ignore_errors=True)
