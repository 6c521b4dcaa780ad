"""Exporting a whole round: every assessment as its own file, or one summary.

The window runs ``batch_export`` on a worker thread, so it takes plain values (the database
handle, a period key, a path, a cancel flag, a progress callback), opens its own session and
returns a plain ``BatchResult``. Each file is written whole or not at all; Cancel, or a
disk that fills up, stops before the next file and keeps the ones already finished. A file
that cannot be made for one unit does not stop the others: the batch goes on and lists it,
with the reason, in ``BatchResult.failures``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.archive import plain_file_name
from models.db import Database
from models.errors import KnownError
from models.output_files import OutputError
from models.queries.assessments import list_assessments
from reports import Cancelled

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """A file name from a unit's name (which may have come in a bundle): marks kept,
    characters Windows refuses replaced, never a device name such as CON."""
    return plain_file_name(" ".join(_UNSAFE.sub("-", text).split())[:90])


@dataclass(frozen=True)
class Failure:
    """One unit whose file was not written, and why (in both languages)."""

    unit: str
    file: str
    vi: str
    en: str

    def text(self, language: str = "vi") -> str:
        return f"{self.unit}: {self.en if language == 'en' else self.vi}"


@dataclass
class BatchResult:
    files: list[str] = field(default_factory=list)
    total: int = 0
    cancelled: bool = False
    failures: list[Failure] = field(default_factory=list)
    #: units a round lists but that get no form (archived, asked nothing), and why
    skipped: list[Failure] = field(default_factory=list)


def failure_of(unit: str, path: Path, exc: Exception) -> Failure:
    """Why one file was not made: the message of a known fault, else what went wrong."""
    if isinstance(exc, KnownError):
        return Failure(unit, path.name, exc.vi, exc.en)
    what = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return Failure(
        unit,
        path.name,
        f"Không tạo được tệp ({what}); các đơn vị khác vẫn được xuất.",
        f"The file could not be made ({what}); the other units were still exported.",
    )


def write_one(session: object, assessment_id: object, path: Path, fmt: str) -> None:
    if path.is_dir():
        raise KnownError(
            f"Đã có một thư mục tên '{path.name}' ở chỗ tệp này; hãy đổi tên hoặc xoá thư mục đó.",
            f"A folder named '{path.name}' is where this file goes; rename or remove it.",
        )
    write: Callable[..., Path]  # the writers differ only in optional arguments
    if fmt == "pdf":
        from reports.pdf_assessment import write_assessment_pdf as write
    elif fmt == "docx":
        from reports.docx_assessment import write_assessment_docx as write
    else:
        from reports.xlsx_assessment import write_assessment_xlsx as write
    write(session, assessment_id, path)


def batch_export(
    database: Database,
    period: str,
    mode: str,
    fmt: str,
    target: Path,
    cancel: threading.Event,
    progress: Callable[[int, int], None],
) -> BatchResult:
    """The background job: ``mode`` "units" writes one file per assessment into the folder
    ``target``; "summary" writes one summary file at ``target``."""
    result = BatchResult()

    def step(done: int, total: int) -> None:
        progress(done, total)
        if cancel.is_set():
            raise Cancelled()

    with database.session() as session:
        try:
            if mode == "summary":
                from models.queries.summary import select_round

                selection = select_round(session, period)
                write: Callable[..., Path]
                if fmt == "pdf":
                    from reports.pdf_summary import write_summary_pdf as write
                elif fmt == "docx":
                    from reports.docx_summary import write_summary_docx as write
                else:
                    from reports.xlsx_summary import write_summary_xlsx as write
                result.total = 1
                write(session, selection, target, progress=step)
                result.files.append(str(target))
                return result
            rows = [
                (line.id, line.unit, line.checklist)
                for line in list_assessments(session, period=period)
            ]
            result.total = len(rows)
            used: set[str] = set()
            for index, (assessment_id, unit, slug) in enumerate(rows):
                step(index, len(rows))
                name = safe_name(f"{unit} - {period} - {slug}")
                unique, counter = name, 2
                while unique in used:
                    unique, counter = f"{name} ({counter})", counter + 1
                used.add(unique)
                path = target / f"{unique}.{fmt}"
                try:
                    write_one(session, assessment_id, path, fmt)
                except (Cancelled, OutputError):
                    raise
                except Exception as exc:  # noqa: BLE001 (one unit's fault must not stop the rest)
                    session.rollback()
                    result.failures.append(failure_of(unit, path, exc))
                    continue
                result.files.append(str(path))
            progress(len(rows), len(rows))
        except Cancelled:
            result.cancelled = True
        except OutputError as exc:
            if not result.files:
                raise
            raise files_kept(exc, result, target) from exc
    return result


def files_kept(exc: OutputError, result: BatchResult, target: Path) -> OutputError:
    """A disk fault part-way through a run: its message, and which files were kept."""
    done = f"{len(result.files)}/{result.total}"
    return OutputError(
        f"{exc.vi} Các tệp đã xong trước đó ({done}) vẫn được giữ trong '{target}'.",
        f"{exc.en} The files finished before it ({done}) are kept in '{target}'.",
    )
