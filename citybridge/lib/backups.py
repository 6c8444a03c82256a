"""Back the database up to one file and restore it, while the site keeps running.

SQLite is copied page by page with its online backup API, so the copy is one consistent moment
even while others write. PostgreSQL is dumped with `pg_dump --format=custom` (a consistent
snapshot) and restored with `pg_restore --clean --single-transaction`, so a failed restore leaves
the database as it was. `fingerprint` gives each table's row count and a hash of its content:
the way to prove a restore brought back exactly what was saved.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess  # pg_dump/pg_restore are the PostgreSQL way to copy a database
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """The backup or restore could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class TablePrint:
    rows: int
    sha256: str


def fingerprint(using: str = "default") -> dict[str, TablePrint]:
    """Every table's row count and a hash of its rows (order-independent), by table name."""
    connection = connections[using]
    prints = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            lines = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
            prints[table] = TablePrint(len(lines), digest)
    return prints


def backup(path: Path, using: str = "default") -> dict[str, int]:
    """Write a consistent copy of the database to `path`; returns the rows it holds, by table."""
    connection = connections[using]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _run([_tool("pg_dump"), "--format=custom", f"--file={partial}", *_pg_args(using)], using)
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    # Renamed only when complete, so PATH never holds half a backup.
    partial.replace(path)
    if connection.vendor == "sqlite":
        return _sqlite_row_counts(path)
    return {table: p.rows for table, p in fingerprint(using).items()}


def restore(path: Path, using: str = "default") -> None:
    """Replace the whole database with the backup at `path`: all of it, or nothing."""
    connection = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if connection.vendor == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(
                f"{path} is not a SQLite backup; this database is SQLite. "
                "Restore a file made by `citybridge backup` on SQLite."
            )
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (SQLite's integrity check fails).")
            connection.close()
            connection.ensure_connection()
            # The backup API copies every page into the live database in one step.
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        if not head.startswith(PG_DUMP_MAGIC):
            raise BackupError(
                f"{path} is not a PostgreSQL backup; this database is PostgreSQL. "
                "Restore a file made by `citybridge backup` on PostgreSQL."
            )
        # Our own open connection would wait on the tables pg_restore drops.
        connection.close()
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                *_pg_args(using),
                str(path),
            ],
            using,
        )
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")


def _sqlite_row_counts(path: Path) -> dict[str, int]:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        return {
            name: source.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # noqa: S608
            for (name,) in names
        }
    finally:
        source.close()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"The PostgreSQL client tool {name} is not installed on this machine. Install the "
            "PostgreSQL client of the server's major version (e.g. apt install postgresql-client) "
            "and run the command again."
        )
    return found


def _pg_args(using: str) -> list[str]:
    settings = connections[using].settings_dict
    args = [f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        args.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        args.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        args.append(f"--username={settings['USER']}")
    return [*args, "--no-password"]


def _run(command: list[str], using: str) -> None:
    env = dict(os.environ)
    if password := connections[using].settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = password
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.returncode}")


def files_path(path: Path) -> Path:
    """Where a backup's uploaded files go: beside the database's copy, `PATH.files.tar`."""
    path = Path(path)
    return path.with_name(path.name + ".files.tar")


def backup_files(root: Path, path: Path) -> int:
    """Copy every file under `root` (the uploads: MEDIA_ROOT) into the tar `path`; how many.
    Written to a `.partial` and renamed when complete, as the database's copy is."""
    root, path = Path(root), Path(path)
    partial = path.with_name(path.name + ".partial")
    count = 0
    with tarfile.open(partial, "w") as tar:
        if root.is_dir():
            for file in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
                tar.add(file, arcname=str(file.relative_to(root)), recursive=False)
                count += 1
    partial.replace(path)
    return count


def restore_files(path: Path, root: Path) -> int:
    """Replace everything under `root` with the files of the tar `path`: unpacked beside it
    first, then swapped in, so a broken tar leaves the files as they were. How many."""
    root, path = Path(root), Path(path)
    staging = root.with_name(root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        with tarfile.open(path) as tar:
            members = [m for m in tar.getmembers() if m.isfile()]
            # The "data" filter refuses absolute names, `..`, links out and device files.
            tar.extractall(staging, members=members, filter="data")
    except (tarfile.TarError, OSError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"{path} cannot be read as the backup's files ({error}).") from error
    old = root.with_name(root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if root.exists():
        root.replace(old)
    staging.replace(root)
    shutil.rmtree(old, ignore_errors=True)
    return len(members)
