"""Workbooks (.xlsx, .xls, .ods): the package checked before anything in it is parsed, then the
first visible sheet with data read by calamine in a reader process of bounded memory and time.

One reader process serves each server process, file after file (starting an interpreter for
every sheet would cost more than reading it): see calamine_process.py for why it is a process.
A file that makes it run out of memory ends it, and the next file starts a new one.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, NoReturn

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citybridge.lib.spreadsheets import limits
from citybridge.lib.spreadsheets.calamine_process import ANSWER, READY, REQUEST
from citybridge.lib.spreadsheets.packages import check_package, refuse_macros
from citybridge.lib.spreadsheets.problems import refuse, save_as, too_many_columns
from citybridge.lib.spreadsheets.tables import Table, build_table

PROGRAM = Path(__file__).with_name("calamine_process.py")
START_SECONDS = 30  # an interpreter and calamine loading, on a busy machine


def read_workbook(data: bytes, filename: str) -> Table:
    file_format = check_package(data, filename)
    try:
        answer = READER.read(
            data,
            max_rows=limits.MAX_ROWS + limits.HEADER_SEARCH_ROWS,
            max_columns=limits.MAX_COLUMNS,
        )
    except TimeoutError:
        seconds = limits.MAX_READ_SECONDS
        refuse(
            ngettext(
                "'%(file)s' took more than %(seconds)s second to read, so reading it was stopped.",
                "'%(file)s' took more than %(seconds)s seconds to read, so reading it was stopped.",
                math.ceil(seconds),
            )
            % {"file": filename, "seconds": seconds},
            _(
                "Save the sheet of names on its own as a new file (or as 'CSV UTF-8') "
                "and send that."
            ),
        )
    if "records" in answer:
        table = build_table(answer["records"], encoding="", delimiter="")
        table.sheet = answer["sheet"]
        table.file_format = file_format
        return table
    _refuse_for(answer, filename)


def _refuse_for(answer: dict[str, Any], filename: str) -> NoReturn:
    refusal = answer.get("refusal")
    if refusal == "rows":
        refuse(
            _("The sheet '%(sheet)s' reaches down to row %(row)s; the limit is %(limit)s rows.")
            % {
                "sheet": answer["sheet"],
                "row": number_format(answer["reach"], force_grouping=True),
                "limit": number_format(limits.MAX_ROWS, force_grouping=True),
            },
            _(
                "Delete the empty rows under your data (select them, right-click, Delete) "
                "and save again."
            ),
        )
    if refusal == "columns":
        too_many_columns()
    if refusal == "memory":
        refuse(
            _(
                "A sheet in '%(file)s' is far larger than can be read: it has more than "
                "%(rows)s rows or more than %(columns)s columns (often something typed far "
                "below or to the right of the data)."
            )
            % {
                "file": filename,
                "rows": number_format(limits.MAX_ROWS, force_grouping=True),
                "columns": limits.MAX_COLUMNS,
            },
            _(
                "Delete the rows and columns you did not mean to send (select them, "
                "right-click, Delete) and save again."
            ),
        )
    if refusal == "password":
        refuse(
            _("'%(file)s' is password-protected.") % {"file": filename},
            _("Remove the password and send it again."),
        )
    if refusal == "macros":
        refuse_macros(filename)
    if refusal == "nul":
        refuse(_("A cell contains a NUL character, so the file is damaged."), save_as())
    if refusal == "empty":
        refuse(
            _("'%(file)s' has no data in any visible sheet.") % {"file": filename},
            _("Check you attached the right file."),
        )
    refuse(
        _("'%(file)s' could not be opened: its contents are damaged or unsafe (%(error)s).")
        % {"file": filename, "error": answer.get("error", "ReaderError")},
        save_as(),
    )


class ReaderProcess:
    """The calamine reader process of this server process, started on first use and again
    after it ends; one file at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._owner = 0
        """The pid that started it: a forked child starts its own, never shares the pipes."""
        self._served = 0

    def read(self, data: bytes, *, max_rows: int, max_columns: int) -> dict[str, Any]:
        """The reader's answer for `data`; {"refusal": "memory"} when reading it ended the
        reader; TimeoutError past limits.MAX_READ_SECONDS, and the reader is stopped."""
        request = REQUEST.pack(len(data), max_rows, max_columns) + data
        with self._lock:
            for _attempt in range(2):
                process = self._running()
                fresh = self._served == 0
                deadline = time.monotonic() + limits.MAX_READ_SECONDS
                answer = self._exchange(process, request, deadline)
                if answer is not None and answer.get("refusal") != "memory":
                    self._served += 1
                    return answer
                # Out of memory on this file, or (once) a reader that had served other files
                # and ended or grew since: a fresh reader decides which.
                self.stop()
                if fresh:
                    break
            return {"refusal": "memory"}

    def _running(self) -> subprocess.Popen[bytes]:
        process = self._process
        if process is None or process.poll() is not None or self._owner != os.getpid():
            if self._owner == os.getpid():
                self.stop()
            process = subprocess.Popen(  # noqa: S603 (our own program, fixed arguments)
                [sys.executable, "-I", str(PROGRAM), str(limits.MAX_READ_MEMORY)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,
                # A file that exhausts it is logged in one line, without Rust's backtrace.
                env={**os.environ, "RUST_BACKTRACE": "0"},
            )
            self._process, self._owner, self._served = process, os.getpid(), 0
            try:
                ready = self._receive(process, len(READY), time.monotonic() + START_SECONDS)
            except TimeoutError:
                ready = None
            if ready != READY:
                self.stop()
                # Not the file's doing: the server is missing python-calamine, or memory.
                raise RuntimeError("The workbook reader process did not start.")
        return process

    def _exchange(
        self, process: subprocess.Popen[bytes], request: bytes, deadline: float
    ) -> dict[str, Any] | None:
        assert process.stdin is not None and process.stdout is not None
        try:
            view = memoryview(request)
            while view:
                view = view[process.stdin.write(view) or 0 :]
            header = self._receive(process, ANSWER.size, deadline)
            if header is None:
                return None
            (length,) = ANSWER.unpack(header)
            body = self._receive(process, length, deadline)
        except BrokenPipeError:
            return None
        except TimeoutError:
            self.stop()
            raise
        return None if body is None else json.loads(body)

    @staticmethod
    def _receive(process: subprocess.Popen[bytes], size: int, deadline: float) -> bytes | None:
        assert process.stdout is not None
        received = bytearray()
        while len(received) < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([process.stdout], [], [], remaining)[0]:
                raise TimeoutError
            chunk = os.read(process.stdout.fileno(), min(size - len(received), 1 << 22))
            if not chunk:
                return None
            received += chunk
        return bytes(received)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or self._owner != os.getpid():
            return
        process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()


READER = ReaderProcess()
atexit.register(READER.stop)
