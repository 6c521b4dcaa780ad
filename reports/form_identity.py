"""What identifies a form: checklist and version, unit, period, kind, and the item rows.

The Excel form keeps it in a hidden sheet, the paper form prints it as text and as a QR
code. The checksum is a SHA-256 over the other fields: it catches a hidden sheet edited by
hand or a form pieced together from two others (it is a seal against mistakes, not a
signature: anyone with this program can compute it).

A form made for a unit and a period also keeps its base: what each item's answer and note
were when the form was made (the answer itself, and a hash of the note). An answer the
office changed after that is not silently reverted by the form coming back late; the import
shows it as a conflict, as a bundle's merge does. Format 1 forms carry no base.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Answer, Assessment, ChecklistItem
from models.errors import InvalidInput

if TYPE_CHECKING:
    from reports.rows import FormSpec

FORMAT = "kiemtra-form"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
IDENTITY_SHEET = "_kiemtra"


def base_token(status: str | None, note: str) -> str:
    """An item's state as a form remembers it: its answer, and a hash of its note."""
    noted = hashlib.sha256(note.encode("utf-8")).hexdigest()[:16] if note else ""
    return f"{status or ''}:{noted}"


def answers_base(
    session: Session, version_id: uuid.UUID, unit_id: uuid.UUID, period: str, kind: str
) -> dict[str, str]:
    """Each answered item's ``base_token`` (by item code) in the assessment a form is for;
    items not answered (and every item, when there is no assessment yet) are left out."""
    rows = session.execute(
        select(ChecklistItem.code, Answer.status, Answer.note)
        .join(Answer, Answer.item_id == ChecklistItem.id)
        .join(Assessment, Assessment.id == Answer.assessment_id)
        .where(
            Assessment.unit_id == unit_id,
            Assessment.version_id == version_id,
            Assessment.period == period,
            Assessment.kind == kind,
        )
    )
    tokens = {code: base_token(status, note) for code, status, note in rows}
    return {code: token for code, token in tokens.items() if token != ":"}


@dataclass(frozen=True)
class FormIdentity:
    checklist: str
    version: int
    version_id: str
    content_hash: str
    unit_id: str | None
    unit: str | None
    period: str | None
    kind: str
    rows: dict[str, int] = field(default_factory=dict)  # item code -> worksheet row
    #: item code -> ``base_token`` when the form was made; None: not known (no unit or
    #: period on the form, or a format 1 form)
    base: dict[str, str] | None = None
    format_version: int = FORMAT_VERSION

    @classmethod
    def of(cls, spec: FormSpec, rows: dict[str, int] | None = None) -> FormIdentity:
        return cls(
            spec.checklist,
            spec.version,
            spec.version_id,
            spec.content_hash,
            spec.unit_id,
            spec.unit,
            spec.period,
            spec.kind,
            dict(rows or {}),
            dict(spec.base) if spec.base is not None else None,
        )

    def base_of(self, code: str) -> tuple[str, str] | None:
        """An item's (answer, note hash) when the form was made, or None if not known."""
        if self.base is None:
            return None
        status, _, noted = self.base.get(code, ":").partition(":")
        return status, noted

    def checksum(self) -> str:
        fields = asdict(self)
        version, base = fields.pop("format_version"), fields.pop("base")
        sealed = {"format": FORMAT, "format_version": version, **fields}
        if version >= 2:
            sealed["base"] = base
        body = json.dumps(sealed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def short_code(self) -> str:
        """The line printed on paper forms, so a typist can find the right form."""
        unit = self.unit_id[:8] if self.unit_id else "-"
        return (
            f"KT1 {self.checklist} v{self.version} đv:{unit} kỳ:{self.period or '-'} "
            f"#{self.checksum()[:10]}"
        )

    def qr_text(self) -> str:
        return json.dumps(
            {
                "f": FORMAT,
                "fv": self.format_version,
                "c": self.checklist,
                "v": self.version,
                "u": self.unit_id,
                "p": self.period,
                "k": self.kind,
                "s": self.checksum()[:16],
            },
            separators=(",", ":"),
        )

    def as_rows(self) -> list[tuple[str, str]]:
        """Key/value rows of the hidden sheet; every value is text so no program retypes it."""
        rows = [
            ("format", FORMAT),
            ("format_version", str(self.format_version)),
            ("checklist", self.checklist),
            ("version", str(self.version)),
            ("version_id", self.version_id),
            ("content_hash", self.content_hash),
            ("unit_id", self.unit_id or ""),
            ("unit", self.unit or ""),
            ("period", self.period or ""),
            ("kind", self.kind),
        ]
        rows += [(f"item:{code}", str(row)) for code, row in self.rows.items()]
        if self.format_version >= 2:
            rows.append(("base", "known" if self.base is not None else "unknown"))
            rows += [(f"base:{code}", token) for code, token in (self.base or {}).items()]
        rows.append(("checksum", self.checksum()))
        return rows

    @classmethod
    def from_rows(cls, rows: list[tuple[object, object]]) -> FormIdentity:
        """Read the hidden sheet back, refusing anything that is not exactly what we wrote."""
        values: dict[str, str] = {}
        items: dict[str, int] = {}
        base: dict[str, str] = {}
        for key, value in rows:
            if key is None:
                continue
            if not isinstance(key, str) or not isinstance(value, str | None):
                raise _damaged()
            if key.startswith("base:"):
                base[key[5:]] = value or ""
            elif key.startswith("item:"):
                if not (value or "").isdigit():
                    raise _damaged()
                items[key[5:]] = int(value or 0)
            else:
                values[key] = value or ""
        if values.get("format") != FORMAT:
            raise InvalidInput(
                "Tệp không phải phiếu Excel do Kiểm tra tạo ra.",
                "The file is not an Excel form made by Kiểm tra.",
            )
        if values.get("format_version") not in [str(v) for v in READABLE_VERSIONS]:
            raise InvalidInput(
                f"Phiếu theo định dạng {values.get('format_version')} chưa được hỗ trợ; "
                "hãy cập nhật chương trình.",
                f"Form format {values.get('format_version')} is not supported; update the program.",
            )
        try:
            identity = cls(
                values["checklist"],
                int(values["version"]),
                values["version_id"],
                values["content_hash"],
                values["unit_id"] or None,
                values["unit"] or None,
                values["period"] or None,
                values["kind"],
                items,
                base if values.get("base") == "known" else None,
                int(values["format_version"]),
            )
        except (KeyError, ValueError):
            raise _damaged() from None
        if values.get("checksum") != identity.checksum():
            raise InvalidInput(
                "Phần nhận dạng ẩn của phiếu đã bị sửa (mã kiểm tra không khớp); phiếu bị từ chối.",
                "The form's hidden identity was altered (checksum mismatch); the form is refused.",
            )
        return identity


def _damaged() -> InvalidInput:
    return InvalidInput(
        "Phần nhận dạng ẩn của phiếu bị hỏng; phiếu bị từ chối.",
        "The form's hidden identity is damaged; the form is refused.",
    )
