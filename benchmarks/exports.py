"""Exports against the bare libraries doing the same work: the summary workbook against
raw sqlite3 running the same SQL and raw write-only openpyxl writing the same cells, styles
and charts; every assessment PDF of a round against raw reportlab building the same document.

    .venv/bin/python benchmarks/exports.py                 # demo databases made in /tmp
    .venv/bin/python benchmarks/exports.py --db FILE       # an existing database
    .venv/bin/python benchmarks/exports.py --pdf-limit 200 # fewer PDFs, for a quick look

Prints a table of medians over ``--runs`` runs (``--pdf-runs`` for the PDFs). Peak memory is
the Python heap's (tracemalloc), measured in runs of its own so that it does not slow the
timed ones.

Like for like, the PDF row: the bare side does what our writer does that the library cannot
do by itself. It reads the database by running our SQL statements (captured report by
report) with raw sqlite3, and writes each file as ours does, to a temporary name that is
fsynced and renamed into place. What it is handed, as the workbook's bare side is handed
our cells: the words (``reports.assessment_report``) and the column widths that keep words
whole (``reports.pdf_tables.fit_words``). It lays them out with raw reportlab (tables,
paragraphs in our style sheet, rules, the QR from zxing-cpp drawn the same way, page
numbers from page 2, the last rows kept with the signatures). Before timing, every report
of both sides is compared by page count and ``pdftotext -layout`` text; a difference is
warned. The second PDF row is raw reportlab alone (no reads, no fsync), for scale.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy  # noqa: E402
import zxingcpp  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402
from openpyxl.chart import BarChart, Reference  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import event, select  # noqa: E402

from models.db import Database  # noqa: E402
from models.demo import generate_demo  # noqa: E402
from models.device import LocalDevice  # noqa: E402
from models.entities import Assessment  # noqa: E402
from models.opening import open_database  # noqa: E402
from models.queries.summary import SummaryData, Totals, select_round  # noqa: E402
from reports.assessment_report import (  # noqa: E402
    ACTIONS_HEAD,
    HEADINGS,
    ITEMS_HEAD,
    NO_ACTIONS,
    AssessmentReport,
    read_assessment_report,
    verification_lines,
)
from reports.cells import house_font, print_ready  # noqa: E402
from reports.fonts import BOLD, REGULAR, register_fonts  # noqa: E402
from reports.pdf_assessment import ANSWER_COLOURS, write_assessment_pdf  # noqa: E402
from reports.pdf_base import (  # noqa: E402
    DRAFT,
    MOTTO,
    NATION,
    PAGE_NUMBER_SIZE,
    RECIPIENTS,
    ReportDocument,
    vn_long_date,
)
from reports.pdf_tables import CELL_PADDING, fit_words  # noqa: E402
from reports.pdf_verification import QR_SIDE, QUIET_MODULES, VERIFICATION_TITLE  # noqa: E402
from reports.xlsx_summary import house_chart, write_summary_xlsx  # noqa: E402

ROUND = "2021-W38"
DEVICE = LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-0000000000be"), name="benchmark")


def demo_database(folder: Path, units: int) -> Path:
    path = folder / f"demo-{units}.sqlite3"
    if not path.exists():
        database = open_database(path, device=DEVICE)
        generate_demo(database, units=units, seed=1)
        database.close()
    return path


def timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def peak_memory(work: Callable[[], Any]) -> float:
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


# -- the summary workbook -----------------------------------------------------------------


def ours_summary(database: Database, out: Path) -> None:
    with database.session() as session:
        write_summary_xlsx(session, select_round(session, ROUND), out)


def gather_only(database: Database) -> None:
    """Our reading of the database alone, to show where the time goes."""
    with database.session() as session:
        data = SummaryData(session, select_round(session, ROUND))
        for _ in data.unit_lines(Totals()):
            pass
        data.theme_lines()
        data.failed_lines()
        for _ in data.action_lines():
            pass


Style = tuple[Any, Any, Any, str] | None  # font, fill, alignment, number format


@dataclass
class SheetCopy:
    """What our workbook put in one sheet, held in memory so that the bare side writes the
    same: every cell's value and style, and the sheet's set-up."""

    title: str
    rows: list[list[tuple[Any, Style]]]
    widths: dict[str, float]
    freeze: str | None
    landscape: bool
    title_rows: str | None
    header_height: float | None
    filter_ref: str | None
    formats: list[tuple[str, Any]]


def same_cells(path: Path) -> list[SheetCopy]:
    """Our workbook read back: values, the style of each styled cell, the sheets' set-up."""
    workbook = load_workbook(path)
    styles: dict[int, Style] = {}
    sheets = []
    for sheet in workbook:
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                if cell.has_style and cell.style_id not in styles:
                    styles[cell.style_id] = (
                        copy(cell.font),
                        copy(cell.fill),
                        copy(cell.alignment),
                        cell.number_format,
                    )
                cells.append((cell.value, styles[cell.style_id] if cell.has_style else None))
            rows.append(cells)
        sheets.append(
            SheetCopy(
                sheet.title,
                rows,
                {k: d.width for k, d in sheet.column_dimensions.items() if d.customWidth},
                sheet.freeze_panes,
                sheet.page_setup.orientation == "landscape",
                sheet.print_title_rows,
                sheet.row_dimensions[1].height if 1 in sheet.row_dimensions else None,
                sheet.auto_filter.ref,
                [(str(f.sqref), rule) for f in sheet.conditional_formatting for rule in f.rules],
            )
        )
    workbook.close()
    return sheets


