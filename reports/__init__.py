"""Excel and PDF writers, and the reader of filled-in Excel forms.

Depends on ``models`` only (never on Qt): the window, the command line and the tests call the
same functions. Every writer builds the file beside its target and moves it into place only
when it is complete, so a failed or cancelled export never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.errors import InvalidInput, KnownError
from models.output_files import check_output, output_stream, written_whole

__all__ = ["atomic_output", "check_output", "output_stream", "save_workbook"]

#: Called as ``progress(done, total)``; it may raise ``Cancelled`` to stop the work.
Progress = Callable[[int, int], None]


class Cancelled(KnownError):
    """The user cancelled a long export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Đã huỷ; không tệp nào được ghi.", "Cancelled; no file was written.")


def atomic_output(target: Path) -> contextlib.AbstractContextManager[Path]:
    """A temporary path beside ``target`` that replaces it only if the block succeeds
    (``models.output_files``: faults of the disk become messages, leftovers are swept)."""
    return written_whole(target)


def save_workbook(workbook: Any, target: Path) -> Path:
    """Save an openpyxl workbook whole at ``target``, or leave nothing and say why.

    A write-only workbook whose sheets were never saved is closed, so that openpyxl's XML
    writers do not complain on stderr as they are collected.
    """
    try:
        with output_stream(target) as stream:
            workbook.save(stream)
    except BaseException:
        for sheet in getattr(workbook, "worksheets", []):
            if getattr(sheet, "closed", True) is False:
                with contextlib.suppress(Exception):  # the first error is the one to report
                    sheet.close()
        raise
    return Path(target)


def output_format(path: Path, given: str | None) -> str:
    """The format asked for, or the one the file name ends with ("xlsx", "pdf" or "docx")."""
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    if fmt not in ("xlsx", "pdf", "docx"):
        raise InvalidInput(
            "Hãy chọn định dạng xlsx, pdf hoặc docx.", "Choose the format xlsx, pdf or docx."
        )
    return fmt
