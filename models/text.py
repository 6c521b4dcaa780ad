"""Vietnamese text handling: NFC everywhere text enters, and diacritic-insensitive matching."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "fold", "clean_source", "matches", "collapse_spaces"]

_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{2,}")
# đ/Đ are letters of their own, not a d with a combining mark, so NFD leaves them alone.
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
# The combining diacritical mark blocks of Latin script (Vietnamese uses U+0300–U+0323),
# dropped in one C-speed pass: the unit tree folds 20,000 names when the window starts.
_MARK_BLOCKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
_NO_MARKS = dict.fromkeys(code for low, high in _MARK_BLOCKS for code in range(low, high + 1))


def nfc(text: str) -> str:
    """The NFC form of ``text``: the one form stored, compared and rendered."""
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """NFC text on one line: every run of white space (NBSP included) becomes one space."""
    return " ".join(nfc(text).split())


def fold(text: str) -> str:
    """A search key: NFC, tone and vowel marks removed, đ→d, casefolded.

    "Khai báo Y TẾ" and "khai bao y te" fold to the same key.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = decomposed.translate(_NO_MARKS)
    if not stripped.isascii():  # marks of other scripts: the exact, slower pass
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_FOLD_TABLE).split())


def matches(query: str, text: str) -> bool:
    """Whether ``query`` occurs in ``text``, ignoring diacritics, case and spacing."""
    return fold(query) in fold(text)


def clean_source(text: str) -> str:
    """A directive's words as checklist items quote them.

    NFC; the ``*`` emphasis left over from conversion removed; white space (NBSP included)
    collapsed within each line; lines stripped; empty lines dropped. Paragraphs stay
    separated by one newline, so a multi-paragraph item quotes each paragraph as a line.
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("*", "")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)


def unsafe_characters(text: str) -> list[str]:
    """Control and bidirectional-override characters found in ``text`` (as U+XXXX names).

    They hide or reorder what a reader sees, so user text and imported files are refused
    when they carry any.
    """
    return sorted({f"U+{ord(ch):04X}" for ch in _UNSAFE.findall(text)})
