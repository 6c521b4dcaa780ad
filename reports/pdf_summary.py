"""The summary of a round (or a date range) as a "Báo cáo" an office sends up (Nghị định
30/2020/NĐ-CP): issuing body and its parent from the settings, Số with room to write, V/v,
the body in sections that state the basis of each figure, Nơi nhận and the signature; the
tables (every unit's result, compliance by theme, the items failed most often, overdue
corrective actions, units that have not reported) follow as annexes. The words are
``reports.summary_report``'s, shared with the Word writer. Long tables are cut into blocks
so reportlab never re-splits one huge table page after page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer
from sqlalchemy.orm import Session

from models.config import Issuer
from models.queries.summary import Selection, SummaryData
from models.scoring import band
from reports import Progress
from reports.fonts import REGULAR
from reports.pdf_base import BLOCK, ReportDocument, vn_number
from reports.summary_report import (
    ACTION_HEAD,
    BANDS_CAPTION,
    BLANK_LINE,
    FAILED_HEAD,
    FLAG_NOTE,
    HEADINGS,
    MISSING_HEAD,
    UNIT_HEAD,
    SummaryReport,
    summary_report,
)


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
    def __init__(self, report: SummaryReport, progress: Progress | None = None) -> None:
        super().__init__(report.dated)
        self.report, self.progress = report, progress
        self.title = report.document_title

    def story(self) -> list[Flowable]:
        report = self.report
        annexes: list[list[Flowable]] = [
            self.unit_blocks(),  # counts into the totals the body quotes
            self.themes(),
            self.failed(),
            self.actions(),
            self.missing(),
        ]
        story: list[Flowable] = [
            self.national_header(report.body_above, report.body, report.number, report.place)
        ]
        story += self.document_title(report.title, report.subtitle)
        story.append(self.para(HEADINGS[0], "heading"))
        story.append(self.para(report.basis_text()))
        story += [self.para(f"- {line}") for line in report.overview_lines()]
        story.append(Spacer(1, 3 * mm))
        story.append(self.para(BANDS_CAPTION, "small"))
        bars = [(label, float(count), colour) for label, count, colour in report.band_counts()]
        story.append(BarChart(bars, max((b[1] for b in bars), default=1), suffix=""))
        story.append(self.para(HEADINGS[1], "heading"))
        story += [self.para(f"- {line}") for line in report.findings_lines()]
        story.append(self.para(HEADINGS[2], "heading"))
        story += [self.para(BLANK_LINE, "small") for _ in range(3)]
        story = self.ending(story, self.closing(report.recipients, report.signer))
        for number, blocks in enumerate(annexes, 1):
            story += [PageBreak(), *self.annex_heading(number), *blocks]
        return story

    def annex_heading(self, number: int) -> list[Flowable]:
        return self.annex_title(self.report.annex_lines(number))

    def missing(self) -> list[Flowable]:
        rows, instead = self.report.missing_rows()
        if instead:
            return [self.para(instead)]
        return self.blocks(MISSING_HEAD, rows, [0.42, 0.22, 0.2, 0.16])

    def themes(self) -> list[Flowable]:
        lines = self.report.theme_rows()
        if not lines:
            return [self.para(SummaryReport.NO_THEMES)]
        bars = [(label, value, (band(value) or ("", "", "#9e9e9e"))[2]) for label, value in lines]
        return [BarChart(bars, 100)]

    def unit_blocks(self) -> list[Flowable]:
        expected = self.report.data.unit_count() if self.progress else 0
        blocks: list[Flowable] = []
        rows: list[list[Any]] = []
        widths = [0.30, 0.12, 0.26, 0.11, 0.10, 0.11]
        last = 0
        for done, row in self.report.unit_rows():
            rows.append(row)
            if len(rows) >= BLOCK:
                blocks.append(self.plain_grid(list(UNIT_HEAD), rows, widths))
                rows = []
            if self.progress and done != last and done % 50 == 0:
                self.progress(done, expected)
            last = done
        if rows:
            blocks.append(self.plain_grid(list(UNIT_HEAD), rows, widths))
        blocks.append(self.para(FLAG_NOTE, "small"))
        return blocks

    def failed(self) -> list[Flowable]:
        rows = self.report.failed_rows()
        if not rows:
            return [self.para(SummaryReport.NO_FAILED)]
        return [self.plain_grid(list(FAILED_HEAD), rows, [0.2, 0.08, 0.49, 0.1, 0.13])]

    def actions(self) -> list[Flowable]:
        story: list[Flowable] = [self.para(self.report.as_of_line(), "centre_italic")]
        rows, more = self.report.action_rows()
        if not rows:
            return [*story, self.para(SummaryReport.NO_ACTIONS)]
        story += self.blocks(ACTION_HEAD, rows, [0.25, 0.07, 0.25, 0.15, 0.16, 0.12])
        if more:
            story.append(self.para(more, "small"))
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
    data = SummaryData(session, selection, as_of)
    return SummaryDocument(summary_report(session, data, issuer), progress).render(path)
