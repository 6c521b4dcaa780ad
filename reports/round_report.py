"""A round for the office: its figures per area with their basis, and the list of units that
have not reported ("Danh sách đơn vị chưa báo cáo") with their contact person and phone, for
the follow-up calls. As a workbook (written in openpyxl's write-only mode) and as a PDF to
print. Both read the same ``RoundOverview``, so they say what the window says.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from models.periods import Period
from models.queries.rounds import AreaLine, RoundOverview, Standing
from models.vocabulary import ASSESSMENT_KINDS, UNIT_KINDS, UNIT_PROGRESS, label_of
from reports import save_workbook
from reports.cells import BOLD, CENTRE, HEADER_FILL, font, print_ready, text_cell, value_cell
from reports.pdf_base import ReportDocument, vn_number

MISSING_TITLE = "Danh sách đơn vị chưa báo cáo"
AREA_HEADERS = [
    "Địa bàn",
    "Phải báo cáo",
    label_of(UNIT_PROGRESS, "none"),
    label_of(UNIT_PROGRESS, "draft"),
    label_of(UNIT_PROGRESS, "submitted"),
    "Quá hạn",
    "Tuân thủ (%)",
    "Đã kiểm tra",
    "Tuân thủ khi kiểm tra (%)",
    "ĐV có mục trọng yếu chưa đạt",
    "Việc khắc phục chưa xong",
    "Việc quá hạn",
]
MISSING_HEADERS = ["STT", "Đơn vị", "Loại", "Tình trạng", "Người liên hệ", "Điện thoại"]


def round_heading(overview: RoundOverview) -> list[str]:
    info = overview.round
    due = f"; hạn nộp {info.due_on:%d/%m/%Y}" if info.due_on else ""
    return [
        info.name,
        f"{ASSESSMENT_KINDS[info.kind][0]} — {Period(info.period).label}{due}; "
        f"danh mục: {', '.join(info.checklists)}",
        f"Cách tính: {overview.basis('vi')}",
    ]


def state_text(standing: Standing) -> str:
    return UNIT_PROGRESS[standing.state][0] + (" (quá hạn)" if standing.overdue else "")


def area_values(line: AreaLine) -> list[object]:
    return [
        line.expected,
        line.not_started,
        line.in_progress,
        line.submitted,
        line.overdue,
        line.compliance,
        line.inspected,
        line.inspection_compliance,
        line.failed_critical_units,
        line.actions_open,
        line.actions_overdue,
    ]


def write_round_xlsx(overview: RoundOverview, path: Path) -> Path:
    """Sheets: the figures per area, the units that have not reported, every expected unit."""
    workbook = Workbook(write_only=True)
    figures = workbook.create_sheet("Tổng hợp")
    missing = workbook.create_sheet("Chưa báo cáo")
    units = workbook.create_sheet("Đơn vị")
    for sheet, widths_ in (
        (figures, [40] + [12] * 11),
        (missing, [6, 42, 16, 24, 26, 16]),
        (units, [42, 16, 24, 12, 14, 16, 26, 16]),
    ):
        for index, width in enumerate(widths_, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        print_ready(sheet, landscape=True)
    for line in round_heading(overview):
        figures.append([text_cell(figures, line, font=BOLD)])
    figures.append([text_cell(figures, f"Tính đến ngày {overview.as_of:%d/%m/%Y}")])
    figures.append([])
    figures.append(
        [text_cell(figures, h, font=BOLD, fill=HEADER_FILL, alignment=CENTRE) for h in AREA_HEADERS]
    )
    for area in [*overview.areas, overview.totals]:
        name = ("    " * area.depth + area.name) if area.area_id else "Tổng cộng"
        style = {"font": BOLD} if area.area_id is None else {}
        figures.append(
            [text_cell(figures, name, **style)]
            + [
                value_cell(figures, v, number_format="0.0") if isinstance(v, float) else v
                for v in area_values(area)
            ]
        )

    missing.append([text_cell(missing, MISSING_TITLE.upper(), font=font(13, bold=True))])
    for line in round_heading(overview)[:2]:
        missing.append([text_cell(missing, line)])
    missing.append(
        [
            text_cell(
                missing,
                f"{len(overview.missing)}/{overview.totals.expected} đơn vị chưa nộp, "
                f"tính đến ngày {overview.as_of:%d/%m/%Y}",
            )
        ]
    )
    missing.append(
        [
            text_cell(missing, h, font=BOLD, fill=HEADER_FILL, alignment=CENTRE)
            for h in MISSING_HEADERS
        ]
    )
    for number, standing in enumerate(overview.missing, 1):
        missing.append(
            [
                number,
                text_cell(missing, standing.name),
                text_cell(missing, UNIT_KINDS.get(standing.kind, (standing.kind,))[0]),
                text_cell(missing, state_text(standing)),
                text_cell(missing, standing.contact_person or ""),
                text_cell(missing, standing.phone or ""),
            ]
        )

    units.append(
        [
            text_cell(units, h, font=BOLD, fill=HEADER_FILL, alignment=CENTRE)
            for h in (
                "Đơn vị",
                "Loại",
                "Tình trạng",
                "Tuân thủ (%)",
                "Mục trọng yếu chưa đạt",
                "Kiểm tra",
                "Người liên hệ",
                "Điện thoại",
            )
        ]
    )
    for standing in overview.units:
        units.append(
            [
                text_cell(units, standing.name),
                text_cell(units, UNIT_KINDS.get(standing.kind, (standing.kind,))[0]),
                text_cell(units, state_text(standing)),
                value_cell(units, standing.compliance, number_format="0.0"),
                standing.failed_critical,
                text_cell(units, UNIT_PROGRESS[standing.inspection_state][0]),
                text_cell(units, standing.contact_person or ""),
                text_cell(units, standing.phone or ""),
            ]
        )
    save_workbook(workbook, path)
    return Path(path)


class MissingList(ReportDocument):
    """The printable list of units that have not reported, with the round's figures."""

    pagesize = landscape(A4)
    margins = (15 * mm, 15 * mm, 15 * mm, 20 * mm)
    title = MISSING_TITLE

    def __init__(self, overview: RoundOverview) -> None:
        super().__init__(overview.as_of)
        self.overview = overview

    def story(self) -> list[Flowable]:
        overview = self.overview
        story: list[Flowable] = [self.para(MISSING_TITLE.upper(), "title")]
        for line in round_heading(overview)[:2]:
            story.append(self.para(line, "centre"))
        story.append(Spacer(0, 3 * mm))
        story.append(
            self.para(
                f"{len(overview.missing)}/{overview.totals.expected} đơn vị chưa nộp, tính đến "
                f"ngày {overview.as_of:%d/%m/%Y}. {round_heading(overview)[2]}",
                "small",
            )
        )
        story.append(Spacer(0, 3 * mm))
        rows = [[self.para(h, "cell_bold") for h in MISSING_HEADERS]]
        for number, standing in enumerate(overview.missing, 1):
            rows.append(
                [
                    self.para(str(number), "cell"),
                    self.para(standing.name, "cell"),
                    self.para(UNIT_KINDS.get(standing.kind, (standing.kind,))[0], "cell"),
                    self.para(state_text(standing), "cell"),
                    self.para(standing.contact_person or "", "cell"),
                    self.para(standing.phone or "", "cell"),
                ]
            )
        widths = [w * mm for w in (12, 95, 32, 45, 50, 28)]
        story.append(
            self.table(
                rows,
                widths,
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ],
                repeat_rows=1,
            )
        )
        story.append(Spacer(0, 5 * mm))
        story.append(self.para("Số liệu theo địa bàn", "heading"))
        head = [self.para(h, "cell_bold") for h in AREA_HEADERS[:9]]
        lines = [head]
        for area in [*overview.areas, overview.totals]:
            name = ("\u00a0" * 4 * area.depth + area.name) if area.area_id else "Tổng cộng"
            values = area_values(area)[:8]
            lines.append(
                [self.para(name, "cell")]
                + [
                    self.para(
                        vn_number(v, "") if isinstance(v, float) or v is None else str(v), "cell"
                    )
                    for v in values
                ]
            )
        story.append(
            self.table(
                lines,
                [80 * mm] + [21 * mm] * 8,
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ],
                repeat_rows=1,
            )
        )
        return story


def write_missing_pdf(overview: RoundOverview, path: Path) -> Path:
    return MissingList(overview).render(path)
