"""Bytes of a CSV file that stop it being read as lines of UTF-8 text: a byte that is not
UTF-8, a line ended by a carriage return alone; looked for only once a read has failed."""

from __future__ import annotations

import codecs
import mmap
import re
from pathlib import Path

from sojourn.batch.inputs._forms import CSV_FORM
from sojourn.errors import Problem

CR_FORM = "lines ending in LF or CR LF; re-save the file with those"
LONE_CR = ("ends a line with a carriage return alone (CR), which the reader does not take as a "
           "line end")


def lone_carriage_return(path: Path) -> Problem | None:
    """Where a carriage return ends a line alone (Polars reads it as part of a cell, and the
    lines it ends as one), if one does; read only once a read has failed."""
    try:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0,
                                                  access=mmap.ACCESS_READ) as data:
            found = re.search(rb"\r(?!\n)", data)
            line = data[:found.start()].count(b"\n") + 1 if found else None
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    if line is None:
        return None
    return Problem(str(path), line, None, None, LONE_CR, CR_FORM)


def not_utf8(path: Path) -> Problem | None:
    """The line and column of the first byte of ``path`` that is not UTF-8, as the history
    loader words it; the file is read in pieces, and only once a read has failed."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    read = 0  # bytes given to the decoder before the piece being decoded
    try:
        with path.open("rb") as handle:
            while piece := handle.read(1 << 20):
                try:
                    decoder.decode(piece)
                except UnicodeDecodeError as exc:
                    # exc.object is the piece after the bytes of a character the decoder held
                    # back from the previous one
                    at = read - (len(exc.object) - len(piece)) + exc.start
                    break
                read += len(piece)
            else:
                return None
            handle.seek(0)
            lines = column_from = 0
            done = 0
            while done < at:
                part = handle.read(min(1 << 20, at - done))
                lines += part.count(b"\n")
                last = part.rfind(b"\n")
                if last >= 0:
                    column_from = done + last + 1
                done += len(part)
            bad = handle.read(1)
    except OSError:
        return None
    return Problem(str(path), lines + 1, None, None,
                   f"is not UTF-8 text (byte 0x{bad[0]:02x} at column {at - column_from + 1})",
                   f"{CSV_FORM}; re-save it as UTF-8")
