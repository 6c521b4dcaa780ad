"""The header of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP layout).

Issuer block top left, "Số: 451/CV-LMHTX" under it, Quốc hiệu and "Quảng Ninh, ngày 28
tháng 9 năm 2021" top right, the kind (CÔNG VĂN, THÔNG BÁO…) and the subject ("V/v …"), then
"Kính gửi:"; the signer at the end. Texts as received often lose parts of it, so every field
has a fallback, and each fallback says so in a warning for the person reviewing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from models.directive_import.layout import Para
from models.directive_import.names import ordinary_spelling
from models.text import fold

KINDS = {
    "CÔNG VĂN": "Công văn",
    "THÔNG BÁO": "Thông báo",
    "CHỈ THỊ": "Chỉ thị",
    "KẾ HOẠCH": "Kế hoạch",
    "QUYẾT ĐỊNH": "Quyết định",
    "CÔNG ĐIỆN": "Công điện",
    "NGHỊ QUYẾT": "Nghị quyết",
    "HƯỚNG DẪN": "Hướng dẫn",
    "KẾT LUẬN": "Kết luận",
    "CHƯƠNG TRÌNH": "Chương trình",
    "BÁO CÁO": "Báo cáo",
    "THÔNG TƯ": "Thông tư",
    "NGHỊ ĐỊNH": "Nghị định",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
    "TỜ TRÌNH": "Tờ trình",
    "PHƯƠNG ÁN": "Phương án",
}
KIND_CODES = {
    "CV": "Công văn",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "CĐ": "Công điện",
    "NQ": "Nghị quyết",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "CTR": "Chương trình",
    "BC": "Báo cáo",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
    "QC": "Quy chế",
    "TTR": "Tờ trình",
    "PA": "Phương án",
}
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<num>\d{1,6}\s*[-/]\s*[\w&./ -]{1,60}?)\s*$", re.I)
_NUMBER_NO_SEPARATOR = re.compile(
    r"^Số\s*:?\s*(?P<digits>\d{1,6})(?P<code>[A-ZĐ][A-ZĐ&]*(?:[-/][\w&.]+)+)\s*$"
)
_DATE = re.compile(  # spacing and OCR noise tolerated: "tháng09", "tháng:9", "năm2021"
    r"^(?P<place>[^,\d]{2,60}?),?\s*ngày\s*(?P<d>\d{1,2})\s*(?:tháng\W{0,2}|[/.-])\s*"
    r"(?P<m>\d{1,2})\s*(?:năm\W{0,2}|[/.-])\s*(?P<y>\d{4})",
    re.I,
)
_UNDATED = re.compile(r"^(?P<place>[^,\d]{2,60}?),\s+ngày\s.*năm\s+(?P<y>\d{4})", re.I)
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\b\s*", re.I)
_PUBLISHED = re.compile(
    r"(?:cms-publish-date|ngày đăng|đăng ngày)\s*:?\s*(\d{1,2}/\d{1,2}/\d{4})", re.I
)
_CITED = re.compile(
    r"(?:^|[.;]\s+)(?P<issuer>[^.;:]{2,80}?)\s+(?:vừa\s+|đã\s+)?ban hành\s+"
    r"(?P<kind>" + "|".join(k.capitalize() for k in KINDS) + r")\s+"
    r"(?:số\s+)?(?P<num>\d{1,6}[-/][\w&./-]+\w)",
    re.I,
)
_RECIPIENTS = re.compile(r"^Kính\s+gửi\s*:?\s*", re.I)
_SIGNATURE = re.compile(
    r"^(?:T/M|TM\.?|T\.M\.?|T/L|TL\.?|KT\.?|K/T|TUQ\.?|Q\.|THỪA LỆNH|"
    r"THỪA ỦY QUYỀN|THỪA UỶ QUYỀN)\s+(?P<org>.+)$"
)
_NATIONAL = ("CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "ĐỘC LẬP", "ĐẢNG CỘNG SẢN VIỆT NAM")
_ORG_WORDS = (
    "SỞ ",
    "BAN ",
    "PHÒNG ",
    "CHI BỘ",
    "ĐẢNG BỘ",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "TRUNG TÂM",
    "VĂN PHÒNG",
    "CỤC ",
    "VỤ ",
    "TRƯỜNG ",
    "BỆNH VIỆN",
    "HỘI ",
    "LIÊN MINH",
    "CÔNG TY",
    "HỢP TÁC XÃ",
    "BỘ ",
    "TỈNH ỦY",
    "HUYỆN ỦY",
    "THÀNH ỦY",
    "TỔNG CỤC",
    "CHI CỤC",
    "HỘI ĐỒNG",
    "TỈNH ĐOÀN",
    "CÔNG AN",
)


@dataclass
class Header:
    number: str | None = None
    kind: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: dt.date | None = None
    date_note: str | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer: str | None = None
    warnings: list[str] = field(default_factory=list)
    issuer_printed: str | None = None


def is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def is_name(text: str) -> bool:
    """A signer's name: two to six capitalised words and nothing else ("Nguyễn Nam Thắng")."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
    )


