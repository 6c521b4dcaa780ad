"""A round's self-assessments against its inspections as a "Báo cáo" the office sends up,
worded once for the PDF and the Word writer: the body states how many units were compared,
the overall agreement, the overstated answers, the units and the requirements that overstate
most and the areas, each with its basis; the tables per unit, per requirement and per area
follow as annexes.

Why one place: the office edits the .docx before signing and files the PDF; both must say
the same figures in the same words. The figures are the comparison read model's
(``models.queries.comparison``), never recounted here.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import Session

from models.config import Issuer
from models.errors import InvalidInput
from models.periods import Period
from models.queries.comparison import RoundComparison, Tally, round_comparison
from models.vocabulary import COMPARISON_WORDS, label_of, percent_text
from reports.summary_report import BLANK_LINE, OfficeReport

HEADINGS = ("I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ SO SÁNH", "III. ĐỀ XUẤT, KIẾN NGHỊ")
ANNEXES = (
    "So sánh theo từng đơn vị",
    "So sánh theo từng yêu cầu",
    "So sánh theo địa bàn",
)
NAMED = 5  # units, requirements and areas the body names; the annexes list them all


def _words(*keys: str) -> tuple[str, ...]:
    return tuple(label_of(COMPARISON_WORDS, key) for key in keys)


DOCUMENT = "Văn bản"  # a checklist as the report names it: by its directive
UNIT_HEAD = (
    *_words("unit"),
    DOCUMENT,
    *_words("self_compliance", "inspection_compliance", "compared", "agreement", "overstated"),
)
ITEM_HEAD = (
    DOCUMENT,
    *_words("code", "requirement", "units", "compared", "agreement", "overstated"),
)
AREA_HEAD = _words("area", "units", "compared", "agreement", "overstated")
UNIT_WIDTHS = (0.27, 0.17, 0.11, 0.10, 0.11, 0.11, 0.13)
ITEM_WIDTHS = (0.15, 0.07, 0.37, 0.10, 0.10, 0.10, 0.11)
AREA_WIDTHS = (0.44, 0.13, 0.14, 0.14, 0.15)


class RoundComparisonReport(OfficeReport):
    """The words of one round's comparison report."""

    ANNEXES = ANNEXES

    def __init__(
        self,
        comparison: RoundComparison,
        issuer: Issuer,
        numbers: dict[str, str],
        dated: dt.date,
    ) -> None:
        super().__init__(issuer, numbers, dated)
        self.comparison = comparison
        name = comparison.round.name
        self.subtitle = f"{label_of(COMPARISON_WORDS, 'title')} — {name}"
        self.document_title = f"Báo cáo {label_of(COMPARISON_WORDS, 'title').lower()} — {name}"

    # -- the body ------------------------------------------------------------------------

    def basis_text(self) -> str:
        return f"Cách tính: {self.comparison.basis('vi')}"

    def overview_lines(self) -> list[str]:
        comparison, totals = self.comparison, self.comparison.totals
        documents = ", ".join(self.named(slug) for slug in comparison.round.checklists) or "—"
        return [
            f"Đợt: {comparison.round.name}; kỳ: {Period(comparison.round.period).label}; "
            f"văn bản: {documents}.",
            f"Số đơn vị có cả bài tự đánh giá đã nộp và bài kiểm tra đã nộp: "
            f"{len(comparison.units)}/{comparison.round.expected} đơn vị của đợt; số bài kiểm "
            f"tra chưa đủ cặp (không tính): {comparison.pending}.",
            f"Số mục so sánh được: {totals.compared}; khớp: {totals.agreed}; tỷ lệ khớp chung: "
            f"{percent_text(totals.agreement)}.",
            f"Số câu trả lời đơn vị tự đánh giá Đạt nhưng kiểm tra thực tế Chưa đạt: "
            f"{totals.overstated}.",
        ]

    def findings_lines(self) -> list[str]:
        """The results in words, each pointing to the annex that lists it."""
        comparison = self.comparison
        overstating = [u for u in comparison.units if u.overstated]
        lines = [
            f"Số đơn vị có mục tự đánh giá cao hơn kết quả kiểm tra: {len(overstating)}/"
            f"{len(comparison.units)}; số đơn vị khớp ở mọi mục so sánh được: "
            f"{sum(0 < u.compared == u.agreed for u in comparison.units)} (Phụ lục I)."
        ]
        if overstating:
            named = "; ".join(
                f"{u.unit_name} ({u.overstated} mục, khớp {percent_text(u.agreement)})"
                for u in overstating[:NAMED]
            )
            lines.append(f"Các đơn vị tự đánh giá cao hơn nhiều nhất: {named} (Phụ lục I).")
        items = [t for t in comparison.items if t.overstated]
        if items:
            named = "; ".join(
                f"mục {t.key} ({self.named(t.checklist)}) — {t.name} ({t.overstated} trong "
                f"{t.units} đơn vị được so sánh)"
                for t in items[:NAMED]
            )
            lines.append(f"Các yêu cầu hay bị tự đánh giá cao hơn nhất: {named} (Phụ lục II).")
        whole = comparison.totals.units  # an area holding every unit only repeats the total
        areas = sorted(
            (a for a in comparison.areas if a.overstated and a.units < whole),
            key=lambda a: (-a.overstated, a.agreement or 0, a.depth),
        )
        if areas:
            named = "; ".join(
                f"{a.name} ({a.overstated} mục, khớp {percent_text(a.agreement)})"
                for a in areas[:NAMED]
            )
            lines.append(
                f"Các địa bàn có nhiều mục tự đánh giá cao hơn nhất: {named} (Phụ lục III)."
            )
        return lines

    def proposal_lines(self) -> list[str]:
        """Section III: lines to write the proposals on."""
        return [BLANK_LINE] * 3

    # -- the annexes ---------------------------------------------------------------------

    def unit_rows(self) -> list[list[str]]:
        return [
            [
                u.unit_name,
                self.named(u.checklist),
                percent_text(u.self_compliance),
                percent_text(u.inspection_compliance),
                str(u.compared),
                percent_text(u.agreement),
                str(u.overstated),
            ]
            for u in self.comparison.units
        ]

    def item_rows(self) -> list[list[str]]:
        return [
            [self.named(t.checklist), t.key + (" (!)" if t.critical else ""), t.name, *_tally(t)]
            for t in self.comparison.items
        ]

    def area_rows(self) -> list[list[str]]:
        """Areas in tree order, indented by depth, then the total of every compared unit."""
        areas = [["\u00a0\u00a0" * t.depth + t.name, *_tally(t)] for t in self.comparison.areas]
        return [*areas, [self.comparison.totals.name, *_tally(self.comparison.totals)]]

    #: Under the per-requirement table.
    CRITICAL_NOTE = "(!) mục trọng yếu."


