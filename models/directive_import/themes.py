"""Automatic theme tags from the keywords in ``checklists/themes.yaml``.

Matching ignores diacritics, case and spacing (``models.text.fold``), so "khai bao y te" and
"Khai báo Y tế" tag alike, and keywords match whole words only ("QR" is not inside "QRS").
The tags are a first proposal that the person reviewing keeps or changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from models.checklist_file import ThemeSpec, load_themes
from models.text import fold

# Combining marks (Vietnamese tones and vowel marks live in the first block).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class ThemeTagger:
    """Each theme's folded keywords, in the order themes.yaml lists them."""

    def __init__(self, themes: Sequence[ThemeSpec]) -> None:
        self.keywords: list[tuple[str, list[str]]] = []
        for theme in themes:
            words = sorted({fold(k) for k in theme.keywords if fold(k)}, key=len, reverse=True)
            if words:
                self.keywords.append((theme.id, words))

    @property
    def ids(self) -> list[str]:
        return [theme_id for theme_id, _ in self.keywords]

    def tag(self, text: str) -> list[str]:
        folded = quick_fold(text)
        return [
            theme_id
            for theme_id, words in self.keywords
            if any(_contains_word(folded, word) for word in words)
        ]


def quick_fold(text: str) -> str:
    """``models.text.fold`` for long text, with the marks stripped by one regex pass."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join(_MARKS.sub("", decomposed).casefold().split())


def _contains_word(folded: str, word: str) -> bool:
    start = folded.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not folded[start - 1].isalnum()) and (
            end == len(folded) or not folded[end].isalnum()
        ):
            return True
        start = folded.find(word, start + 1)
    return False


@cache
def _shipped_tagger(path: str | None) -> ThemeTagger:
    return ThemeTagger(load_themes(Path(path) if path else None))


def default_tagger(themes_file: Path | None = None) -> ThemeTagger:
    """The tagger for the shipped themes (read and compiled once per process)."""
    return _shipped_tagger(str(themes_file) if themes_file else None)
