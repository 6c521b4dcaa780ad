"""Excel and PDF writers, and the reader of filled-in Excel forms.

Depends on ``models`` only (never on Qt): the window, the command line and the tests call the
same functions. Every writer builds the file beside its target and moves it into place only
when it is complete, so a failed or cancelled export never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from models.errors import InvalidInput, KnownError

#: Called as ``progress(done, total)``; it may raise ``Cancelled`` to stop the work.
Progress = Callable[[int, int], None]


class Cancelled(KnownError):
    """The user cancelled a long export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Đã huỷ; không tệp nào được ghi.", "Cancelled; no file was written.")


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only if the block succeeds."""
    target = Path(target)
    if not target.parent.is_dir():
        raise InvalidInput(
            f"Thư mục '{target.parent}' không tồn tại.",
            f"The folder '{target.parent}' does not exist.",
        )
    handle, name = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        # mkstemp makes the file private (0600); an exported report gets the usual rights.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except PermissionError as exc:
        temporary.unlink(missing_ok=True)
        raise InvalidInput(
            f"Không ghi được '{target}' (tệp đang mở trong chương trình khác?): {exc}",
            f"Cannot write '{target}' (is the file open in another program?): {exc}",
        ) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def output_format(path: Path, given: str | None) -> str:
    """The format asked for, or the one the file name ends with ("xlsx" or "pdf")."""
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    if fmt not in ("xlsx", "pdf"):
        raise InvalidInput("Hãy chọn định dạng xlsx hoặc pdf.", "Choose the format xlsx or pdf.")
    return fmt
