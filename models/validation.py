"""The rules for every field a person types, in one place for every way in.

The window and the command line reach them through the services, the Excel form reader and
the bundle reader call them directly, so a value one machine accepts is never one another
machine refuses (an address with a hidden BEL character used to be saved on a laptop and
then make the office refuse the whole bundle). Each rule cleans a value (NFC, white space)
and refuses it with one bilingual message, the same wherever it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.errors import InvalidInput
from models.text import collapse_spaces, nfc, unsafe_characters


@dataclass(frozen=True)
class FieldRule:
    """What one field accepts: how long, whether on one line, whether it may be empty."""

    vi: str  # the field's name starting a Vietnamese sentence ("Địa chỉ")
    en: str  # and an English one ("The address")
    max_length: int
    one_line: bool = True
    required: bool = False

    def hidden(self, value: str) -> InvalidInput | None:
        """The refusal of a value holding control or bidirectional characters, or bytes
        that were not UTF-8 (a command line typed in Windows-1252 arrives that way)."""
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            return InvalidInput(
                f"{self.vi} có byte không phải văn bản UTF-8 (gõ bằng bảng mã khác?).",
                f"{self.en} holds bytes that are not UTF-8 text (typed in another encoding?).",
            )
        if found := unsafe_characters(value):
            listed = ", ".join(found)
            return InvalidInput(
                f"{self.vi} có ký tự ẩn không hợp lệ ({listed}).",
                f"{self.en} holds hidden characters ({listed}).",
            )
        return None

    def problem(self, value: str) -> InvalidInput | None:
        """Why ``value``, as stored, is not acceptable (None if it is)."""
        if hidden := self.hidden(value):
            return hidden
        if len(value) > self.max_length:
            return InvalidInput(
                f"{self.vi} quá dài (tối đa {self.max_length} ký tự).",
                f"{self.en} is too long ({self.max_length} characters at most).",
            )
        if self.required and not value.strip():
            return InvalidInput(f"{self.vi} không được để trống.", f"{self.en} cannot be empty.")
        return None

    def clean(self, value: str | None) -> str:
        """``value`` as it is stored (NFC; one line collapsed, or several lines stripped), or
        ``InvalidInput``. Hidden characters are looked for before white space is tidied,
        since some of them (FS, GS, VT…) count as white space and would vanish unseen."""
        text = nfc(value or "")
        if hidden := self.hidden(text):
            raise hidden
        text = collapse_spaces(text) if self.one_line else text.strip()
        if problem := self.problem(text):
            raise problem
        return text

    def clean_optional(self, value: str | None) -> str | None:
        """Like ``clean``, but an empty value is stored as nothing (None)."""
        return self.clean(value) or None


UNIT_NAME = FieldRule("Tên đơn vị", "The unit name", 300, required=True)
UNIT_ADDRESS = FieldRule("Địa chỉ", "The address", 500)
UNIT_CONTACT = FieldRule("Người liên hệ", "The contact person", 200)
UNIT_PHONE = FieldRule("Số điện thoại", "The phone number", 50)
ASSESSOR = FieldRule("Tên người đánh giá", "The assessor's name", 200)
PERSON = FieldRule("Tên người thực hiện", "The name of the person", 200)
NOTE = FieldRule("Ghi chú", "The note", 10_000, one_line=False)
ACTION_WHAT = FieldRule("Nội dung biện pháp khắc phục", "The corrective action", 2_000, False)
ACTION_WHO = FieldRule("Người thực hiện biện pháp", "The person responsible", 200)
REASON = FieldRule("Lý do", "The reason", 1_000)
ROUND_NAME = FieldRule("Tên đợt", "The round's name", 300, required=True)

#: The stored columns these rules guard, for readers of whole records (bundles).
COLUMN_RULES: dict[tuple[str, str], FieldRule] = {
    ("units", "name"): UNIT_NAME,
    ("units", "address"): UNIT_ADDRESS,
    ("units", "contact_person"): UNIT_CONTACT,
    ("units", "phone"): UNIT_PHONE,
    ("assessments", "assessor"): ASSESSOR,
    ("answers", "note"): NOTE,
    ("answers", "answered_by"): PERSON,
    ("corrective_actions", "what"): ACTION_WHAT,
    ("corrective_actions", "who"): ACTION_WHO,
    ("audit_entries", "actor"): PERSON,
    ("audit_entries", "reason"): REASON,
    ("rounds", "name"): ROUND_NAME,
}


def column_rule(table: str, column: str) -> FieldRule | None:
    """The rule for a stored column that people type into, if it is one."""
    return COLUMN_RULES.get((table, column))
