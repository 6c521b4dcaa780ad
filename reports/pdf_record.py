"""The inspection record as a PDF to sign on the spot (Nghị định 30/2020/NĐ-CP layout)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from reports.inspection_record import (
    DOTS,
    InspectionRecord,
    RecordDetails,
    inspection_record,
)
from reports.pdf_base import ReportDocument


class RecordDocument(ReportDocument):
    def __init__(self, record: InspectionRecord, today: dt.date | None = None) -> None:
        super().__init__(today)
        self.record = record
        self.title = f"Biên bản kiểm tra — {record.unit}"

    def story(self) -> list[Flowable]:
        record = self.record
        story: list[Flowable] = [
            self.national_header(
                record.body_above, "Đoàn kiểm tra", "Số:        /BB-KT", record.place_date
            )
        ]
        story += self.document_title(record.title, record.subtitle)
        story.append(self.para(record.opening))
        story.append(self.info_block(list[tuple[str, object]](record.information)))
        story.append(self.para("I. THÀNH PHẦN", "heading"))
        story.append(self.para("1. Đoàn kiểm tra:"))
        story += [self.para(f"- {name}") for name in record.team]
        story.append(self.para("2. Đại diện đơn vị được kiểm tra:"))
        story += [self.para(f"- {name}") for name in record.representatives]
        story.append(self.para("II. KẾT QUẢ KIỂM TRA", "heading"))
        story.append(self.findings())
        story += [self.para(f"- {line}") for line in record.conclusion]
        story.append(self.para("III. YÊU CẦU KHẮC PHỤC", "heading"))
        story += self.actions()
        story.append(self.para("IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", "heading"))
        remarks = record.remarks.splitlines() if record.remarks else [DOTS * 2] * 3
        story += [self.para(line) for line in remarks]
        story.append(self.para(record.closing))
        story.append(self.signatures(record.signatures))
        return story

    def findings(self) -> Flowable:
        record = self.record
        head: tuple[str, ...]
        if record.with_own:
            head = ("Mục", "Nội dung", "Kết quả kiểm tra", "Đơn vị tự đánh giá", "Ghi nhận")
            widths = [0.08, 0.40, 0.14, 0.14, 0.24]
        else:
            head = ("Mục", "Nội dung", "Kết quả kiểm tra", "Ghi nhận")
            widths = [0.08, 0.48, 0.16, 0.28]
        data: list[list[object]] = [[self.para(h, "cell_bold") for h in head]]
        for f in record.findings:
            row = [f.code, f.requirement, f.finding]
            if record.with_own:
                row.append(f.own + (f" ({f.verdict})" if f.verdict and f.own else ""))
            row.append(f.note)
            data.append([self.para(cell, "cell") for cell in row])
        return self.grid(data, widths)

    def actions(self) -> list[Flowable]:
        if not self.record.actions:
            return [self.para("Không có yêu cầu khắc phục.")]
        data: list[list[object]] = [
            [self.para(h, "cell_bold") for h in ("Mục", "Biện pháp", "Người thực hiện", "Hạn")]
        ]
        for a in self.record.actions:
            data.append([self.para(x, "cell") for x in (a.code, a.what, a.who, a.due)])
        return [self.grid(data, [0.08, 0.52, 0.24, 0.16])]


def write_record_pdf(
    session: Session,
    assessment_id: uuid.UUID,
    path: Path,
    details: RecordDetails | None = None,
    today: dt.date | None = None,
) -> Path:
    record = inspection_record(session, assessment_id, details, today)
    return RecordDocument(record, today).render(path)