def values_of(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    workbook = load_workbook(path, read_only=True)
    sheets = [(s.title, [tuple(r) for r in s.iter_rows(values_only=True)]) for s in workbook]
    workbook.close()
    return sheets


def capture_sql(database: Database, work: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SQL statements (and parameters) our export sends to the database."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return sent


def bare_summary(
    path: Path | None, statements: list[tuple[str, Any]], sheets: list[SheetCopy], out: Path
) -> None:
    """The same work with the bare libraries: our SQL statements run by raw sqlite3 (every
    row fetched), then raw write-only openpyxl writing the same sheets, cells and styles,
    widths, frozen panes, print set-up, filters, colour scales and charts. Only the Python
    between the two (pivoting rows into cells, labels, cleaning text) is ours alone."""
    if path is not None:
        con = sqlite3.connect(path)
        try:
            for statement, parameters in statements:
                for _row in con.execute(statement, parameters):
                    pass
        finally:
            con.close()
    workbook = Workbook(write_only=True)
    house_font(workbook)
    for copied in sheets:
        sheet = workbook.create_sheet(copied.title)
        for letter, width in copied.widths.items():
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = copied.freeze
        print_ready(sheet, landscape=copied.landscape, title_rows=copied.title_rows)
        if copied.header_height:
            sheet.row_dimensions[1].height = copied.header_height
        for row in copied.rows:
            sheet.append([bare_cell(sheet, value, style) for value, style in row])
        for ref, rule in copied.formats:
            sheet.conditional_formatting.add(ref, rule)
        if copied.filter_ref:
            sheet.auto_filter.ref = copied.filter_ref
        bare_chart(sheet, copied)
    workbook.properties.title = "Tổng hợp"
    workbook.properties.creator = "Kiểm tra"
    workbook.save(out)


def bare_cell(sheet: Any, value: Any, style: Style) -> Any:
    if style is None and not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"
    if style is not None:
        cell.font, cell.fill, cell.alignment, cell.number_format = style
    return cell


def bare_chart(sheet: Any, copied: SheetCopy) -> None:
    """The bar chart our overview and theme sheets carry, on the same cells."""
    if copied.title == "Chủ đề" and len(copied.rows) > 1:
        last = len(copied.rows)
        chart = BarChart()
        chart.type = "bar"
        house_chart(chart, "Tỷ lệ tuân thủ theo chủ đề (%)")
        chart.add_data(Reference(sheet, min_col=7, min_row=1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
        chart.legend = None
        sheet.add_chart(chart, f"A{last + 3}")
    elif copied.title == "Tổng hợp":
        first = len(copied.rows) - 3
        chart = BarChart()
        house_chart(chart, "Số bài đánh giá theo xếp loại")
        chart.add_data(
            Reference(sheet, min_col=2, min_row=first, max_row=first + 3), titles_from_data=True
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first + 1, max_row=first + 3))
        chart.legend = None
        sheet.add_chart(chart, f"A{first + 5}")


# -- the assessment PDFs ------------------------------------------------------------------


@dataclass
class ReportCopy:
    """What our writer put into one report, held so that the bare side builds the same
    document: the SQL it sent, its words (``reports.assessment_report``) and the column
    widths that keep words whole (``reports.pdf_tables.fit_words``)."""

    statements: list[tuple[str, Any]]
    report: AssessmentReport
    verification: list[str]
    item_widths: list[float]
    action_widths: list[float]


PAGE_WIDTH = A4[0] - 45 * mm  # our margins: 30 mm left, 15 mm right (NĐ 30)
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
]
HEADER_ROW = ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE"))


def report_copies(
    database: Database, ids: list[uuid.UUID], out: Path
) -> tuple[list[ReportCopy], dict[str, ParagraphStyle]]:
    styles = ReportDocument().styles()  # our style sheet, values only
    copies = []
    with database.session() as session:
        for assessment in ids:
            statements = capture_sql(
                database, lambda a=assessment: write_assessment_pdf(session, a, out)
            )
            report = read_assessment_report(session, assessment)
            lines = verification_lines(report.code, report.submitted_on) if report.code else []

            def widths(head: tuple[str, ...], rows: list[Any], shares: list[float]) -> list[float]:
                data = [[Paragraph(escape(h), styles["cell_bold"]) for h in head]]
                data += [[Paragraph(escape(str(c)), styles["cell"]) for c in r] for r in rows]
                return fit_words(data, [s * PAGE_WIDTH for s in shares])

            items = [(i.code, i.requirement, i.answer, i.note) for i in report.items]
            copies.append(
                ReportCopy(
                    statements,
                    report,
                    lines,
                    widths(ITEMS_HEAD, items, [0.09, 0.48, 0.15, 0.28]),
                    widths(ACTIONS_HEAD, report.actions, [0.08, 0.38, 0.20, 0.16, 0.18]),
                )
            )
    return copies, styles


class BareQr(Flowable):
    """The QR as both sides draw it: zxing-cpp's matrix, one filled rectangle per run of
    dark modules, written as PDF operators in module units."""

    def __init__(self, text: str) -> None:
        super().__init__()
        code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        self.matrix = numpy.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return QR_SIDE, QR_SIDE

    def draw(self) -> None:
        count = self.matrix.shape[0]
        edges = numpy.diff(numpy.pad(self.matrix, ((0, 0), (1, 1))).astype(numpy.int8), axis=1)
        rows, starts = numpy.nonzero(edges == 1)
        ends = numpy.nonzero(edges == -1)[1]
        canv = self.canv
        canv.saveState()
        canv.scale(QR_SIDE / (count + 2 * QUIET_MODULES), QR_SIDE / (count + 2 * QUIET_MODULES))
        canv.setFillColorRGB(0, 0, 0)
        canv.addLiteral(
            " ".join(
                f"{start + QUIET_MODULES} {count + QUIET_MODULES - 1 - row} {end - start} 1 re f"
                for row, start, end in zip(rows, starts, ends, strict=True)
            )
        )
        canv.restoreState()


class BareRule(Flowable):
    """The short line under a heading: centred, 10 points high, drawn 3 above its foot."""

    def __init__(self, length: float) -> None:
        super().__init__()
        self.length = length

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.available = available_width
        return available_width, 10

    def draw(self) -> None:
        start = (self.available - self.length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(start, 3, start + self.length, 3)


def bare_pdf(
    con: sqlite3.Connection | None,
    copied: ReportCopy,
    st: dict[str, ParagraphStyle],
    out: Path,
    durable: bool = True,
) -> None:
    """The same report with the bare libraries: our SQL statements run by raw sqlite3 (every
    row fetched), then raw reportlab laying out the same words in the same tables, fonts,
    rules, QR and page numbers, written to a file that is fsynced and renamed into place
    (as ours is). Only the Python between the two (labels, scope, scores, widths) is ours
    alone."""
    if con is not None:
        for statement, parameters in copied.statements:
            con.execute(statement, parameters).fetchall()
    r = copied.report
    width = PAGE_WIDTH

    def p(text: object, style: str = "body") -> Paragraph:
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), st[style])

    def table(data: list[list[Any]], widths: list[float], commands: list[Any], repeat: int = 0):
        made = Table(data, colWidths=widths, repeatRows=repeat)
        made.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
        return made

    def signature(role: str, how: str, name: str) -> list[Flowable]:
        return [
            p(role.upper(), "centre_bold"),
            p(how, "centre_italic"),
            Spacer(1, 24 * mm),
            p(name, "centre_bold"),
        ]

    column = 0.42 * width
    line = min(stringWidth(r.body.upper(), BOLD, 13), column)
    left: list[Flowable] = [p(r.body_above.upper(), "centre")] if r.body_above else []
    left += [p(r.body.upper(), "centre_bold"), BareRule(0.4 * line)]
    right = [
        p(NATION, "centre_bold"),
        p(MOTTO, "centre_bold"),
        BareRule(stringWidth(MOTTO, BOLD, 13)),
    ]
    place_date = f"{r.place or '……'}, {vn_long_date(r.dated)}"
    story: list[Flowable] = [
        table(
            [[left, right], [p(r.number, "centre"), p(place_date, "centre_italic")]],
            [column, width - column],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ],
        ),
        Spacer(1, 8 * mm),
        p(r.title, "title"),
        p(r.subtitle, "title"),
        BareRule(0.25 * width),
        Spacer(1, 5 * mm),
        table(
            [[p(label, "label"), p(value, "cell")] for label, value in r.information],
            [0.28 * width, 0.72 * width],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ],
        ),
        p(HEADINGS[0], "heading"),
    ]
    data = [[p(h, "cell_bold") for h in ITEMS_HEAD]]
    shading = []
    for row, item in enumerate(r.items, 1):
        data.append(
            [
                p(item.code, "cell"),
                p("\u00a0" * 3 * item.depth + item.requirement, "cell"),
                p(item.answer, "cell"),
                p(item.note, "cell"),
            ]
        )
        if not item.asked:
            shading.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#eeeeee")))
        elif item.status:
            colour = colors.HexColor(ANSWER_COLOURS[item.status])
            shading.append(("BACKGROUND", (2, row), (2, row), colour))
    story.append(table(data, copied.item_widths, [*GRID, HEADER_ROW, *shading], 1))
    story.append(p(HEADINGS[1], "heading"))
    story += [p(f"- {line}") for line in r.summary]
    story.append(p(HEADINGS[2], "heading"))
    closing = table(
        [
            [signature(*r.drafter), signature(*r.signer)],
            [
                [
                    Paragraph(f"<b><i>{RECIPIENTS}</i></b>", st["recipients_title"]),
                    *(p(f"- {line}", "recipients") for line in r.recipients),
                ],
                "",
            ],
        ],
        [width / 2, width / 2],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ],
    )
    if len(r.actions) > 2:  # the last two rows stay with the signatures
        data = [[p(h, "cell_bold") for h in ACTIONS_HEAD]]
        data += [[p(cell, "cell") for cell in row] for row in r.actions]
        story.append(table(data[:-2], copied.action_widths, [*GRID, HEADER_ROW], 1))
        tail = table(data[-2:], copied.action_widths, GRID)
        story.append(KeepTogether([tail, Spacer(1, 6 * mm), closing]))
    else:
        if r.actions:
            data = [[p(h, "cell_bold") for h in ACTIONS_HEAD]]
            data += [[p(cell, "cell") for cell in row] for row in r.actions]
            last: Flowable = table(data, copied.action_widths, [*GRID, HEADER_ROW], 1)
        else:
            last = p(NO_ACTIONS)
        story[-1] = KeepTogether([story[-1], last, Spacer(1, 6 * mm), closing])
    if r.code is not None:
        words = [p(VERIFICATION_TITLE, "label")] + [p(x, "small") for x in copied.verification]
        story += [
            Spacer(1, 6 * mm),
            table(
                [[BareQr(r.code.text()), words]],
                [QR_SIDE + 4 * mm, width - QR_SIDE - 4 * mm],
                [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)],
            ),
        ]

    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        if canv.getPageNumber() > 1:
            canv.setFont(REGULAR, PAGE_NUMBER_SIZE)
            canv.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, str(canv.getPageNumber()))
        if r.draft:
            canv.setFont(BOLD, 13)
            text_width = stringWidth(DRAFT, BOLD, 13)
            right, top = A4[0] - 15 * mm, A4[1] - 8 * mm
            canv.setStrokeColor(colors.HexColor("#B71C1C"))
            canv.setFillColor(colors.HexColor("#B71C1C"))
            canv.rect(right - text_width - 6 * mm, top - 7 * mm, text_width + 6 * mm, 7 * mm)
            canv.drawRightString(right - 3 * mm, top - 5 * mm, DRAFT)
        canv.restoreState()

    part = out.with_name(f".{out.name}.part") if durable else out
    with open(part, "wb") as stream:
        doc = BaseDocTemplate(
            stream,
            pagesize=A4,
            topMargin=20 * mm,
            rightMargin=15 * mm,
            bottomMargin=20 * mm,
            leftMargin=30 * mm,
            title=r.document_title,
            author="Kiểm tra",
            creator="Kiểm tra",
            initialFontName=REGULAR,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(frames=[frame], onPage=on_page)])
        doc.build(story)
        if durable:
            stream.flush()
            os.fsync(stream.fileno())
    if durable:
        os.replace(part, out)


