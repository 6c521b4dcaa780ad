"""The summary of a round (or a date range) as a "Báo cáo" an office sends up (Nghị định
30/2020/NĐ-CP): issuing body and its parent from the settings, Số with room to write, V/v,
the body in sections that state the basis of each figure, Nơi nhận and the signature; the
tables (every unit's result, compliance by theme, the items failed most often, overdue
corrective actions, units that have not reported) follow as annexes. Long tables are cut
into blocks so reportlab never re-splits one huge table page after page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer
from sqlalchemy.orm import Session

from models.config import Issuer
from models.queries.documents import directive_numbers
from models.queries.summary import Selection, SummaryData, Totals
from models.scoring import BANDS, band
from models.vocabulary import (
    ASSESSMENT_STATUSES,
    RATING_BANDS,
    UNIT_KINDS,
    UNIT_PROGRESS,
    label_of,
    vn_date,
)
from reports import Progress
from reports.fonts import REGULAR
from reports.pdf_base import NUMBER_ROOM, ReportDocument, vn_long_date, vn_number

BLOCK = 40  # table rows per block
ROMAN = ("I", "II", "III", "IV", "V")
ANNEXES = (
    "Kết quả từng đơn vị",
    "Tuân thủ theo chủ đề",
    "Các yêu cầu chưa đạt nhiều nhất",
    "Biện pháp khắc phục quá hạn",
    "Đơn vị chưa báo cáo",
)
MAX_ACTIONS = 300


class BarChart(Flowable):
    """Horizontal bars with their labels and values, drawn with the document's own font."""

    def __init__(
        self, bars: Sequence[tuple[str, float | None, str]], maximum: float, suffix: str = "%"
    ) -> None:
        super().__init__()
        self.bars, self.maximum, self.suffix = bars, maximum or 1, suffix
        self.bar_height, self.gap, self.label_width = 4.2 * mm, 1.8 * mm, 62 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.chart_width = available_width
        return available_width, len(self.bars) * (self.bar_height + self.gap) + 6 * mm

    def draw(self) -> None:
        canv = self.canv
        span = self.chart_width - self.label_width - 16 * mm
        top = len(self.bars) * (self.bar_height + self.gap) + 6 * mm
        canv.setFont(REGULAR, 8.5)
        for index, (label, value, colour) in enumerate(self.bars):
            y = top - (index + 1) * (self.bar_height + self.gap)
            text = label if len(label) <= 42 else label[:41] + "…"
            canv.setFillColor(colors.black)
            canv.drawRightString(self.label_width - 2 * mm, y + 1.2 * mm, text)
            if value is None:
                continue
            canv.setFillColor(colors.HexColor(colour))
            canv.rect(
                self.label_width, y, span * value / self.maximum, self.bar_height, stroke=0, fill=1
            )
            canv.setFillColor(colors.black)
            shown = vn_number(value, self.suffix) if self.suffix else str(int(value))
            canv.drawString(
                self.label_width + span * value / self.maximum + 1.5 * mm, y + 1.2 * mm, shown
            )
        canv.setStrokeColor(colors.grey)
        canv.line(self.label_width, 0, self.label_width, top)


