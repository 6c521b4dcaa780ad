"""The summary of a round (or a date range) for the weekly meeting: the figures, a chart of
compliance by theme, every unit's result, the items failed most often and the overdue
corrective actions. Long tables are cut into blocks so reportlab never re-splits one huge
table page after page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

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
from reports.pdf_base import ReportDocument, vn_number

BLOCK = 40  # table rows per block
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
        self, data: SummaryData, progress: Progress | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(today or data.as_of)
        self.data, self.progress = data, progress
        self.title = f"Tổng hợp kết quả — {data.selection.label}"

    def story(self) -> list[Flowable]:
        data = self.data
        story: list[Flowable] = self.document_title(
            "BÁO CÁO TỔNG HỢP", f"Kết quả thực hiện văn bản chỉ đạo — {data.selection.label}"
        )
        totals = Totals()
        units = self.unit_blocks(totals)  # counts into totals while it builds the table
        story += self.overview(totals)
        story += self.themes()
        story.append(self.para("III. KẾT QUẢ TỪNG ĐƠN VỊ", "heading"))
        story += units
        story += self.failed()
        story += self.actions()
        story += self.missing()
        return story

    def missing(self) -> list[Flowable]:
        """The round's units that have not submitted, with whom to call."""
        overview = self.data.round_overview()
        if overview is None:
            return []
        story: list[Flowable] = [self.para("VI. ĐƠN VỊ CHƯA BÁO CÁO", "heading")]
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
            f"Cách tính: {basis.text('vi')}",
        ]
        story: list[Flowable] = [self.para("I. TÌNH HÌNH CHUNG", "heading")]
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
        story: list[Flowable] = [self.para("II. TUÂN THỦ THEO CHỦ ĐỀ", "heading")]
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
                        titles.get(slug, slug),
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
        story: list[Flowable] = [self.para("IV. CÁC MỤC CHƯA ĐẠT NHIỀU NHẤT", "heading")]
        if not lines:
            return [*story, self.para("Không có mục nào chưa đạt.")]
        rows = [
            [line.checklist, line.code, line.requirement, str(line.failed), vn_number(line.share)]
            for line in lines
        ]
        return [
            *story,
            self.plain_grid(
                ["Danh mục", "Mục", "Yêu cầu", "Số lần", "Tỷ lệ"], rows, [0.2, 0.07, 0.5, 0.1, 0.13]
            ),
        ]

    def actions(self) -> list[Flowable]:
        story: list[Flowable] = [self.para("V. BIỆN PHÁP KHẮC PHỤC QUÁ HẠN", "heading")]
        overdue = (line for line in self.data.action_lines() if line.overdue_days > 0)
        chosen = list(islice(overdue, MAX_ACTIONS + 1))
        if not chosen:
            return [*story, self.para("Không có biện pháp khắc phục nào quá hạn.")]
        headers = ["Đơn vị", "Mục", "Biện pháp", "Người thực hiện", "Hạn", "Quá hạn"]
        rows = [
            [
                line.unit,
                line.code,
                line.what,
                line.who or "—",
                vn_date(line.due_on) if line.due_on else "—",
                f"{line.overdue_days} ngày",
            ]
            for line in chosen[:MAX_ACTIONS]
        ]
        widths = [0.27, 0.07, 0.30, 0.15, 0.11, 0.10]
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
) -> Path:
    return SummaryDocument(SummaryData(session, selection, as_of), progress).render(path)
