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
    "khac": ("Khác", "Other"),
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