def is_signature(text: str) -> bool:
    return bool(_SIGNATURE.match(text)) and is_upper(text)


def kind_line(text: str) -> str | None:
    for printed, kind in KINDS.items():
        if text.startswith(printed):
            after = text[len(printed) : len(printed) + 1]
            if not after or not after.isalpha() or after.isupper():
                return kind
    return None


def recipients_range(paras: list[Para], stop: int) -> range:
    """The "Kính gửi:" paragraph and the dash lines that continue its list."""
    for i, para in enumerate(paras[:stop]):
        if _RECIPIENTS.match(para.text):
            j = i + 1
            while j < stop and paras[j].text[:1] in "-–—+•" and not paras[j - 1].text.endswith("."):
                j += 1
            return range(i, j)
    return range(0)


def parse_header(
    head: list[Para], tail: list[Para], recipients: list[Para], intro_text: str
) -> Header:
    """Header fields from the paragraphs above the first item and the signature below."""
    header = Header()
    texts = [p.text for p in head]
    for i, text in enumerate(texts):
        if header.number is None and (match := _NUMBER.match(text)):
            header.number = re.sub(r"\s+", "", match.group("num"))
        elif header.number is None and (match := _NUMBER_NO_SEPARATOR.match(text)):
            header.number = _separated(match.group("digits"), match.group("code"), header)
        elif header.issued_on is None and header.date_note is None and (match := _DATE.match(text)):
            header.place = match.group("place").strip()
            try:
                header.issued_on = dt.date(
                    int(match.group("y")), int(match.group("m")), int(match.group("d"))
                )
            except ValueError:
                header.date_note = text
        elif header.date_note is None and (match := _UNDATED.match(text)):
            header.place, header.date_note = match.group("place").strip(), text
        elif header.kind is None and is_upper(text[:12]) and (kind := kind_line(text)):
            header.kind = kind
        elif header.subject is None and _SUBJECT.match(text):
            parts = [text]
            parts += [p.text for p in _same_block(head, i + 1)]
            header.subject = " ".join(parts)
    header.issuer = _issuer_block(texts)
    if (
        header.date_note is None
        and header.issued_on is None
        and (match := _PUBLISHED.search("\n".join(texts)))
    ):
        header.date_note = f"Đăng trên Cổng thông tin ngày {match.group(1)}"
    header.recipients = _recipients(recipients)
    _fill_from_text(header, head, tail, intro_text)
    _recase_issuer(header)
    for para in reversed(tail):
        if is_name(para.text):
            header.signer = para.text
            break
    _warn_missing(header)
    return header


def number_line(text: str) -> bool:
    """ "Số: 451/CV-LMHTX", or one whose separator OCR lost."""
    return bool(_NUMBER.match(text) or _NUMBER_NO_SEPARATOR.match(text))


def _separated(digits: str, code: str, header: Header) -> str:
    """ "215KH-PYT": OCR lost the separator a number always has after its digits; "/" for a
    government number, "-" for a party one ("761-CV/TU", whose code has the "/")."""
    number = f"{digits}{'-' if '/' in code else '/'}{code}"
    header.warnings.append(
        f"Số văn bản đọc được là 'Số: {digits}{code}', đã thêm dấu phân cách thành "
        f"'{number}'; hãy kiểm tra / The document number read 'Số: {digits}{code}' was "
        f"given its separator as '{number}'; check it"
    )
    return number


def _recase_issuer(header: Header) -> None:
    """An issuer printed in capitals, written the ordinary way; the printed form is kept."""
    printed = header.issuer
    if not printed or not is_upper(printed):
        return
    parts = re.split(r"(\s\(|\)$|\s-\s)", printed)
    written = "".join(
        ordinary_spelling(part) if part.strip() and is_upper(part) else part for part in parts
    )
    if written != printed:
        header.issuer, header.issuer_printed = written, printed
        header.warnings.append(
            f"Tên cơ quan ban hành in hoa '{printed}' được viết lại thành '{written}'; hãy "
            f"kiểm tra / The issuer printed in capitals '{printed}' was written as "
            f"'{written}'; check it"
        )


