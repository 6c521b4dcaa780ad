"""The summary workbook across the units of a round or a date range, written in openpyxl's
write-only mode: rows go to disk as the database yields them, so memory stays flat as the
number of units grows. Sheets: overview with a chart, units × checklists matrix with a
colour scale (and each cell's status, coverage and period, and the unit's district), themes,
the items failed most often, open corrective actions. One font (Times New Roman) throughout:
cells written bare take the workbook's default, set to it.

Figures are numbers, never text, so that they sort and sum: whether Excel shows 37,5 or 37.5
is the reader's regional setting (a number format cannot force the decimal comma).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule, FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from models.periods import Period
from models.queries.summary import Cell, Selection, SummaryData, Totals
from models.scoring import BANDS
from models.vocabulary import (
    ASSESSMENT_STATUSES,
    RATING_BANDS,
    UNIT_KINDS,
    UNIT_PROGRESS,
    label_of,
    vn_date,
)
from reports import Progress, save_workbook
from reports.cells import (
    BOLD,
    CENTRE,
    FONT_NAME,
    HEADER_FILL,
    WRAP,
    font,
    house_font,
    print_ready,
    text_cell,
    value_cell,
)

PERCENT = "0.0"
HEADER_HEIGHT = 33  # points: two wrapped lines of the bold header, in Excel and LibreOffice
MISSING_SHEET = "Chưa báo cáo"
NO_SCORE = "Không có điểm"
SCALE = ColorScaleRule(
    start_type="num",
    start_value=0,
    start_color="F8696B",
    mid_type="num",
    mid_value=70,
    mid_color="FFEB84",
    end_type="num",
    end_value=100,
    end_color="63BE7B",
)


def write_summary_xlsx(
    session: Session,
    selection: Selection,
    path: Path,
    *,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
) -> Path:
    data = SummaryData(session, selection, as_of)
    workbook = Workbook(write_only=True)
    house_font(workbook)
    overview = workbook.create_sheet("Tổng hợp")
    matrix = workbook.create_sheet("Đơn vị")
    themes = workbook.create_sheet("Chủ đề")
    failed = workbook.create_sheet("Mục chưa đạt")
    actions = workbook.create_sheet("Khắc phục")
    missing = workbook.create_sheet(MISSING_SHEET) if selection.round_id else None
    totals = Totals()
    _matrix(matrix, data, totals, progress)
    _themes(themes, data)
    _failed(failed, data)
    _actions(actions, data)
    if missing is not None:
        _missing(missing, data)
    _overview(overview, data, totals)
    workbook.properties.title = f"Tổng hợp — {selection.label}"
    workbook.properties.creator = "Kiểm tra"
    save_workbook(workbook, path)
    return Path(path)


def _header(sheet: Any, titles: list[str], widths: list[float], *, landscape: bool = True) -> None:
    """Column widths, frozen header, print set-up: all before the first row is written."""
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2" if len(titles) > 3 else "A2"
    print_ready(sheet, landscape=landscape, title_rows="1:1")
    sheet.row_dimensions[1].height = HEADER_HEIGHT  # else titles spill over the data
    sheet.append(
        [text_cell(sheet, t, font=BOLD, fill=HEADER_FILL, alignment=CENTRE) for t in titles]
    )


def _matrix(sheet: Any, data: SummaryData, totals: Totals, progress: Progress | None) -> None:
    """Units × checklists: the figures first (the colour scale's block), then the unit's
    district and, per checklist, the status, coverage and period the figure is from."""
    several = len(data.checklists) > 1

    def of(title: str, name: str) -> str:
        return f"{name} — {title}" if several else name

    titles = [
        "Đơn vị",
        "Thuộc",
        "Loại",
        *(f"{title} (%)" for _, title in data.checklists),
        "Mục trọng yếu chưa đạt",
        label_of(UNIT_KINDS, "huyen"),
    ]
    for _, title in data.checklists:
        titles += [of(title, "Trạng thái"), of(title, "Đã trả lời (%)"), of(title, "Kỳ")]
    _header(
        sheet,
        titles,
        [44, 26, 14, *(18 for _ in data.checklists), 14, 22, *(14, 13, 14) * len(data.checklists)],
    )
    expected = data.unit_count() if progress else 0
    row = 1
    for line in data.unit_lines(totals):
        cells: list[Any] = [
            text_cell(sheet, line.unit),
            text_cell(sheet, line.parent),
            text_cell(sheet, label_of(UNIT_KINDS, line.kind)),
        ]
        for slug, _ in data.checklists:
            # a bare number: a styled cell per unit would cost more than the whole row
            cells.append(cell_value(line.cells.get(slug)))
        cells.append(sum(c.flagged for c in line.cells.values()) or None)
        cells.append(text_cell(sheet, line.district))
        for slug, _ in data.checklists:
            cell = line.cells.get(slug)
            if cell is None:
                cells += [None, None, None]
                continue
            cells += [
                text_cell(sheet, label_of(ASSESSMENT_STATUSES, cell.status)),
                cell.coverage,
                text_cell(sheet, Period(cell.period).label),
            ]
        sheet.append(cells)
        row += 1
        if progress and row % 50 == 0:
            progress(row - 1, expected)
    if data.checklists and row > 1:
        first, last = get_column_letter(4), get_column_letter(3 + len(data.checklists))
        sheet.conditional_formatting.add(f"{first}2:{last}{row}", SCALE)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{max(row, 2)}"
    if progress:
        progress(expected, expected)


def _themes(sheet: Any, data: SummaryData) -> None:
    titles = [
        "Chủ đề",
        "Số câu trả lời",
        "Đạt",
        "Đạt một phần",
        "Chưa đạt",
        "Không áp dụng",
        "Tuân thủ (%)",
    ]
    _header(sheet, titles, [40, 14, 10, 14, 12, 14, 14], landscape=False)
    lines = data.theme_lines()
    for line in lines:
        sheet.append(
            [
                text_cell(sheet, line.label),
                line.answered,
                line.dat,
                line.mot_phan,
                line.chua_dat,
                line.khong_ap_dung,
                value_cell(sheet, line.compliance, number_format=PERCENT),
            ]
        )
    if lines:
        sheet.conditional_formatting.add(f"G2:G{len(lines) + 1}", SCALE)
        chart = BarChart()
        chart.type = "bar"
        house_chart(chart, "Tỷ lệ tuân thủ theo chủ đề (%)")
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.add_data(
            Reference(sheet, min_col=7, min_row=1, max_row=len(lines) + 1), titles_from_data=True
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(lines) + 1))
        chart.legend = None
        chart.height, chart.width = 2 + 0.7 * len(lines), 18
        sheet.add_chart(chart, f"A{len(lines) + 4}")


def _failed(sheet: Any, data: SummaryData) -> None:
    titles = [
        "Hạng",
        "Danh mục",
        "Mục",
        "Yêu cầu",
        "Số lần chưa đạt",
        "Số lần đánh giá",
        "Tỷ lệ chưa đạt (%)",
    ]
    _header(sheet, titles, [7, 24, 8, 70, 14, 14, 14])
    for rank, line in enumerate(data.failed_lines(), 1):
        sheet.append(
            [
                rank,
                text_cell(sheet, line.checklist),
                text_cell(sheet, line.code),
                text_cell(sheet, line.requirement, alignment=WRAP),
                line.failed,
                line.applicable,
                value_cell(sheet, line.share, number_format=PERCENT),
            ]
        )


def _actions(sheet: Any, data: SummaryData) -> None:
    titles = [
        "Đơn vị",
        "Danh mục",
        "Kỳ",
        "Mục",
        "Yêu cầu",
        "Biện pháp khắc phục",
        "Người thực hiện",
        "Hạn",
        "Quá hạn (ngày)",
    ]
    _header(sheet, titles, [40, 22, 13, 7, 50, 40, 22, 12, 12])
    row = 1
    for line in data.action_lines():
        sheet.append(
            [
                text_cell(sheet, line.unit),
                text_cell(sheet, line.checklist),
                text_cell(sheet, line.period),
                text_cell(sheet, line.code),
                text_cell(sheet, line.requirement, alignment=WRAP),
                text_cell(sheet, line.what, alignment=WRAP),
                text_cell(sheet, line.who),
                value_cell(sheet, line.due_on, number_format="DD/MM/YYYY"),
                line.overdue_days or None,
            ]
        )
        row += 1
    if row > 1:
        overdue = PatternFill("solid", bgColor="FFCDD2")
        sheet.conditional_formatting.add(f"A2:I{row}", FormulaRule(formula=["$I2>0"], fill=overdue))


def _overview(sheet: Any, data: SummaryData, totals: Totals) -> None:
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 18
    print_ready(sheet, landscape=False)
    sheet.append([text_cell(sheet, "TỔNG HỢP KẾT QUẢ THỰC HIỆN", font=font(14, bold=True))])
    sheet.append([text_cell(sheet, data.selection.label, font=font(12, italic=True))])
    sheet.append([text_cell(sheet, f"Lập ngày {vn_date(data.as_of)}", font=font(10, italic=True))])
    sheet.append([])
    basis = data.basis(totals)
    facts: list[tuple[str, Any]] = [
        *((("Số đơn vị phải báo cáo", basis.expected_units),) if basis.expected_units else ()),
        ("Số đơn vị đã nộp", basis.submitted_units),
        ("Số bài đã nộp (được tính)", totals.submitted),
        ("Bài đang làm (không tính)", totals.drafts),
        ("Bài của hình thức khác (không tính)", basis.others),
        ("Bài đã nộp không có điểm", totals.unscored),
        ("Bài có mục trọng yếu chưa đạt", totals.flagged),
        ("Tỷ lệ tuân thủ bình quân (%)", totals.mean_compliance),
    ]
    for label, value in facts:
        sheet.append(
            [
                text_cell(sheet, label, font=BOLD),
                value_cell(sheet, value, number_format=PERCENT if "%" in label else "0"),
            ]
        )
    sheet.append([text_cell(sheet, f"Cách tính: {basis.text('vi')}", font=font(10, italic=True))])
    sheet.append([])
    first = 5 + len(facts) + 2
    sheet.append(
        [
            text_cell(sheet, "Xếp loại", font=BOLD, fill=HEADER_FILL),
            text_cell(sheet, "Số bài đánh giá", font=BOLD, fill=HEADER_FILL),
        ]
    )
    for lower, band_id, _colour in BANDS:
        name = label_of(RATING_BANDS, band_id)
        sheet.append([text_cell(sheet, f"{name} (từ {lower}%)"), totals.bands[band_id]])
    chart = BarChart()
    house_chart(chart, "Số bài đánh giá theo xếp loại")
    chart.add_data(
        Reference(sheet, min_col=2, min_row=first, max_row=first + len(BANDS)),
        titles_from_data=True,
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=first + 1, max_row=first + len(BANDS)))
    chart.legend = None
    chart.height, chart.width = 7, 14
    sheet.add_chart(chart, f"A{first + len(BANDS) + 2}")


def house_chart(chart: Any, title: str) -> None:
    """The chart's title and axes in the workbook's font (a chart has its own, else)."""
    from openpyxl.chart.text import RichText
    from openpyxl.chart.title import title_maker
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    def typeface(size: int, bold: bool = False) -> CharacterProperties:
        return CharacterProperties(latin=Font(typeface=FONT_NAME), sz=size * 100, b=bold)

    chart.title = title_maker(title)
    for paragraph in chart.title.tx.rich.p:
        paragraph.pPr = ParagraphProperties(defRPr=typeface(13, bold=True))
        for run in paragraph.r or []:
            run.rPr = typeface(13, bold=True)
    axis_text = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=typeface(10)))])
    chart.x_axis.txPr = chart.y_axis.txPr = axis_text


def cell_value(cell: Cell | None) -> Any:
    """A unit × checklist cell: the compliance of a submitted assessment; words for one in
    progress or one without a score, so a blank never hides which it is."""
    if cell is None:
        return None
    if cell.status == "draft":
        return label_of(ASSESSMENT_STATUSES, "draft")
    return cell.compliance if cell.compliance is not None else NO_SCORE


def _missing(sheet: Any, data: SummaryData) -> None:
    """The round's units that have not submitted, with whom to call."""
    overview = data.round_overview()
    titles = ["STT", "Đơn vị", "Loại", "Tình trạng", "Người liên hệ", "Điện thoại"]
    _header(sheet, titles, [6, 44, 16, 24, 26, 16])
    for number, standing in enumerate(overview.missing, 1):
        state = label_of(UNIT_PROGRESS, standing.state) + (" (quá hạn)" if standing.overdue else "")
        sheet.append(
            [
                number,
                text_cell(sheet, standing.name),
                text_cell(sheet, label_of(UNIT_KINDS, standing.kind)),
                text_cell(sheet, state),
                text_cell(sheet, standing.contact_person or ""),
                text_cell(sheet, standing.phone or ""),
            ]
        )
