"""The summary of a round (or a date range) as a "Báo cáo", worded once for the PDF and the
Word writer: the header from the settings, the body's sections with the basis of each
figure, Nơi nhận and the signer, then the annexes' titles, headers and rows.

Why one place: the office edits the .docx before signing and files the PDF; both must say
the same figures in the same words. The figures are the summary read model's
(``models.queries.summary``), never recounted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice

from sqlalchemy.orm import Session

from models.config import Issuer
from models.queries.summary import SummaryData, Totals
from models.scoring import BANDS
from models.vocabulary import (
    ASSESSMENT_STATUSES,
    RATING_BANDS,
    UNIT_KINDS,
    UNIT_PROGRESS,
    label_of,
    percent_text,
    vn_date,
)
from reports.pdf_base import NUMBER_ROOM, vn_long_date

ROMAN = ("I", "II", "III", "IV", "V")
ANNEXES = (
    "Kết quả từng đơn vị",
    "Tuân thủ theo chủ đề",
    "Các yêu cầu chưa đạt nhiều nhất",
    "Biện pháp khắc phục quá hạn",
    "Đơn vị chưa báo cáo",
)
HEADINGS = ("I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ", "III. ĐỀ XUẤT, KIẾN NGHỊ")
UNIT_HEAD = ("Đơn vị", "Loại", "Danh mục", "Tuân thủ", "Đã trả lời", "Trạng thái")
THEME_HEAD = ("Chủ đề", "Tuân thủ")
FAILED_HEAD = ("Văn bản", "Mục", "Yêu cầu", "Số bài", "Tỷ lệ")
ACTION_HEAD = ("Đơn vị", "Mục", "Biện pháp", "Người thực hiện", "Hạn", "Quá hạn (ngày)")
MISSING_HEAD = ("Đơn vị", "Tình trạng", "Người liên hệ", "Điện thoại")
FLAG_NOTE = "(!) có mục trọng yếu chưa đạt."
BANDS_CAPTION = "Số bài đánh giá theo xếp loại:"
MAX_ACTIONS = 300
BLANK_LINE = "." * 150


class OfficeReport:
    """What every "Báo cáo" the office sends up says around its figures (NĐ 30/2020): the
    issuing body and its parent from the settings, Số with room to write, the place, Nơi
    nhận, the signer, and its annexes' headings. Subclasses name their ``ANNEXES``."""

    ANNEXES: tuple[str, ...] = ()

    def __init__(self, issuer: Issuer, numbers: dict[str, str], dated: dt.date) -> None:
        self.issuer, self.numbers, self.dated = issuer, numbers, dated
        self.title = "BÁO CÁO"
        self.body_above = issuer.parent or None
        self.body = issuer.body or "……………………"
        self.number = f"Số:{NUMBER_ROOM}/BC"
        self.place = issuer.place or None
        self.recipients = [
            f"{issuer.parent} (để báo cáo);" if issuer.parent else "Như trên;",
            "Các đơn vị được kiểm tra;",
            "Lưu: VT.",
        ]
        self.signer = (
            issuer.signer_title or "Thủ trưởng cơ quan",
            "(Ký tên, đóng dấu)",
            issuer.signer_name,
        )

    def named(self, slug: str) -> str:
        """A checklist as people name it: its directive's number, not our internal id."""
        return self.numbers.get(slug, slug)

    def annex_lines(self, number: int) -> tuple[str, str, str]:
        """An annex's heading: "Phụ lục I", its title, and the report it is attached to."""
        attached = f"(Kèm theo Báo cáo số{NUMBER_ROOM}/BC {vn_long_date(self.dated)})"
        return f"Phụ lục {ROMAN[number - 1]}", self.ANNEXES[number - 1].upper(), attached