def _same_block(paras: list[Para], start: int) -> list[Para]:
    out = []
    for para in paras[start:]:
        if para.block_start or number_line(para.text) or _DATE.match(para.text):
            break
        out.append(para)
    return out


def _issuer_block(texts: list[str]) -> str | None:
    """Upper-case lines above "Số:" or the Quốc hiệu: the parent body first, then the issuer."""
    lines: list[str] = []
    for text in texts:
        if number_line(text) or text.startswith(_NATIONAL) or kind_line(text):
            break
        if not is_upper(text) or len(text.split()) > 14:
            return None
        lines.append(text.rstrip(" .,;:"))  # OCR reads a speck after a line as a point
    else:
        return None
    names: list[str] = []
    for line in lines:
        if not names or line.startswith(_ORG_WORDS):
            names.append(line)
        else:
            names[-1] = f"{names[-1]} {line}"
    if not names:
        return None
    return names[-1] + (f" ({' - '.join(names[:-1])})" if len(names) > 1 else "")


def _recipients(paras: list[Para]) -> list[str]:
    out = []
    for para in paras:
        text = _RECIPIENTS.sub("", para.text)
        text = text.lstrip("-–—+• ").strip()
        if text:
            out.append(text)
    return out


def _fill_from_text(header: Header, head: list[Para], tail: list[Para], intro: str) -> None:
    """Fallbacks: the introduction ("UBND tỉnh vừa ban hành Công văn số …"), the number's
    own kind code ("CV" in 451/CV-LMHTX), "V/v" (a công văn), the signature block."""
    cited = _CITED.search(intro)
    if header.number is None and cited:
        header.number = cited.group("num")
        header.warnings.append(
            "Số văn bản lấy từ đoạn mở đầu; hãy kiểm tra / The document "
            "number was taken from the introduction; check it"
        )
    if header.kind is None and header.number:
        for segment in re.split(r"[-/]", header.number.upper()):
            if segment in KIND_CODES:
                header.kind = KIND_CODES[segment]
                break
    if header.kind is None and cited:
        header.kind = cited.group("kind").capitalize()
    if header.kind is None and header.subject and header.subject.lower().startswith("v/v"):
        header.kind = "Công văn"
    if header.issuer is None and cited:
        header.issuer = cited.group("issuer").strip()
        header.warnings.append(
            "Cơ quan ban hành lấy từ đoạn mở đầu; hãy kiểm tra / The issuer "
            "was taken from the introduction; check it"
        )
    if header.issuer is None:
        for para in tail:
            if (match := _SIGNATURE.match(para.text)) and is_upper(para.text):
                header.issuer = match.group("org").strip()
                header.warnings.append(
                    "Cơ quan ban hành lấy từ phần chữ ký; hãy kiểm tra / "
                    "The issuer was taken from the signature; check it"
                )
                break
    if header.subject is None:
        header.subject = _title_subject(head)


def _title_subject(head: list[Para]) -> str | None:
    """No "V/v": the title lines under the kind, else the first non-heading line of the top."""
    for i, para in enumerate(head):
        kind = kind_line(para.text) if is_upper(para.text[:12]) else None
        if kind:
            rest = para.text[len(next(k for k, v in KINDS.items() if v == kind)) :].strip()
            parts = ([rest] if rest else []) + [p.text for p in _same_block(head, i + 1)]
            if not parts and i + 1 < len(head) and not is_upper(head[i + 1].text):
                parts = [head[i + 1].text]
            if parts:
                return " ".join(parts)
    for para in head:
        text = para.text
        if (
            not is_upper(text)
            and not text.endswith((".", ":", ";"))
            and not number_line(text)
            and not _DATE.match(text)
            and not _PUBLISHED.search(text)
            and not _RECIPIENTS.match(text)
            and not fold(text).startswith(("doc lap", "so "))
        ):
            return text
    return None


def _warn_missing(header: Header) -> None:
    for value, vi, en in (
        (header.number, "số văn bản", "the document number"),
        (header.issued_on or header.date_note, "ngày ban hành", "the date"),
        (header.issuer, "cơ quan ban hành", "the issuer"),
        (header.kind, "loại văn bản", "the kind of document"),
        (header.subject, "trích yếu", "the subject"),
    ):
        if not value:
            header.warnings.append(
                f"Không tìm thấy {vi} trong văn bản; hãy điền khi duyệt / "
                f"{en[0].upper()}{en[1:]} was not found; fill it in when "
                "reviewing"
            )