class SummaryDocument(ReportDocument):
    def __init__(
        self,
        data: SummaryData,
        progress: Progress | None = None,
        today: dt.date | None = None,
        issuer: Issuer | None = None,
        numbers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(today or data.as_of)
        self.data, self.progress = data, progress
        self.issuer = issuer or Issuer()
        self.numbers = numbers or {}
        self.title = f"Báo cáo tổng hợp kết quả — {data.selection.label}"

    def named(self, slug: str) -> str:
        """A checklist as people name it: its directive's number, not our internal id."""
        return self.numbers.get(slug, slug)

    def story(self) -> list[Flowable]:
        data, issuer = self.data, self.issuer
        totals = Totals()
        annexes: list[list[Flowable]] = [
            self.unit_blocks(totals),  # counts into totals while it builds the table
            self.themes(),
            self.failed(),
            self.actions(),
            self.missing(),
        ]
        documents = ", ".join(self.named(slug) for slug, _ in data.checklists) or "—"
        story: list[Flowable] = [
            self.national_header(
                issuer.parent or None,
                issuer.body or "……………………",
                f"Số:{NUMBER_ROOM}/BC",
                issuer.place or None,
            )
        ]
        story += self.document_title(
            "BÁO CÁO", f"Kết quả thực hiện {documents} — {data.selection.label}"
        )
        story += self.overview(totals)
        story += self.findings(totals)
        closing = self.closing(
            [
                f"{issuer.parent} (để báo cáo);" if issuer.parent else "Như trên;",
                "Các đơn vị được kiểm tra;",
                "Lưu: VT.",
            ],
            (issuer.signer_title or "Thủ trưởng cơ quan", "(Ký tên, đóng dấu)", issuer.signer_name),
        )
        story = self.ending(story, closing)
        for number, (title, blocks) in enumerate(zip(ANNEXES, annexes, strict=True), 1):
            story += [PageBreak(), *self.annex_heading(number, title), *blocks]
        return story

    def annex_heading(self, number: int, title: str) -> list[Flowable]:
        attached = f"(Kèm theo Báo cáo số{NUMBER_ROOM}/BC {vn_long_date(self.dated)})"
        return [
            self.para(f"Phụ lục {ROMAN[number - 1]}", "centre_bold"),
            self.para(title.upper(), "centre_bold"),
            self.para(attached, "centre_italic"),
            Spacer(1, 4 * mm),
        ]

    def findings(self, totals: Totals) -> list[Flowable]:
        """The body's results in words, each pointing to the annex that lists it."""
        story: list[Flowable] = [self.para("II. KẾT QUẢ", "heading")]
        lines = [
            f"Tỷ lệ tuân thủ bình quân của {totals.submitted} bài đã nộp: "
            f"{vn_number(totals.mean_compliance)}; số bài có mục trọng yếu chưa đạt: "
            f"{totals.flagged} (chi tiết từng đơn vị: Phụ lục I).",
        ]
        weakest = sorted(
            (line for line in self.data.theme_lines() if line.compliance is not None),
            key=lambda line: line.compliance or 0,
        )[:3]
        if weakest:
            named = "; ".join(f"{line.label} ({vn_number(line.compliance)})" for line in weakest)
            lines.append(f"Các chủ đề tuân thủ thấp nhất: {named} (Phụ lục II).")
        failed = self.data.failed_lines(3)
        if failed:
            named = "; ".join(
                f"mục {line.code} của {self.named(line.checklist)} ({line.failed} bài)"
                for line in failed
            )
            lines.append(f"Các yêu cầu chưa đạt nhiều nhất: {named} (Phụ lục III).")
        overdue = sum(1 for line in self.data.action_lines() if line.overdue_days > 0)
        lines.append(
            f"Số biện pháp khắc phục quá hạn tính đến ngày {vn_date(self.data.as_of)}: "
            f"{overdue} (Phụ lục IV)."
        )
        overview = self.data.round_overview()
        if overview is not None:
            lines.append(
                f"Số đơn vị chưa báo cáo: {len(overview.missing)} (danh sách và người liên hệ: "
                "Phụ lục V)."
            )
        story += [self.para(f"- {line}") for line in lines]
        story.append(self.para("III. ĐỀ XUẤT, KIẾN NGHỊ", "heading"))
        story += [self.para("." * 150, "small") for _ in range(3)]
        return story

    def missing(self) -> list[Flowable]:
        """The round's units that have not submitted, with whom to call."""
        overview = self.data.round_overview()
        if overview is None:
            return [
                self.para("Bản tổng hợp theo khoảng ngày: không có danh sách đơn vị phải báo cáo.")
            ]
        story: list[Flowable] = []
        if not overview.missing:
            return [*story, self.para("Mọi đơn vị phải báo cáo đều đã nộp.")]
        rows = [
            [
                standing.name,
                label_of(UNIT_PROGRESS, standing.state)
                + (" (quá hạn)" if standing.overdue else ""),
                standing.contact_person or "—",
                standing.phone or "—",
            ]
            for standing in overview.missing
        ]
        widths = [0.42, 0.22, 0.2, 0.16]
        headers = ["Đơn vị", "Tình trạng", "Người liên hệ", "Điện thoại"]
        return story + [
            self.plain_grid(headers, rows[i : i + BLOCK], widths)
            for i in range(0, len(rows), BLOCK)
        ]

    def overview(self, totals: Totals) -> list[Flowable]:
        basis = self.data.basis(totals)
        expected = (
            f"{basis.submitted_units}/{basis.expected_units}"
            if basis.expected_units is not None
            else str(basis.submitted_units)
        )
        lines = [
            f"Số đơn vị đã nộp: {expected}; số bài đã nộp (được tính): {totals.submitted}; "
            f"bài đang làm (không tính): {totals.drafts}; bài của hình thức khác (không "
            f"tính): {basis.others}; bài đã nộp không có điểm: {totals.unscored}.",
            f"Tỷ lệ tuân thủ bình quân: {vn_number(totals.mean_compliance)}.",
            f"Số bài có mục trọng yếu chưa đạt: {totals.flagged}.",
        ]
        story: list[Flowable] = [self.para("I. TÌNH HÌNH CHUNG", "heading")]
        story.append(self.para(f"Cách tính các số liệu: {basis.text('vi')}"))
        story += [self.para(f"- {line}") for line in lines]
        story.append(Spacer(1, 3 * mm))
        bars = [
            (
                f"{label_of(RATING_BANDS, band_id)} (từ {lower}%)",
                float(totals.bands[band_id]),
                colour,
            )
            for lower, band_id, colour in BANDS
        ]
        story.append(self.para("Số bài đánh giá theo xếp loại:", "small"))
        story.append(BarChart(bars, max((b[1] for b in bars), default=1), suffix=""))
        return story

    def themes(self) -> list[Flowable]:
        lines = self.data.theme_lines()
        story: list[Flowable] = []
        if not lines:
            return [*story, self.para("Không có dữ liệu theo chủ đề.")]
        bars = [
            (line.label, line.compliance, (band(line.compliance) or ("", "", "#9e9e9e"))[2])
            for line in lines
        ]
        story.append(BarChart(bars, 100))
        return story

    def unit_blocks(self, totals: Totals) -> list[Flowable]:
        headers = ["Đơn vị", "Loại", "Danh mục", "Tuân thủ", "Đã trả lời", "Trạng thái"]
        titles = dict(self.data.checklists)
        expected = self.data.unit_count() if self.progress else 0
        blocks: list[Flowable] = []
        rows: list[list[Any]] = []
        widths = [0.30, 0.12, 0.26, 0.11, 0.10, 0.11]
        for done, line in enumerate(self.data.unit_lines(totals), 1):
            for slug, cell in line.cells.items():
                flag = " (!)" if cell.flagged else ""
                rows.append(
                    [
                        line.unit,
                        label_of(UNIT_KINDS, line.kind),
                        self.named(slug) if slug in self.numbers else titles.get(slug, slug),
                        (
                            "—"
                            if cell.status == "draft"
                            else vn_number(cell.compliance)
                            if cell.compliance is not None
                            else "không có điểm"
                        )
                        + flag,
                        vn_number(cell.coverage),
                        label_of(ASSESSMENT_STATUSES, cell.status),
                    ]
                )
            if len(rows) >= BLOCK:
                blocks.append(self.plain_grid(headers, rows, widths))
                rows = []
            if self.progress and done % 50 == 0:
                self.progress(done, expected)
        if rows:
            blocks.append(self.plain_grid(headers, rows, widths))
        blocks.append(self.para("(!) có mục trọng yếu chưa đạt.", "small"))
        return blocks

    def plain_grid(
        self, headers: list[str], rows: list[list[Any]], widths: list[float]
    ) -> Flowable:
        data = [[self.para(h, "cell_bold") for h in headers]]
        data += [[self.para(value, "cell") for value in row] for row in rows]
        return self.grid(data, widths)

    def failed(self) -> list[Flowable]:
        lines = self.data.failed_lines(15)
        story: list[Flowable] = []
        if not lines:
            return [*story, self.para("Không có mục nào chưa đạt.")]
        rows = [
            [
                self.named(line.checklist),
                line.code,
                line.requirement,
                str(line.failed),
                vn_number(line.share),
            ]
            for line in lines
        ]
        return [
            *story,
            self.plain_grid(
                ["Văn bản", "Mục", "Yêu cầu", "Số bài", "Tỷ lệ"], rows, [0.2, 0.08, 0.49, 0.1, 0.13]
            ),
        ]

    def actions(self) -> list[Flowable]:
        story: list[Flowable] = [
            self.para(f"Tính đến ngày {vn_date(self.data.as_of)}.", "centre_italic")
        ]
        overdue = (line for line in self.data.action_lines() if line.overdue_days > 0)
        chosen = list(islice(overdue, MAX_ACTIONS + 1))
        if not chosen:
            return [*story, self.para("Không có biện pháp khắc phục nào quá hạn.")]
        headers = ["Đơn vị", "Mục", "Biện pháp", "Người thực hiện", "Hạn", "Quá hạn (ngày)"]
        rows = [
            [
                line.unit,
                line.code,
                line.what,
                line.who or "—",
                vn_date(line.due_on) if line.due_on else "—",
                str(line.overdue_days),
            ]
            for line in chosen[:MAX_ACTIONS]
        ]
        widths = [0.25, 0.07, 0.28, 0.15, 0.14, 0.11]
        story += [
            self.plain_grid(headers, rows[i : i + BLOCK], widths)
            for i in range(0, len(rows), BLOCK)
        ]
        if len(chosen) > MAX_ACTIONS:
            story.append(
                self.para(
                    f"Chỉ liệt kê {MAX_ACTIONS} biện pháp quá hạn lâu nhất; "
                    "danh sách đầy đủ có trong bản Excel.",
                    "small",
                )
            )
        return story


def write_summary_pdf(
    session: Session,
    selection: Selection,
    path: Path,
    *,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    issuer: Issuer | None = None,
) -> Path:
    from models.config import issuer as configured

    data = SummaryData(session, selection, as_of)
    numbers = directive_numbers(session, [slug for slug, _ in data.checklists])
    document = SummaryDocument(data, progress, issuer=issuer or configured(), numbers=numbers)
    return document.render(path)
