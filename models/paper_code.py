"""The code a submitted report prints (as text and as a QR) so that a paper copy can be
checked against what was submitted: ``kiemtra assessments verify CODE``.

It carries the assessment's id and the content hash it was submitted with
(``models.content_hash``). Written in QR "alphanumeric" characters (upper case, digits and
``:``), so the QR stays small; read back forgiving spaces, dashes and lower case, as people
type what they see on paper.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from models.errors import InvalidInput

PREFIX = "KTBC"
_HEX = re.compile(r"[0-9A-F]+")


@dataclass(frozen=True)
class PaperCode:
    assessment_id: uuid.UUID
    content_hash: str

    def text(self) -> str:
        """ "KTBC:<32 hex of the id>:<64 hex of the hash>", upper case."""
        return f"{PREFIX}:{self.assessment_id.hex.upper()}:{self.content_hash.upper()}"

    def grouped(self) -> str:
        """The same for a person's eyes: the hash in groups of eight."""
        digest = self.content_hash.upper()
        groups = " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))
        return f"{PREFIX}:{self.assessment_id.hex.upper()}: {groups}"


def read_paper_code(text: str) -> PaperCode:
    """A printed code as typed or scanned back; a clear message when it is not one."""
    cleaned = "".join(text.split()).upper().replace("-", "")
    parts = cleaned.split(":")
    if (
        len(parts) == 3
        and parts[0] == PREFIX
        and len(parts[1]) == 32
        and len(parts[2]) == 64
        and _HEX.fullmatch(parts[1] + parts[2])
    ):
        return PaperCode(uuid.UUID(hex=parts[1]), parts[2].lower())
    shown = " ".join(text.split())[:60]
    raise InvalidInput(
        f"'{shown}' không phải mã xác thực in trên báo cáo đã nộp "
        f"(dạng {PREFIX}:<32 ký tự>:<64 ký tự>).",
        f"'{shown}' is not the verification code printed on a submitted report "
        f"(form {PREFIX}:<32 characters>:<64 characters>).",
    )
