"""The code each printed page carries in its QR: which form, which page, and a seal.

One line of QR "alphanumeric" characters (upper case, digits, space and ``-./:*``), so that
it fits a QR small enough for a corner of the page with modules large enough for a 150 dpi
scan::

    KT2 761-CV-TU-2021 1 <UNIT HEX|-> 2021-W38 T 2/3 DC..K <SEAL>

The base field is what the office had answered for the page's items when it was printed
(one letter an item, ``*`` when not known): an answer the office changed since is shown as
a conflict on import, as for an Excel form. The seal is a SHA-256 over the identity, the
checklist version's content and the page's geometry, so a page from another database, a
changed checklist or another program's layout is refused rather than misread.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from models.errors import InvalidInput

PREFIX = "KT2"
STATUS_LETTERS = {"dat": "D", "chua-dat": "C", "mot-phan": "P", "khong-ap-dung": "K", None: "."}
LETTER_STATUS = {letter: status for status, letter in STATUS_LETTERS.items()}
KIND_LETTERS = {"tu-danh-gia": "T", "kiem-tra": "K"}
LETTER_KIND = {letter: kind for kind, letter in KIND_LETTERS.items()}
UNKNOWN_BASE = "*"
NO_ITEMS = "-"

_FIELDS = re.compile(
    r"^KT2 (?P<checklist>[A-Z0-9][A-Z0-9-]{1,98}) (?P<version>[0-9]{1,6}) "
    r"(?P<unit>[0-9A-F]{32}|-) (?P<period>[0-9W-]{4,20}|-) (?P<kind>[TK]) "
    r"(?P<page>[0-9]{1,3})/(?P<pages>[0-9]{1,3}) (?P<base>[DCPK.]{1,99}|\*|-) "
    r"(?P<seal>[0-9A-F]{10})$"
)


def not_our_code(text: str) -> InvalidInput:
    shown = text if len(text) <= 60 else text[:57] + "…"
    return InvalidInput(
        f"Mã QR trên trang không phải mã phiếu của Kiểm tra ('{shown}').",
        f"The page's QR code is not a Kiểm tra form code ('{shown}').",
    )


@dataclass(frozen=True)
class PageCode:
    checklist: str
    version: int
    unit_id: str | None  # canonical UUID text
    period: str | None
    kind: str
    page: int
    pages: int
    base: str | None  # one letter per item on the page; None: not known
    seal: str

    def text(self) -> str:
        unit = self.unit_id.replace("-", "").upper() if self.unit_id else "-"
        base = UNKNOWN_BASE if self.base is None else (self.base or NO_ITEMS)
        return (
            f"{PREFIX} {self.checklist.upper()} {self.version} {unit} {self.period or '-'} "
            f"{KIND_LETTERS[self.kind]} {self.page}/{self.pages} {base} {self.seal}"
        )

    @classmethod
    def parse(cls, text: str) -> PageCode:
        found = _FIELDS.match(text.strip())
        if found is None:
            raise not_our_code(text)
        unit = found["unit"].lower()
        page, pages = int(found["page"]), int(found["pages"])
        if not 1 <= page <= pages:
            raise not_our_code(text)
        base = found["base"]
        return cls(
            found["checklist"].lower(),
            int(found["version"]),
            None
            if unit == "-"
            else f"{unit[:8]}-{unit[8:12]}-{unit[12:16]}-{unit[16:20]}-{unit[20:]}",
            None if found["period"] == "-" else found["period"],
            LETTER_KIND[found["kind"]],
            page,
            pages,
            None if base == UNKNOWN_BASE else ("" if base == NO_ITEMS else base),
            found["seal"],
        )

    def base_statuses(self, codes: tuple[str, ...]) -> dict[str, str | None] | None:
        """The page's items' answers when printed, by code; None when not known."""
        if self.base is None:
            return None
        if len(self.base) != len(codes):
            raise InvalidInput(
                "Mã QR của trang không khớp với các mục in trên trang.",
                "The page's QR code does not match the items printed on it.",
            )
        return {code: LETTER_STATUS[letter] for code, letter in zip(codes, self.base, strict=True)}


def page_seal(
    *,
    checklist: str,
    version: int,
    content_hash: str,
    unit_id: str | None,
    period: str | None,
    kind: str,
    page: int,
    pages: int,
    layout_digest: str,
    base: str | None,
) -> str:
    body = "|".join(
        [
            "kiemtra-form-page",
            checklist,
            str(version),
            content_hash,
            unit_id or "",
            period or "",
            kind,
            f"{page}/{pages}",
            layout_digest,
            UNKNOWN_BASE if base is None else base,
        ]
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:10].upper()


def base_letters(statuses: list[str | None]) -> str:
    return "".join(STATUS_LETTERS.get(status, ".") for status in statuses)
