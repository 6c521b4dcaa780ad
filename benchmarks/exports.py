"""Exports against the bare libraries doing the same work: the summary workbook against
raw sqlite3 running the same SQL and raw write-only openpyxl writing the same cells, styles
and charts; every assessment PDF of a round against raw reportlab building the same document
(and, for scale, the items table alone).

    .venv/bin/python benchmarks/exports.py                 # demo databases made in /tmp
    .venv/bin/python benchmarks/exports.py --db FILE       # an existing database
    .venv/bin/python benchmarks/exports.py --pdf-limit 200 # fewer PDFs, for a quick look

Prints a table of medians over ``--runs`` runs. Peak memory is the Python heap's
(tracemalloc), measured in runs of its own so that it does not slow the timed ones.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
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

from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402
from openpyxl.chart import BarChart, Reference  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
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
from reports.cells import house_font, print_ready  # noqa: E402
from reports.fonts import BOLD, ITALIC, REGULAR, register_fonts  # noqa: E402
from reports.pdf_assessment import write_assessment_pdf  # noqa: E402
from reports.pdf_base import NumberedCanvas  # noqa: E402
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

_QUERY = """
SELECT u.name, p.name, u.address, a.period, a.assessor, a.status, v.title, d.kind, d.number,
       d.issuer, d.issued_on, d.subject
FROM assessments a JOIN units u ON u.id = a.unit_id LEFT JOIN units p ON p.id = u.parent_id
JOIN checklist_versions v ON v.id = a.version_id JOIN checklists c ON c.id = v.checklist_id
JOIN directives d ON d.id = c.directive_id WHERE a.id = ?"""
_ITEMS = """
SELECT i.code, i.requirement, i.critical, i.weight, s.status, s.note, c.what, c.who, c.due_on,
       c.done_on
FROM checklist_items i JOIN assessments a ON a.version_id = i.version_id
LEFT JOIN answers s ON s.item_id = i.id AND s.assessment_id = a.id
LEFT JOIN corrective_actions c ON c.item_id = i.id AND c.assessment_id = a.id
WHERE a.id = ? ORDER BY i.position"""
LABELS = {
    "dat": "Đạt",
    "chua-dat": "Chưa đạt",
    "mot-phan": "Đạt một phần",
    "khong-ap-dung": "Không áp dụng",
    None: "—",
}


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("b", fontName=REGULAR, fontSize=13, leading=16)
    cell = ParagraphStyle("c", fontName=REGULAR, fontSize=11, leading=13.5)
    return {
        "body": base,
        "cell": cell,
        "bold": ParagraphStyle("h", parent=cell, fontName=BOLD, alignment=1),
        "centre": ParagraphStyle("m", parent=base, fontName=BOLD, alignment=1),
        "italic": ParagraphStyle("i", parent=base, fontName=ITALIC, alignment=1),
    }


def bare_pdf(con: sqlite3.Connection, assessment: str, out: Path, whole: bool) -> None:
    """Raw reportlab: the same document built inline (``whole``), or the items table only."""
    st = _styles()

    def p(text: object, style: str = "cell") -> Paragraph:
        return Paragraph(escape(str(text)), st[style])

    head = con.execute(_QUERY, (assessment,)).fetchone()
    rows = con.execute(_ITEMS, (assessment,)).fetchall()
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    width = A4[0] - 45 * mm
    items = Table(
        [[p(h, "bold") for h in ("Mục", "Nội dung yêu cầu", "Kết quả", "Ghi chú")]]
        + [[p(r[0]), p(r[1]), p(LABELS[r[4]]), p(r[5] or "")] for r in rows],
        colWidths=[width * w for w in (0.09, 0.48, 0.15, 0.28)],
        repeatRows=1,
    )
    items.setStyle(grid)
    story: list[Any] = [items]
    if whole:
        header = Table(
            [
                [
                    [p(head[1] or "", "italic"), p(head[0].upper(), "centre")],
                    [
                        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "centre"),
                        p("Độc lập - Tự do - Hạnh phúc", "centre"),
                    ],
                ],
                [p("Số: /BC", "italic"), p("Quảng Ninh, ngày 01 tháng 10 năm 2021", "italic")],
            ],
            colWidths=[width * 0.42, width * 0.58],
        )
        header.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR)]))
        info = Table(
            [
                [p(k, "bold"), p(v)]
                for k, v in (
                    ("Đơn vị:", head[0]),
                    ("Văn bản:", head[11]),
                    ("Danh mục:", head[6]),
                    ("Kỳ báo cáo:", head[3]),
                    ("Hình thức:", "Tự đánh giá"),
                    ("Người đánh giá:", head[4]),
                    ("Trạng thái:", head[5]),
                )
            ],
            colWidths=[width * 0.28, width * 0.72],
        )
        info.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR)]))
        failed = [r[0] for r in rows if r[4] == "chua-dat"]
        actions = [r for r in rows if r[6]]
        acts = Table(
            [[p(h, "bold") for h in ("Mục", "Biện pháp", "Người thực hiện", "Hạn", "Kết quả")]]
            + [[p(r[0]), p(r[6]), p(r[7]), p(r[8]), p(r[9] or "Chưa xong")] for r in actions],
            repeatRows=1,
        )
        acts.setStyle(grid)
        signatures = Table(
            [
                [
                    [
                        p("NGƯỜI ĐÁNH GIÁ", "centre"),
                        p("(Ký, ghi rõ họ tên)", "italic"),
                        Spacer(1, 24 * mm),
                        p(head[4], "centre"),
                    ],
                    [p("THỦ TRƯỞNG ĐƠN VỊ", "centre"), p("(Ký tên, đóng dấu)", "italic")],
                ]
            ]
        )
        signatures.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR)]))
        story = [
            header,
            Spacer(1, 8 * mm),
            p("BÁO CÁO", "centre"),
            p(f"Kết quả tự đánh giá thực hiện {head[7]} số {head[8]}", "centre"),
            info,
            p("I. KẾT QUẢ TỪNG NỘI DUNG", "body"),
            items,
            p("II. TỔNG HỢP", "body"),
            p(f"- Số mục chưa đạt: {len(failed)} ({', '.join(failed)}).", "body"),
            p("III. BIỆN PHÁP KHẮC PHỤC", "body"),
            acts,
            KeepTogether([signatures]),
        ]
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm, initialFontName=REGULAR
    )
    doc.build(story, canvasmaker=NumberedCanvas if whole else Canvas)


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


def bare_pdfs(path: Path, ids: list[uuid.UUID], out: Path, whole: bool) -> None:
    con = sqlite3.connect(path)
    try:
        for assessment in ids:
            bare_pdf(con, assessment.hex, out, whole)
    finally:
        con.close()


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
        runs = max(1, args.pdf_runs)
        ours_pdf = median(runs, lambda: ours_pdfs(database, ids, pdf)) / len(ids)
        bare_doc = median(runs, lambda: bare_pdfs(big, ids, pdf, True)) / len(ids)
        bare_table = median(runs, lambda: bare_pdfs(big, ids, pdf, False)) / len(ids)
        yield [
            "assessment PDF, per report",
            f"{ours_pdf * 1000:.1f} ms",
            f"{bare_doc * 1000:.1f} ms",
            f"{ours_pdf / bare_doc:.2f}×",
            f"{len(ids)} reports; bare = same document, inline reportlab",
        ]
        yield [
            "assessment PDF, per report",
            f"{ours_pdf * 1000:.1f} ms",
            f"{bare_table * 1000:.1f} ms",
            f"{ours_pdf / bare_table:.2f}×",
            "bare = the items table alone (no header, summary, signatures)",
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
