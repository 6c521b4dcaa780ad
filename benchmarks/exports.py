"""Exports against the bare libraries: the summary workbook against raw openpyxl
write-only writing the same cells, and every assessment PDF of a round against raw
reportlab building the same document (and, for scale, the items table alone).

    .venv/bin/python benchmarks/exports.py                 # demo databases made in /tmp
    .venv/bin/python benchmarks/exports.py --db FILE       # an existing database
    .venv/bin/python benchmarks/exports.py --pdf-limit 200 # fewer PDFs, for a quick look

Prints a table of medians over ``--runs`` runs. Peak memory is the Python heap's
(tracemalloc), measured in runs of its own so that it does not slow the timed ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook, load_workbook  # noqa: E402
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
from sqlalchemy import select  # noqa: E402

from models.db import Database  # noqa: E402
from models.demo import generate_demo  # noqa: E402
from models.device import LocalDevice  # noqa: E402
from models.entities import Assessment  # noqa: E402
from models.opening import open_database  # noqa: E402
from models.queries.summary import SummaryData, Totals, select_round  # noqa: E402
from reports.fonts import BOLD, ITALIC, REGULAR, register_fonts  # noqa: E402
from reports.pdf_assessment import write_assessment_pdf  # noqa: E402
from reports.pdf_base import NumberedCanvas  # noqa: E402
from reports.xlsx_summary import write_summary_xlsx  # noqa: E402

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


def same_cells(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    workbook = load_workbook(path, read_only=True)
    sheets = [(s.title, [tuple(r) for r in s.iter_rows(values_only=True)]) for s in workbook]
    workbook.close()
    return sheets


def bare_summary(sheets: list[tuple[str, list[tuple[Any, ...]]]], out: Path) -> None:
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(out)


_MATRIX = """
SELECT u.name, p.name, u.kind, c.slug,
       SUM(CASE s.status WHEN 'dat' THEN i.weight WHEN 'mot-phan' THEN i.weight * 0.5
           ELSE 0 END),
       SUM(CASE WHEN s.status IN ('dat', 'mot-phan', 'chua-dat') THEN i.weight ELSE 0 END),
       SUM(CASE WHEN s.status = 'chua-dat' AND i.critical THEN 1 ELSE 0 END),
       CASE WHEN p.kind = 'huyen' THEN p.name WHEN g.kind = 'huyen' THEN g.name END,
       a.status, a.period, COUNT(s.status) * 100.0 / (SELECT COUNT(*) FROM checklist_items n
           WHERE n.version_id = v.id AND COALESCE(n.role, 'requirement') = 'requirement')
FROM assessments a JOIN units u ON u.id = a.unit_id LEFT JOIN units p ON p.id = u.parent_id
LEFT JOIN units g ON g.id = p.parent_id
JOIN checklist_versions v ON v.id = a.version_id JOIN checklists c ON c.id = v.checklist_id
LEFT JOIN answers s ON s.assessment_id = a.id LEFT JOIN checklist_items i ON i.id = s.item_id
WHERE a.period = ? GROUP BY a.id ORDER BY u.name, u.id, c.slug"""
_THEMES = """
SELECT t.label_vi, COUNT(s.status), SUM(s.status = 'dat'), SUM(s.status = 'mot-phan'),
       SUM(s.status = 'chua-dat'), SUM(s.status = 'khong-ap-dung'),
       SUM(CASE s.status WHEN 'dat' THEN i.weight WHEN 'mot-phan' THEN i.weight * 0.5
           ELSE 0 END),
       SUM(CASE WHEN s.status IN ('dat', 'mot-phan', 'chua-dat') THEN i.weight ELSE 0 END)
FROM answers s JOIN assessments a ON a.id = s.assessment_id
JOIN checklist_items i ON i.id = s.item_id JOIN item_themes it ON it.item_id = i.id
JOIN themes t ON t.id = it.theme_id WHERE a.period = ? AND s.status IS NOT NULL
GROUP BY t.id ORDER BY t.position"""
_FAILED = """
SELECT c.slug, i.code, i.requirement, SUM(s.status = 'chua-dat') AS failed,
       SUM(s.status IN ('dat', 'mot-phan', 'chua-dat'))
