"""Checks a workbook from outside must pass before any XML parser sees it.

An .xlsx file is a zip of XML files. A hostile one can be a zip bomb (a few kilobytes that
expand to gigabytes) or carry an XML entity bomb; a damaged one is simply truncated. The
sizes and compression ratios are checked from the zip directory, every member is read once
(which verifies its CRC), and a DOCTYPE anywhere is refused: Excel and LibreOffice never
write one, and entity bombs need one. openpyxl also parses through defusedxml when it is
installed, as a second guard.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from models.errors import InvalidInput

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members larger than RATIO_FLOOR
RATIO_FLOOR = 2 * 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 20


def _refuse(vi: str, en: str, path: Path) -> InvalidInput:
    return InvalidInput(
        f"'{path.name}': {vi} Không có gì được ghi.", f"'{path.name}': {en} Nothing was written."
    )


def check_workbook_file(path: Path) -> None:
    """Raise ``InvalidInput`` unless ``path`` is a sound, reasonably sized .xlsx zip."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"Không tìm thấy tệp '{path}'.", f"File '{path}' not found.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _refuse(
            "tệp quá lớn cho một phiếu (tối đa 20 MB).",
            "the file is too large for a form (20 MB at most).",
            path,
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_directory(members, path)
            for member in members:
                _check_member(archive, member, path)
    except zipfile.BadZipFile as exc:
        raise _refuse(
            "tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng, cắt cụt. "
            "Hãy lưu lại phiếu dưới dạng .xlsx.",
            "the file is not an Excel workbook (.xlsx), or it is damaged or truncated. "
            "Save the form again as .xlsx.",
            path,
        ) from exc
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _refuse(
            f"không đọc được tệp ({exc}).", f"the file cannot be read ({exc}).", path
        ) from exc


def _check_directory(members: list[zipfile.ZipInfo], path: Path) -> None:
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise _refuse(
            "tệp không phải bảng tính Excel (.xlsx).",
            "the file is not an Excel workbook (.xlsx).",
            path,
        )
    if len(members) > MAX_MEMBERS:
        raise _refuse("tệp có quá nhiều thành phần.", "the file has too many parts.", path)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if (
            member.file_size > MAX_MEMBER_BYTES
            or total > MAX_TOTAL_BYTES
            or (member.file_size > RATIO_FLOOR and ratio > MAX_RATIO)
        ):
            raise _refuse(
                "tệp giải nén ra quá lớn (có thể là “bom zip”).",
                "the file expands to far too much data (a possible zip bomb).",
                path,
            )


def _check_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path) -> None:
    is_xml = member.filename.endswith((".xml", ".rels", ".vml"))
    tail = b""
    read = 0
    with archive.open(member) as stream:
        while block := stream.read(_CHUNK):
            read += len(block)
            if read > MAX_MEMBER_BYTES:
                raise _refuse(
                    "tệp giải nén ra quá lớn (có thể là “bom zip”).",
                    "the file expands to far too much data (a possible zip bomb).",
                    path,
                )
            if is_xml and _DOCTYPE.search(tail + block):
                raise _refuse(
                    "tệp chứa khai báo XML (DOCTYPE/ENTITY) mà Excel không bao giờ tạo ra "
                    "(có thể là “bom XML”).",
                    "the file contains XML declarations (DOCTYPE/ENTITY) that Excel never "
                    "writes (a possible XML bomb).",
                    path,
                )
            tail = block[-16:]
