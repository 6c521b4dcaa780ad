"""Forms from the window: one blank or pre-filled form, or the forms of every unit a round
lists (one PDF to print in one go, or one workbook per unit in a folder).

Run on a worker thread like ``reports.batch.batch_export``: plain values in, its own
session, a plain ``BatchResult`` out; Cancel stops before the next unit (a merged PDF is
then not written at all). A unit that gets no form (archived, or asked nothing by the
checklist) is listed in ``BatchResult.skipped`` with the reason.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from sqlalchemy.orm import Session

from models.db import Database
from models.output_files import OutputError
from models.text import fold
from reports import Cancelled
from reports.batch import BatchResult, Failure, files_kept, safe_name
from reports.rows import FormSpec, form_spec


@dataclass(frozen=True)
class FormChoice:
    """A published checklist version a form can be made from."""

    checklist: str
    version: int
    number: str | None  # the directive's number
    title: str

    @property
    def label(self) -> str:
        return f"{self.number or '—'} · {self.title}"


def form_choices(session: Session) -> list[FormChoice]:
    """Every published version of every checklist, newest version first within each."""
    from sqlalchemy import select

    from models.entities import Checklist, ChecklistVersion, Directive

    rows = session.execute(
        select(Checklist.slug, ChecklistVersion.version, Directive.number, ChecklistVersion.title)
        .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
        .join(Directive, Directive.id == Checklist.directive_id)
        .where(ChecklistVersion.status == "published")
        .order_by(Checklist.slug, ChecklistVersion.version.desc())
    )
    return [FormChoice(*row) for row in rows]


@dataclass(frozen=True)
class FormRequest:
    """Which forms to make: blank (no unit), for one unit, or for every unit of a round (whose
    period the forms then carry)."""

    checklist: str
    version: int | None
    kind: str
    fmt: str  # "pdf" or "xlsx"
    period: str | None = None
    unit_id: uuid.UUID | None = None
    round_id: uuid.UUID | None = None


def batch_forms(
    database: Database,
    request: FormRequest,
    target: Path,
    cancel: threading.Event,
    progress: Callable[[int, int], None],
) -> BatchResult:
    """The background job for forms. One form, or a round's as one PDF at ``target`` (each
    unit's form starting on a new page with its own page numbers) or as one workbook per
    unit in the folder ``target``."""
    result = BatchResult()

    def step(done: int, total: int) -> None:
        progress(done, total)
        if cancel.is_set():
            raise Cancelled()

    with database.session() as session:
        if request.round_id is None:
            spec = form_spec(
                session,
                request.checklist,
                version=request.version,
                unit_id=request.unit_id,
                period=request.period,
                kind=request.kind,
            )
            result.total = 1
            _write_form(spec, target, request.fmt)
            result.files.append(str(target))
            progress(1, 1)
            return result
        try:
            forms = _round_forms(session, request, request.round_id, result, step)
            if request.fmt == "pdf":
                _merged_pdf(forms, target, result)
            else:
                for unit, spec in forms:
                    name = _unique(result, f"{unit} - {spec.period} - {spec.checklist}")
                    path = target / f"{name}.xlsx"
                    _write_form(spec, path, "xlsx")
                    result.files.append(str(path))
            progress(result.total, result.total)
        except Cancelled:
            result.cancelled = True
        except OutputError as exc:
            if not result.files:
                raise
            raise files_kept(exc, result, target) from exc
    return result


def _write_form(spec: FormSpec, path: Path, fmt: str) -> None:
    if fmt == "pdf":
        from reports.pdf_form import write_form_pdf

        write_form_pdf(spec, path)
    else:
        from reports.xlsx_form import write_form_xlsx

        write_form_xlsx(spec, path)


def _unique(result: BatchResult, name: str) -> str:
    """A file name not yet used in this run (two units may share a name)."""
    used = {Path(file).stem for file in result.files}
    base = safe_name(name)
    unique, counter = base, 2
    while unique in used:
        unique, counter = f"{base} ({counter})", counter + 1
    return unique


def _round_forms(
    session: Session,
    request: FormRequest,
    round_id: uuid.UUID,
    result: BatchResult,
    step: Callable[[int, int], None],
) -> Iterator[tuple[str, FormSpec]]:
    """The round's units in name order, each with its form; the others go to ``skipped``."""
    from sqlalchemy import select

    from models.entities import Unit, round_units
    from models.services.rounds import round_info

    info = round_info(session, round_id)
    units = sorted(
        session.execute(
            select(Unit.id, Unit.name, Unit.archived_at)
            .join(round_units, round_units.c.unit_id == Unit.id)
            .where(round_units.c.round_id == info.id)
        ).all(),
        key=lambda row: (fold(row.name), row.name),
    )
    result.total = len(units)
    for index, (unit_id, name, archived_at) in enumerate(units):
        step(index, len(units))
        if archived_at is not None:
            result.skipped.append(
                Failure(name, "", "đơn vị đã được lưu trữ.", "the unit is archived.")
            )
            continue
        spec = form_spec(
            session,
            request.checklist,
            version=request.version,
            unit_id=unit_id,
            period=info.period,
            kind=request.kind,
        )
        if not any(item.asked for item in spec.items):
            result.skipped.append(
                Failure(
                    name,
                    "",
                    "danh mục không hỏi đơn vị này mục nào.",
                    "the checklist asks this unit nothing.",
                )
            )
            continue
        yield name, spec


def _merged_pdf(forms: Iterator[tuple[str, FormSpec]], target: Path, result: BatchResult) -> None:
    """Every form one after another in one PDF; none at all when no unit gets a form."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from reports import output_stream
    from reports.fonts import REGULAR
    from reports.pdf_form import FormDocument

    first = next(forms, None)
    if first is None:
        return
    with output_stream(target) as stream:
        canv = Canvas(stream, pagesize=A4, initialFontName=REGULAR, initialFontSize=10)  # type: ignore[arg-type]
        canv.setAuthor("Kiểm tra")
        canv.setCreator("Kiểm tra")
        for number, (_unit, spec) in enumerate(chain([first], forms)):
            document = FormDocument(spec)
            if number == 0:
                canv.setTitle(document.title)
            for page in range(1, document.layout.pages + 1):
                document.draw_page(canv, page)
                canv.showPage()
        canv.save()
    result.files.append(str(target))