def round_ids(database: Database, limit: int | None) -> list[uuid.UUID]:
    with database.session() as session:
        ids = list(
            session.scalars(
                select(Assessment.id).where(Assessment.period == ROUND).order_by(Assessment.id)
            )
        )
    return ids[:limit] if limit else ids


def ours_pdfs(database: Database, ids: list[uuid.UUID], out: Path) -> None:
    with database.session() as session:
        for assessment in ids:
            write_assessment_pdf(session, assessment, out)


def read_only(path: Path, copies: list[ReportCopy]) -> None:
    con = sqlite3.connect(path)
    try:
        for copied in copies:
            for statement, parameters in copied.statements:
                con.execute(statement, parameters).fetchall()
    finally:
        con.close()


def bare_pdfs(
    path: Path | None, copies: list[ReportCopy], st: dict[str, ParagraphStyle], out: Path
) -> None:
    if path is None:  # raw reportlab alone: no reads, no fsync
        for copied in copies:
            bare_pdf(None, copied, st, out, durable=False)
        return
    con = sqlite3.connect(path)
    try:
        for copied in copies:
            bare_pdf(con, copied, st, out)
    finally:
        con.close()


def layout_text(pdf: Path) -> tuple[int, str]:
    """A PDF's page count and its text as ``pdftotext -layout`` lays it out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.count("\f"), text


def same_reports(
    database: Database, ids: list[uuid.UUID], copies: list[ReportCopy], st: Any, folder: Path
) -> int:
    """How many of the bare reports differ from ours in pages or laid-out text (warned)."""
    differ = 0
    with database.session() as session:
        for assessment, copied in zip(ids, copies, strict=True):
            ours, bare = folder / "check-ours.pdf", folder / "check-bare.pdf"
            write_assessment_pdf(session, assessment, ours)
            bare_pdf(None, copied, st, bare)
            if layout_text(ours) != layout_text(bare):
                differ += 1
                if differ == 1:
                    print(
                        f"warning: the bare report of {assessment} differs from ours",
                        file=sys.stderr,
                    )
    return differ


# -- the table ----------------------------------------------------------------------------


def median(runs: int, work: Callable[[], Any]) -> float:
    return statistics.median(timed(work) for _ in range(runs))


def median_peak(runs: int, work: Callable[[], Any]) -> float:
    """The median peak: one run's varies with when the garbage collector happens to run."""
    return statistics.median(peak_memory(work) for _ in range(runs))


