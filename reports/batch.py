"""Exporting a whole round: every assessment as its own file, or one summary.

The window runs ``batch_export`` on a worker thread, so it takes plain values (the database
handle, a period key, a path, a cancel flag, a progress callback), opens its own session and
returns a plain ``BatchResult``. Each file is written whole or not at all; Cancel, or a
disk that fills up, stops before the next file and keeps the ones already finished.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.archive import plain_file_name
from models.db import Database
from models.output_files import OutputError
from models.queries.assessments import list_assessments
from reports import Cancelled

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """A file name from a unit's name (which may have come in a bundle): marks kept,
    characters Windows refuses replaced, never a device name such as CON."""
    return plain_file_name(" ".join(_UNSAFE.sub("-", text).split())[:90])


@dataclass
class BatchResult:
    files: list[str] = field(default_factory=list)
    total: int = 0
    cancelled: bool = False


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
                if fmt == "pdf":
                    from reports.pdf_summary import write_summary_pdf as write
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
                if fmt == "pdf":
                    from reports.pdf_assessment import write_assessment_pdf

                    write_assessment_pdf(session, assessment_id, path)
                else:
                    from reports.xlsx_assessment import write_assessment_xlsx

                    write_assessment_xlsx(session, assessment_id, path)
                result.files.append(str(path))
            progress(len(rows), len(rows))
        except Cancelled:
            result.cancelled = True
        except OutputError as exc:
            if not result.files:
                raise
            done = f"{len(result.files)}/{result.total}"
            raise OutputError(
                f"{exc.vi} Các tệp đã xong trước đó ({done}) vẫn được giữ trong '{target}'.",
                f"{exc.en} The files finished before it ({done}) are kept in '{target}'.",
            ) from exc
    return result
