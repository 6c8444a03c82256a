"""What an OLE2 compound file (an Excel 97-2003 .xls, or an encrypted Office file) holds, read
from its directory before any sheet is parsed: its streams and storages by name, and whether
its workbook stream opens with a password record.

The format is [MS-CFB]: a 512-byte header, then sectors of 512 or 4,096 bytes chained by a
file allocation table (FAT), itself listed by the header's and further DIFAT sectors. Only
what a refusal needs is read; `calamine` reads the cells.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_SECTOR = 0xFFFFFFFA  # numbers above are "end of chain", "free" and FAT/DIFAT markers
_ENTRY = 128  # bytes of one directory entry
_MINI_SECTOR = 64
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_BOF, _FILEPASS = 0x0809, 0x002F


class NotCompound(ValueError):
    """The bytes are not a complete, consistent compound file."""


@dataclass(frozen=True)
class Entry:
    name: str
    kind: int
    start: int
    size: int


@dataclass(frozen=True)
class Compound:
    entries: list[Entry]
    has_filepass: bool
    """The Workbook stream's record after BOF is FILEPASS: the workbook is encrypted."""

    def names(self) -> set[str]:
        return {e.name.casefold() for e in self.entries}


def read_compound(data: bytes) -> Compound:
    """The directory of the compound file `data`; NotCompound when it is damaged or lies."""
    if len(data) < 512 or not data.startswith(MAGIC):
        raise NotCompound("no compound file header")
    (shift,) = struct.unpack_from("<H", data, 30)
    if shift not in (9, 12):
        raise NotCompound("sector size")
    size = 1 << shift
    # Sector 0 follows the header, which fills a whole sector of 4,096 bytes in version 4.
    sectors = -(-len(data) // size) - 1

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise NotCompound("a sector past the end of the file")
        return data[(number + 1) * size : (number + 2) * size]

    fat_count, first_directory = struct.unpack_from("<II", data, 44)
    first_difat, difat_count = struct.unpack_from("<II", data, 68)
    fat_sectors = list(_numbers(data[76:512]))
    number = first_difat
    for _ in range(min(difat_count, sectors)):
        if number >= _LAST_SECTOR:
            break
        *listed, number = _numbers(sector(number))
        fat_sectors.extend(listed)
    fat: list[int] = []
    for number in fat_sectors[: min(fat_count, sectors)]:
        if number < _LAST_SECTOR:
            fat.extend(_numbers(sector(number)))

    entries = []
    for number in _chain(first_directory, fat, sectors):
        block = sector(number)
        for at in range(0, len(block) - _ENTRY + 1, _ENTRY):
            entry = block[at : at + _ENTRY]
            (name_bytes,) = struct.unpack_from("<H", entry, 64)
            kind = entry[66]
            if kind not in (_STORAGE, _STREAM, _ROOT) or not 2 <= name_bytes <= 64:
                continue
            name = entry[: name_bytes - 2].decode("utf-16-le", "replace")
            start, length = struct.unpack_from("<II", entry, 116)
            entries.append(Entry(name, kind, start, length))
    if not entries:
        raise NotCompound("an empty directory")
    (cutoff,) = struct.unpack_from("<I", data, 56)
    head = _workbook_head(entries, size, cutoff, sector, lambda first: _chain(first, fat, sectors))
    return Compound(entries, _opens_with_filepass(head))


def _numbers(block: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(block) // 4}I", block[: len(block) // 4 * 4])


def _chain(first: int, fat: list[int], sectors: int) -> list[int]:
    """The sectors of the chain starting at `first`, refusing one that loops or leaves the file."""
    numbers: list[int] = []
    number = first
    while number < _LAST_SECTOR:
        if number >= len(fat) or len(numbers) >= sectors:
            raise NotCompound("a broken or looping sector chain")
        numbers.append(number)
        number = fat[number]
    return numbers


def _workbook_head(
    entries: list[Entry],
    size: int,
    cutoff: int,
    sector: Callable[[int], bytes],
    chain: Callable[[int], list[int]],
) -> bytes:
    """The first bytes of the Workbook (BIFF8) or Book (BIFF5) stream: its first sector, or
    its first 64-byte mini sector inside the root entry's mini stream when it is small."""
    workbook = next(
        (e for e in entries if e.kind == _STREAM and e.name.casefold() in ("workbook", "book")),
        None,
    )
    if workbook is None or workbook.start >= _LAST_SECTOR:
        return b""
    if workbook.size >= cutoff:
        return sector(workbook.start)
    root = next((e for e in entries if e.kind == _ROOT), None)
    if root is None:
        raise NotCompound("no root entry")
    container = chain(root.start)
    offset = workbook.start * _MINI_SECTOR
    if offset // size >= len(container):
        raise NotCompound("a mini sector past the end of the mini stream")
    within = offset % size
    return sector(container[offset // size])[within : within + _MINI_SECTOR]


def _opens_with_filepass(head: bytes) -> bool:
    """Whether the stream's second record is FILEPASS, which follows BOF in an encrypted
    workbook."""
    if len(head) < 4:
        return False
    kind, length = struct.unpack_from("<HH", head, 0)
    if kind != _BOF or 4 + length + 2 > len(head):
        return False
    (following,) = struct.unpack_from("<H", head, 4 + length)
    return following == _FILEPASS
