"""Which PDF library reads Vietnamese directives best: pypdfium2 against pdfplumber.

    .venv/bin/pip install pdfplumber        # only for this comparison; not a dependency
    .venv/bin/python benchmarks/pdf_readers.py

Each directive of the paper corpus (tests/directive_corpus.py) is made into a PDF twice: set
by reportlab in Liberation Serif, and typed in Word then saved by LibreOffice (when soffice
is installed). Each library's plain page text is compared with the directive's own words:
"paragraphs" is the share of body paragraphs found whole in the text (white space folded,
lines joined), "marked letters" the share of letters with Vietnamese marks read exactly
(multiset of NFC characters), then milliseconds per page (median of 5). The project reads
PDFs with pypdfium2 (it also renders pages for OCR and the review tab).
"""

from __future__ import annotations

import io
import re
import shutil
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.directive_corpus import corpus  # noqa: E402
from tests.directive_papers import render  # noqa: E402

_REF = re.compile(r"\[\^\d+\]")


def pdfium_text(raw: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(raw)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def plumber_text(raw: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\ufffe", "-").replace("\x02", "-")
    return " ".join(text.split())


def _marked(text: str) -> Counter[str]:
    return Counter(
        ch for ch in unicodedata.normalize("NFC", text) if ch.isalpha() and ord(ch) > 0x7F
    )


def quality(pages: list[str], paragraphs: list[str]) -> tuple[float, float]:
    text = _fold(" ".join(pages))
    joined = text.replace("- ", "-")
    found = sum(1 for p in paragraphs if _fold(p) in text or _fold(p) in joined)
    want = _marked(" ".join(paragraphs))
    got = _marked(" ".join(pages))
    letters = sum(min(n, got[ch]) for ch, n in want.items()) / max(1, sum(want.values()))
    return found / len(paragraphs), letters


def per_page_ms(read: Callable[[bytes], list[str]], raw: bytes) -> float:
    pages = len(read(raw))
    times = []
    for _ in range(5):
        started = time.perf_counter()
        read(raw)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000 / pages


def main() -> None:
    readers: dict[str, Callable[[bytes], list[str]]] = {"pypdfium2": pdfium_text}
    try:
        import pdfplumber  # noqa: F401

        readers["pdfplumber"] = plumber_text
    except ImportError:
        print("(pdfplumber is not installed: only pypdfium2 is measured)")
    makers: dict[str, Callable[..., bytes]] = {"reportlab": render}
    if shutil.which("soffice"):
        from tests.directive_office import office_pdf

        makers["LibreOffice"] = office_pdf
    totals: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    pages: Counter[str] = Counter()
    for case in corpus().values():
        paragraphs = [_REF.sub("", p).replace("*", "") for p in case.paper.body]
        for maker, make in makers.items():
            raw = make(case.paper)
            pages[maker] += len(pdfium_text(raw))
            for reader, read in readers.items():
                found, letters = quality(read(raw), paragraphs)
                totals.setdefault((maker, reader), []).append(
                    (found, letters, per_page_ms(read, raw))
                )
    made = ", ".join(f"{maker} {count} pages" for maker, count in pages.items())
    print(f"PDF text of the paper corpus ({len(corpus())} directives; {made}), per library")
    header = ["PDF made by", "library", "paragraphs", "marked letters", "ms/page"]
    rows = [header]
    for (maker, reader), values in totals.items():
        rows.append(
            [
                maker,
                reader,
                f"{100 * statistics.mean(v[0] for v in values):.1f} %",
                f"{100 * statistics.mean(v[1] for v in values):.2f} %",
                f"{statistics.median(v[2] for v in values):.1f}",
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        print(
            "  ".join(
                c.ljust(w) if i < 2 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
