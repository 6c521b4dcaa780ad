"""What a figure about many units counts, in words: one wording for every surface (the
overview, the summary workbook and PDF, the command line), so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Basis:
    """The counts behind a compliance figure of a round or a period."""

    kind: str  # the kind averaged: "tu-danh-gia" or "kiem-tra"
    submitted: int  # submitted assessments of that kind (the ones averaged)
    submitted_units: int
    expected_units: int | None  # None when no round says who was expected
    drafts: int  # assessments in progress: never averaged
    others: int  # assessments of the other kind: in their own columns, never averaged
    unscored: int  # submitted, but every item not applicable: no score
    as_of: dt.date

    def text(self, language: str = "vi") -> str:
        units = (
            f"{self.submitted_units}/{self.expected_units}"
            if self.expected_units is not None
            else str(self.submitted_units)
        )
        if language == "en":
            kind = "self-assessments" if self.kind == "tu-danh-gia" else "inspections"
            text = f"{self.submitted} submitted {kind} of {units} units; {self.drafts} in progress"
            if self.kind == "tu-danh-gia":
                text += f" and {self.others} inspections"
            text += " not counted in the rate"
            if self.unscored:
                text += f"; {self.unscored} submitted without a score (every item not applicable)"
            return text + f"; as of {self.as_of:%d/%m/%Y}."
        kind = "tự đánh giá" if self.kind == "tu-danh-gia" else "kiểm tra"
        text = f"{self.submitted} bài {kind} đã nộp của {units} đơn vị; {self.drafts} bài đang làm"
        if self.kind == "tu-danh-gia":
            text += f" và {self.others} bài kiểm tra"
        text += " không tính vào tỷ lệ"
        if self.unscored:
            text += f"; {self.unscored} bài đã nộp không có điểm (mọi mục không áp dụng)"
        return text + f"; tính đến ngày {self.as_of:%d/%m/%Y}."