FROM answers s JOIN assessments a ON a.id = s.assessment_id
JOIN checklist_items i ON i.id = s.item_id JOIN checklist_versions v ON v.id = i.version_id
JOIN checklists c ON c.id = v.checklist_id WHERE a.period = ?
GROUP BY i.id HAVING failed > 0 ORDER BY failed DESC LIMIT 20"""
_ACTIONS = """
SELECT u.name, c.slug, a.period, i.code, i.requirement, x.what, x.who, x.due_on
FROM corrective_actions x JOIN assessments a ON a.id = x.assessment_id
JOIN units u ON u.id = a.unit_id JOIN checklist_items i ON i.id = x.item_id
JOIN checklist_versions v ON v.id = a.version_id JOIN checklists c ON c.id = v.checklist_id
WHERE a.period = ? AND x.done_on IS NULL ORDER BY x.due_on IS NULL, x.due_on, u.name"""


def bare_summary_sql(path: Path, out: Path) -> None:
    """The same work with the bare libraries: raw sqlite3 aggregates, raw write-only cells."""
    con = sqlite3.connect(path)
    workbook = Workbook(write_only=True)
    try:
        overview = workbook.create_sheet("Tổng hợp")
        matrix = workbook.create_sheet("Đơn vị")
        matrix.append(
            ["Đơn vị", "Thuộc", "Loại", "Tuân thủ (%)", "Trọng yếu", "Huyện", "Trạng thái"]
            + ["Đã trả lời (%)", "Kỳ"]
        )
        units = 0
        for row in con.execute(_MATRIX, (ROUND,)):
            name, parent, kind, _slug, earned, applicable, critical, *rest = row
            district, status, period, coverage = rest
            units += 1
            matrix.append(
                [
                    name,
                    parent,
                    kind,
                    round(earned * 100 / applicable, 1) if applicable else None,
                    critical or None,
                    district,
                    status,
                    round(coverage, 1) if coverage is not None else None,
                    period,
                ]
            )
        themes = workbook.create_sheet("Chủ đề")
        for row in con.execute(_THEMES, (ROUND,)):
            themes.append([*row[:6], round(row[6] * 100 / row[7], 1) if row[7] else None])
        failed = workbook.create_sheet("Mục chưa đạt")
        for rank, row in enumerate(con.execute(_FAILED, (ROUND,)), 1):
            failed.append([rank, *row, round(row[3] * 100 / row[4], 1)])
        actions = workbook.create_sheet("Khắc phục")
        for row in con.execute(_ACTIONS, (ROUND,)):
            actions.append([*row[:7], dt.date.fromisoformat(row[7]) if row[7] else None])
        overview.append(["Số đơn vị", units])
        workbook.save(out)
    finally:
        con.close()


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


def rows_of(args: argparse.Namespace, folder: Path) -> Iterator[list[str]]:
    register_fonts()
    big = Path(args.db) if args.db else demo_database(folder, args.units)
    small = None if args.db else demo_database(folder, max(args.units // 4, 1))
    out = folder / "out.xlsx"
    database = open_database(big, device=DEVICE)
    try:
        ours_summary(database, out)
        sheets = same_cells(out)
        cells = sum(len(rows) * max((len(r) for r in rows), default=0) for _, rows in sheets)
        ours = median(args.runs, lambda: ours_summary(database, out))
        bare = median(args.runs, lambda: bare_summary_sql(big, folder / "bare.xlsx"))
        cells_only = median(args.runs, lambda: bare_summary(sheets, folder / "bare.xlsx"))
        gather = median(args.runs, lambda: gather_only(database))
        yield [
            "summary workbook",
            f"{ours:.3f} s",
            f"{bare:.3f} s",
            f"{ours / bare:.2f}×",
            "bare = raw sqlite3 aggregates + raw write-only rows",
        ]
        yield [
            "summary workbook",
            f"{ours:.3f} s",
            f"{cells_only:.3f} s",
            f"{ours / cells_only:.2f}×",
            f"bare = writing our {cells} cells only (no "
            f"database); our reading alone {gather:.3f} s",
        ]
        mem_ours = peak_memory(lambda: ours_summary(database, out))
        mem_bare = peak_memory(lambda: bare_summary(sheets, folder / "bare.xlsx"))
        yield [
            "summary peak memory",
            f"{mem_ours:.1f} MB",
            f"{mem_bare:.1f} MB",
            f"{mem_ours / mem_bare:.2f}×",
            f"{args.units if not args.db else '?'} units",
        ]
        if small is not None:
            little = open_database(small, device=DEVICE)
            try:
                mem_small = peak_memory(lambda: ours_summary(little, folder / "small.xlsx"))
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
