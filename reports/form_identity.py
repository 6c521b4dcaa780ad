"""What identifies a form: checklist and version, unit, period, kind, and the item rows.

The Excel form keeps it in a hidden sheet, the paper form prints it as text and as a QR
code. The checksum is a SHA-256 over the other fields: it catches a hidden sheet edited by
hand or a form pieced together from two others (it is a seal against mistakes, not a
signature: anyone with this program can compute it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from models.errors import InvalidInput
from reports.rows import FormSpec

FORMAT = "kiemtra-form"
FORMAT_VERSION = 1
IDENTITY_SHEET = "_kiemtra"


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
        )

    def checksum(self) -> str:
        body = json.dumps(
            {"format": FORMAT, "format_version": FORMAT_VERSION, **asdict(self)},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
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
                "fv": FORMAT_VERSION,
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
            ("format_version", str(FORMAT_VERSION)),
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
        rows.append(("checksum", self.checksum()))
        return rows

    @classmethod
    def from_rows(cls, rows: list[tuple[object, object]]) -> FormIdentity:
        """Read the hidden sheet back, refusing anything that is not exactly what we wrote."""
        values: dict[str, str] = {}
        items: dict[str, int] = {}
        for key, value in rows:
            if key is None:
                continue
            if not isinstance(key, str) or not isinstance(value, str | None):
                raise _damaged()
            if key.startswith("item:"):
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
        if values.get("format_version") != str(FORMAT_VERSION):
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