class SummaryReport(OfficeReport):
    """The words of one summary report; ``unit_rows`` counts into the totals the body
    quotes, so a writer takes the rows first and the body's lines after."""

    ANNEXES = ANNEXES

    def __init__(
        self, data: SummaryData, issuer: Issuer, numbers: dict[str, str], dated: dt.date
    ) -> None:
        super().__init__(issuer, numbers, dated)
        self.data = data
        self.totals = Totals()
        documents = ", ".join(self.named(slug) for slug, _ in data.checklists) or "—"
        self.subtitle = f"Kết quả thực hiện {documents} — {data.selection.label}"
        self.document_title = f"Báo cáo tổng hợp kết quả — {data.selection.label}"

    # -- the body ------------------------------------------------------------------------

    def basis_text(self) -> str:
        return f"Cách tính: {self.data.basis(self.totals).text('vi')}"

    def overview_lines(self) -> list[str]:
        totals = self.totals
        basis = self.data.basis(totals)
        expected = (
            f"{basis.submitted_units}/{basis.expected_units}"
            if basis.expected_units is not None
            else str(basis.submitted_units)
        )
        return [
            f"Số đơn vị đã nộp: {expected}; số bài đã nộp (được tính): {totals.submitted}; "
            f"bài đang làm (không tính): {totals.drafts}; bài của hình thức khác (không "
            f"tính): {basis.others}; bài đã nộp không có điểm: {totals.unscored}.",
            f"Tỷ lệ tuân thủ bình quân: {percent_text(totals.mean_compliance)}.",
            f"Số bài có mục trọng yếu chưa đạt: {totals.flagged}.",
        ]

    def band_counts(self) -> list[tuple[str, int, str]]:
        """(label, number of assessments, colour) per rating band."""
        return [
            (
                f"{label_of(RATING_BANDS, band_id)} (từ {lower}%)",
                self.totals.bands[band_id],
                colour,
            )
            for lower, band_id, colour in BANDS
        ]

    def findings_lines(self) -> list[str]:
        """The results in words, each pointing to the annex that lists it."""
        totals = self.totals
        lines = [
            f"Tỷ lệ tuân thủ bình quân của {totals.submitted} bài đã nộp: "
            f"{percent_text(totals.mean_compliance)}; số bài có mục trọng yếu chưa đạt: "
            f"{totals.flagged} (chi tiết từng đơn vị: Phụ lục I).",
        ]
        weakest = sorted(
            (line for line in self.data.theme_lines() if line.compliance is not None),
            key=lambda line: line.compliance or 0,
        )[:3]
        if weakest:
            named = "; ".join(f"{line.label} ({percent_text(line.compliance)})" for line in weakest)
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
        return lines

    # -- the annexes ---------------------------------------------------------------------

    def unit_rows(self) -> Iterator[tuple[int, list[str]]]:
        """(units done so far, row) for every unit × checklist, counting into the totals."""
        titles = dict(self.data.checklists)
        for done, line in enumerate(self.data.unit_lines(self.totals), 1):
            for slug, cell in line.cells.items():
                if cell.status == "draft":
                    shown = "—"
                elif cell.compliance is not None:
                    shown = percent_text(cell.compliance)
                else:
                    shown = "không có điểm"
                yield (
                    done,
                    [
                        line.unit,
                        label_of(UNIT_KINDS, line.kind),
                        self.named(slug) if slug in self.numbers else titles.get(slug, slug),
                        shown + (" (!)" if cell.flagged else ""),
                        percent_text(cell.coverage),
                        label_of(ASSESSMENT_STATUSES, cell.status),
                    ],
                )

    def theme_rows(self) -> list[tuple[str, float | None]]:
        return [(line.label, line.compliance) for line in self.data.theme_lines()]

    def failed_rows(self) -> list[list[str]]:
        return [
            [
                self.named(line.checklist),
                line.code,
                line.requirement,
                str(line.failed),
                percent_text(line.share),
            ]
            for line in self.data.failed_lines(15)
        ]

    def as_of_line(self) -> str:
        return f"Tính đến ngày {vn_date(self.data.as_of)}."

    def action_rows(self) -> tuple[list[list[str]], str | None]:
        """The overdue actions, longest overdue first, and a line when some were left out."""
        overdue = (line for line in self.data.action_lines() if line.overdue_days > 0)
        chosen = list(islice(overdue, MAX_ACTIONS + 1))
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
        more = None
        if len(chosen) > MAX_ACTIONS:
            more = (
                f"Chỉ liệt kê {MAX_ACTIONS} biện pháp quá hạn lâu nhất; "
                "danh sách đầy đủ có trong bản Excel."
            )
        return rows, more

    def missing_rows(self) -> tuple[list[list[str]], str | None]:
        """The round's units that have not submitted, with whom to call; or why there is
        no such list."""
        overview = self.data.round_overview()
        if overview is None:
            return [], "Bản tổng hợp theo khoảng ngày: không có danh sách đơn vị phải báo cáo."
        if not overview.missing:
            return [], "Mọi đơn vị phải báo cáo đều đã nộp."
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
        return rows, None

    #: What an empty annex says instead of its table.
    NO_THEMES = "Không có dữ liệu theo chủ đề."
    NO_FAILED = "Không có mục nào chưa đạt."
    NO_ACTIONS = "Không có biện pháp khắc phục nào quá hạn."


def summary_report(
    session: Session,
    data: SummaryData,
    issuer: Issuer | None = None,
    dated: dt.date | None = None,
) -> SummaryReport:
    """The words for ``data``; the issuer from the settings when not given."""
    from models.config import issuer as configured
    from models.queries.documents import directive_numbers

    numbers = directive_numbers(session, [slug for slug, _ in data.checklists])
    return SummaryReport(data, issuer or configured(), numbers, dated or data.as_of)
