"""Every word the program shows people for a stored value, in Vietnamese and in English.

One table per kind of value, keyed by what the database stores. The window, the command
line and the reports all read these tables, so a status is called the same on screen and
on paper ("Đang làm" everywhere, never "Đang thực hiện" in one place and "Đang làm" in
another). A label is a pair (Vietnamese, English); ``label`` picks one half.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

Label = tuple[str, str]

#: An answer to one item.
ANSWER_STATUSES: dict[str, Label] = {
    "dat": ("Đạt", "Compliant"),
    "chua-dat": ("Chưa đạt", "Not compliant"),
    "mot-phan": ("Đạt một phần", "Partly compliant"),
    "khong-ap-dung": ("Không áp dụng", "Not applicable"),
}
#: Where an assessment stands.
ASSESSMENT_STATUSES: dict[str, Label] = {
    "draft": ("Đang làm", "In progress"),
    "submitted": ("Đã nộp", "Submitted"),
    "reviewed": ("Đã duyệt", "Reviewed"),
}
#: Where a unit stands in a round (the tree's badge): no assessment yet, or as above.
UNIT_PROGRESS: dict[str, Label] = {
    "none": ("Chưa bắt đầu", "Not started"),
    "draft": ASSESSMENT_STATUSES["draft"],
    "submitted": ASSESSMENT_STATUSES["submitted"],
}
#: Who assessed: the unit itself or an inspector.
ASSESSMENT_KINDS: dict[str, Label] = {
    "tu-danh-gia": ("Tự đánh giá", "Self-assessment"),
    "kiem-tra": ("Kiểm tra", "Inspection"),
}
#: Kinds of unit, from the province down.
UNIT_KINDS: dict[str, Label] = {
    "tinh": ("Tỉnh", "Province"),
    "huyen": ("Huyện/Thành phố", "District/City"),
    "xa": ("Xã/Phường", "Commune/Ward"),
    "htx": ("Hợp tác xã", "Cooperative"),
    "doanh-nghiep": ("Doanh nghiệp", "Enterprise"),
    "co-quan": ("Cơ quan", "Agency"),
    "truong-hoc": ("Trường học", "School"),
    "co-so-y-te": ("Cơ sở y tế", "Health facility"),
    "thon": ("Thôn/Khu dân cư", "Village/Residential area"),
    "doan-the": ("Mặt trận, đoàn thể", "Front and mass organisation"),
    "khac": ("Khác", "Other"),
}
#: What an item of a checklist is: only requirements are asked and scored.
ITEM_ROLES: dict[str, Label] = {
    "requirement": ("Yêu cầu", "Requirement"),
    "heading": ("Đề mục", "Heading"),
    "information": ("Thông tin", "Information"),
}
#: Why an item is not asked of a unit (``models.item_scope``), and the honesty markers.
ITEM_MARKS: dict[str, Label] = {
    "not-addressed": (
        "Không thuộc trách nhiệm của đơn vị",
        "Not this unit's responsibility",
    ),
    "expired": ("Hết hiệu lực", "No longer in force"),
    "heading": ("Đề mục, không chấm điểm", "Heading, not scored"),
    "information": ("Thông tin, không chấm điểm", "Information, not scored"),
    "source-cut": ("Văn bản gốc bị cắt ở đây", "The source text is cut off here"),
    "no-number": ("(không rõ số)", "(number unknown)"),
    "no-date": ("(không rõ ngày)", "(date unknown)"),
    "addressed-to": ("Giao cho", "Addressed to"),
    "everyone": ("Mọi đơn vị", "Every unit"),
    "critical-reason": ("Lý do trọng yếu", "Why critical"),
    "valid-until": ("Hiệu lực đến", "In force until"),
}
#: Compliance bands (their bounds and colours are in ``models.scoring.BANDS``).
RATING_BANDS: dict[str, Label] = {
    "tot": ("Tốt", "Good"),
    "kha": ("Khá", "Fair"),
    "kem": ("Chưa đạt yêu cầu", "Below requirements"),
}
#: A round's state.
ROUND_STATUSES: dict[str, Label] = {
    "open": ("Đang mở", "Open"),
    "closed": ("Đã đóng", "Closed"),
}
#: What an audit entry records.
AUDIT_ACTIONS: dict[str, Label] = {
    "answer": ("Trả lời", "Answer"),
    "note": ("Ghi chú", "Note"),
    "corrective-action": ("Biện pháp khắc phục", "Corrective action"),
    "evidence": ("Tệp minh chứng", "Evidence file"),
    "start": ("Bắt đầu", "Started"),
    "submit": ("Nộp", "Submitted"),
    "reopen": ("Mở lại", "Reopened"),
    "merge-conflict": ("Xung đột khi gộp", "Merge conflict"),
    "create": ("Tạo", "Created"),
    "rename": ("Đổi tên", "Renamed"),
    "move": ("Chuyển", "Moved"),
    "archive": ("Lưu trữ", "Archived"),
    "unarchive": ("Bỏ lưu trữ", "Unarchived"),
    "delete": ("Xoá", "Deleted"),
    "publish": ("Ban hành", "Published"),
    "action-closed": ("Đóng biện pháp khắc phục", "Corrective action closed"),
    "action-reopened": ("Mở lại biện pháp khắc phục", "Corrective action reopened"),
}
#: The fields an audit value or a merge conflict names.
AUDIT_FIELDS: dict[str, Label] = {
    "status": ("trả lời", "answer"),
    "note": ("ghi chú", "note"),
    "action": ("biện pháp", "action"),
    "evidence": ("minh chứng", "evidence"),
    "assessment": ("bài đã nộp", "submitted assessment"),
    "what": ("việc", "what"),
    "who": ("người", "who"),
    "due_on": ("hạn", "due"),
    "done_on": ("xong", "done"),
    "period": ("kỳ", "period"),
    "kind": ("hình thức", "kind"),
    "assessor": ("người đánh giá", "assessor"),
    "name": ("tên", "name"),
    "parent_id": ("đơn vị cấp trên", "parent unit"),
    "address": ("địa chỉ", "address"),
    "contact_person": ("người liên hệ", "contact person"),
    "phone": ("điện thoại", "phone"),
    "archived": ("lưu trữ", "archived"),
}
#: How an inspector's answer stands beside the unit's own (``models.queries.comparison``).
AGREEMENT: dict[str, Label] = {
    "agree": ("Khớp", "Agree"),
    "differ": ("Khác", "Differ"),
    "overstated": ("Tự đánh giá cao hơn", "Overstated"),
    "unanswered": ("Chưa đủ để so", "Not comparable"),
}
#: Words of the comparison and the inspection record, shown in the window and on paper.
COMPARISON_WORDS: dict[str, Label] = {
    "title": ("So sánh tự đánh giá và kết quả kiểm tra", "Self-assessment against inspection"),
    "unit": ("Đơn vị", "Unit"),
    "checklist": ("Danh mục", "Checklist"),
    "code": ("Mục", "Item"),
    "requirement": ("Yêu cầu", "Requirement"),
    "own": ("Đơn vị tự đánh giá", "Unit's answer"),
    "own_note": ("Ghi chú của đơn vị", "Unit's note"),
    "inspected": ("Đoàn kiểm tra", "Inspector's finding"),
    "inspected_note": ("Ghi chú kiểm tra", "Inspector's note"),
    "verdict": ("Đối chiếu", "Comparison"),
    "self_compliance": ("Tự đánh giá (%)", "Self-assessed (%)"),
    "inspection_compliance": ("Kiểm tra (%)", "Inspected (%)"),
    "agreement": ("Tỷ lệ khớp", "Agreement"),
    "overstated": ("Số mục cao hơn", "Overstated items"),
    "compared": ("Số mục so sánh", "Items compared"),
    "units": ("Số đơn vị", "Units"),
    "area": ("Địa bàn", "Area"),
    "by_unit": ("Theo đơn vị", "By unit"),
    "by_item": ("Theo yêu cầu", "By requirement"),
    "by_area": ("Theo địa bàn", "By area"),
    "no_counterpart": (
        "Đơn vị chưa có bài tự đánh giá cùng kỳ",
        "The unit has no self-assessment for this period",
    ),
    "most_overstated": (
        "Đơn vị tự đánh giá cao hơn kết quả kiểm tra",
        "Units whose self-assessment overstates",
    ),
}
#: Words of periods: a weekly round is "Tuần 38/2021" / "Week 38/2021".
WEEK: Label = ("Tuần", "Week")
YES_NO: dict[bool, Label] = {True: ("có", "yes"), False: ("không", "no")}
NOTHING = "—"


def pick(pair: Label, lang: str = "vi") -> str:
    """One half of a label pair: English for "en", Vietnamese otherwise."""
    return pair[1] if lang == "en" else pair[0]


def label_of(table: Mapping[Any, Label], key: Any, lang: str = "vi") -> str:
    """The label of a stored value; a value the table does not know is shown as it is."""
    pair = table.get(key)
    return str(key) if pair is None else pick(pair, lang)


def vn_date(day: dt.date) -> str:
    """A date as Vietnamese documents write it: 28/09/2021."""
    return day.strftime("%d/%m/%Y")


def percent_text(value: float | None, digits: int = 1, lang: str = "vi") -> str:
    """A percentage as printed: "85,5%" in Vietnamese (decimal comma), "85.5%" in English.

    ``value`` is already rounded by ``models.scoring``; showing fewer digits rounds half up
    again (62.5 is "63%", never the "62%" that float formatting would print)."""
    if value is None:
        return NOTHING
    text = str(Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    return (text if lang == "en" else text.replace(".", ",")) + "%"
