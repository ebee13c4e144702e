"""An uploaded spreadsheet's rows as an import reads them: from a reader process
(``crm_common.spreadsheet_reader``), never parsed in the worker or api itself. Inflating and
parsing an untrusted file is where a deflate bomb or a crafted workbook strikes; the reader
checks the import's limits and runs under its own memory limit, so a file that still gets past
them ends the reader — the import fails naming the limit — while the process that asked (a
worker's outbox relay and consumers, an api) goes on. It also keeps the parsing's CPU off that
process's interpreter lock."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crm_common import spreadsheet_reader
from crm_common.spreadsheet_reader import HEADER_ROW, FileOverLimit, UnreadableFile

READER_MEMORY_BYTES = 1 << 30
"""The reader's address space: openpyxl's shared strings at their limit fit, a bomb does not."""
NumberedRow = tuple[int, list[str]]


class SpreadsheetRows:
    """The rows of a file as (row number, cell texts): the header (row 1), then the rows from
    ``start_row`` on. Blocking: the worker iterates it in a thread."""

    def __init__(
        self,
        path: Path,
        file_format: str,
        *,
        start_row: int = HEADER_ROW + 1,
        memory_bytes: int | None = None,
    ) -> None:
        self._memory_bytes = memory_bytes or READER_MEMORY_BYTES
        self._process = subprocess.Popen(  # noqa: S603 - our own module, arguments we made
            [
                sys.executable,
                "-m",
                spreadsheet_reader.__name__,
                str(path),
                str(file_format),
                str(start_row),
                str(self._memory_bytes),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
        )
        self._start_row = start_row
        self._batch: Iterator[list[Any]] = iter(())
        self._ended = False
        self.next_row = HEADER_ROW
        try:
            self.rows_estimated: int | None = self._frame()["estimated"]
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[NumberedRow]:
        return self

    def __next__(self) -> NumberedRow:
        while True:
            for number, cells in self._batch:
                # After the header the reader goes on at ``start_row``.
                self.next_row = max(number + 1, self._start_row)
                return number, cells
            if self._ended:
                raise StopIteration
            frame = self._frame()
            if frame.get("end"):
                self._ended = True
            else:
                self._batch = iter(frame["rows"])

    def skip_to(self, row_number: int) -> None:
        """Move on so that the next row read is ``row_number`` (or the end of the file)."""
        while self.next_row < row_number:
            if next(self, None) is None:
                return

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def _frame(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise self._stopped()
        frame: dict[str, Any] = json.loads(line)
        if "error" in frame:
            self._ended = True
            kind = FileOverLimit if frame["over_limit"] else UnreadableFile
            raise kind(frame["error"])
        return frame

    def _stopped(self) -> UnreadableFile:
        """Why the reader ended without finishing: out of memory (its own limit, or killed by
        the system's) is the file's size; anything else the reader's failure."""
        self._ended = True
        status = self._process.wait()
        if status in (spreadsheet_reader.MEMORY_EXIT_CODE, -signal.SIGKILL):
            return FileOverLimit(
                f"reading the file needs more than {self._memory_bytes >> 20:,} MiB of memory "
                "(the import limit)"
            )
        return UnreadableFile(f"the file's reader stopped (exit status {status})")