def rows_of(args: argparse.Namespace, folder: Path) -> Iterator[list[str]]:
    register_fonts()
    big = Path(args.db) if args.db else demo_database(folder, args.units)
    small = None if args.db else demo_database(folder, max(args.units // 4, 1))
    out = folder / "out.xlsx"
    database = open_database(big, device=DEVICE)
    try:
        statements = capture_sql(database, lambda: ours_summary(database, out))
        sheets = same_cells(out)
        bare_out = folder / "bare.xlsx"
        bare_summary(big, statements, sheets, bare_out)
        if values_of(bare_out) != values_of(out):
            print("warning: the bare workbook's cells differ from ours", file=sys.stderr)
        cells = sum(len(row) for copied in sheets for row in copied.rows)
        ours = median(args.runs, lambda: ours_summary(database, out))
        bare = median(args.runs, lambda: bare_summary(big, statements, sheets, bare_out))
        writing = median(args.runs, lambda: bare_summary(None, [], sheets, bare_out))
        gather = median(args.runs, lambda: gather_only(database))
        yield [
            "summary workbook",
            f"{ours:.3f} s",
            f"{bare:.3f} s",
            f"{ours / bare:.2f}×",
            f"bare = our {len(statements)} SQL statements by raw sqlite3 + the same {cells} "
            f"cells, styles and charts by raw write-only openpyxl (its writing alone "
            f"{writing:.3f} s; our reading alone {gather:.3f} s)",
        ]
        mem_ours = median_peak(args.runs, lambda: ours_summary(database, out))
        mem_bare = median_peak(args.runs, lambda: bare_summary(big, statements, sheets, bare_out))
        yield [
            "summary peak memory",
            f"{mem_ours:.1f} MB",
            f"{mem_bare:.1f} MB",
            f"{mem_ours / mem_bare:.2f}×",
            f"{args.units if not args.db else '?'} units; the same bare work as above",
        ]
        if small is not None:
            little = open_database(small, device=DEVICE)
            try:
                ours_summary(little, folder / "small.xlsx")  # caches warm, as for the big one
                mem_small = median_peak(
                    args.runs, lambda: ours_summary(little, folder / "small.xlsx")
                )
            finally:
                little.close()
            yield [
                "summary peak memory",
                f"{mem_small:.1f} MB",
                "",
                "",
                f"{max(args.units // 4, 1)} units (growth check)",
            ]
        ids = round_ids(database, args.pdf_limit)
        pdf = folder / "out.pdf"
        copies, st = report_copies(database, ids, pdf)
        differ = same_reports(database, ids, copies, st, folder)
        runs = max(1, args.pdf_runs)
        ours_pdf = median(runs, lambda: ours_pdfs(database, ids, pdf)) / len(ids)
        bare_doc = median(runs, lambda: bare_pdfs(big, copies, st, pdf)) / len(ids)
        layout = median(runs, lambda: bare_pdfs(None, copies, st, pdf)) / len(ids)
        reads = median(runs, lambda: read_only(big, copies)) / len(ids)
        yield [
            "assessment PDF, per report",
            f"{ours_pdf * 1000:.1f} ms",
            f"{bare_doc * 1000:.1f} ms",
            f"{ours_pdf / bare_doc:.2f}×",
            f"{len(ids)} reports ({len(ids) - differ} with the same pages and pdftotext -layout "
            f"text as ours); bare = our SQL by raw sqlite3 + the same document by raw "
            f"reportlab + fsync and rename",
        ]
        yield [
            "assessment PDF, per report",
            f"{ours_pdf * 1000:.1f} ms",
            f"{layout * 1000:.1f} ms",
            f"{ours_pdf / layout:.2f}×",
            f"bare = raw reportlab alone (no reads, no fsync; the reads alone "
            f"{reads * 1000:.1f} ms)",
        ]
    finally:
        database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--db", help="an existing database (skips making demo data)")
    parser.add_argument("--runs", type=int, default=5, help="runs of the summary timings")
    parser.add_argument("--pdf-runs", type=int, default=3, help="runs over all the PDFs")
    parser.add_argument("--pdf-limit", type=int, help="only the first N reports")
    parser.add_argument("--keep", metavar="DIR", help="make and keep demo databases here")
    args = parser.parse_args()
    os.environ.setdefault("KIEMTRA_HOME", tempfile.mkdtemp(prefix="kiemtra-bench-"))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kiemtra-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    headers = ["measure", "Kiểm tra", "bare library", "ratio", "note"]
    rows = []
    for row in rows_of(args, folder):
        rows.append(row)
        print("  ".join(row), file=sys.stderr, flush=True)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