def _tally(tally: Tally) -> list[str]:
    return [
        str(tally.units),
        str(tally.compared),
        percent_text(tally.agreement),
        str(tally.overstated),
    ]


def round_comparison_report(
    session: Session,
    round_id: uuid.UUID,
    issuer: Issuer | None = None,
    dated: dt.date | None = None,
) -> RoundComparisonReport:
    """The words for a round's comparison, the issuer from the settings when not given;
    refused (nothing written) when no unit of the round has both sides submitted."""
    from models.config import issuer as configured
    from models.queries.documents import directive_numbers

    comparison = round_comparison(session, round_id)
    if not comparison.units:
        name = comparison.round.name
        raise InvalidInput(
            f"Đợt “{name}” chưa có đơn vị nào có cả bài tự đánh giá đã nộp và bài kiểm tra đã "
            "nộp; chưa có gì để so sánh, không tạo báo cáo.",
            f"No unit of the round “{name}” has both a submitted self-assessment and a "
            "submitted inspection; there is nothing to compare, no report was written.",
        )
    numbers = directive_numbers(session, list(comparison.round.checklists))
    return RoundComparisonReport(
        comparison, issuer or configured(), numbers, dated or dt.date.today()
    )


__all__ = [
    "ANNEXES",
    "AREA_HEAD",
    "AREA_WIDTHS",
    "HEADINGS",
    "ITEM_HEAD",
    "ITEM_WIDTHS",
    "UNIT_HEAD",
    "UNIT_WIDTHS",
    "RoundComparisonReport",
    "round_comparison_report",
]
