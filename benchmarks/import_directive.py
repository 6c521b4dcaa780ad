"""Importing a directive, against the bare library doing the least that could be called work.

    .venv/bin/python benchmarks/import_directive.py            # median of 21 runs
    .venv/bin/python benchmarks/import_directive.py --runs 51
    .venv/bin/python benchmarks/import_directive.py --accuracy # item-tree accuracy instead

For each of the five shipped source texts, a generated ten-page Kế hoạch (as text, as a
Word .docx with automatic numbering, and printed to a PDF with a text layer) and a three-page
scan of a plan, the table gives the median time of ``import_directive`` (decode or read the
PDF by position or OCR it, paragraphs, header, item tree, themes) and of the baseline:
``str.splitlines`` plus one regex pass that finds a printed number at the start of each line
(.docx: python-docx reading its paragraph texts; .pdf: pypdfium2 reading each page's text;
scan: the tesseract command alone on page images already rendered). The targets: well under
100 ms for a ten-page text, well under 1 s for the ten-page PDF, the scan within 2× Tesseract.

``--accuracy`` imports every directive of the paper corpus (tests/directive_corpus.py) printed
and scanned, and compares its item tree with the one its text gives: items at the right place
(code and words; for scans the code, and the words at least 90 % alike), header fields right,
numbers repaired, and items the importer flagged as unsure.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models import paths  # noqa: E402
from models.directive_import import import_directive  # noqa: E402
from models.directive_import.themes import default_tagger  # noqa: E402

_BASELINE = re.compile(r"^\s*(?:[IVX]+\.|\d+[.)]|[a-zđ]\)|\(\d+\)|[-+•])\s")
_SENTENCES = [
    "Các cơ quan, đơn vị tiếp tục thực hiện nghiêm các biện pháp phòng, chống dịch Covid-19 "
    "theo chỉ đạo của Trung ương, của tỉnh, nhất là yêu cầu 5K và khai báo y tế.",
    "Người đứng đầu chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để xảy ra lây nhiễm trong "
    "cơ quan, đơn vị do thiếu kiểm tra, giám sát.",
    "Kiểm soát chặt chẽ người và phương tiện ra vào đơn vị, bố trí điểm đo thân nhiệt, quét "
    "mã QR, hướng dẫn khai báo y tế điện tử.",
    "Xây dựng, diễn tập phương án phòng, chống dịch theo phương châm “4 tại chỗ”, sẵn sàng "
    "ứng phó với mọi tình huống của dịch bệnh.",
]


def ten_pages() -> str:
    """About ten A4 pages (≈ 5,000 words): five sections, items, a) b) and + bullets."""
    lines = [
        "UBND TỈNH QUẢNG NINH",
        "SỞ Y TẾ",
        "Số: 999/KH-SYT",
        "",
        "Quảng Ninh, ngày 05 tháng 10 năm 2021",
        "",
        "KẾ HOẠCH",
        "Kiểm tra công tác phòng, chống dịch Covid-19 năm 2021",
        "",
        "Căn cứ các văn bản chỉ đạo của tỉnh, Sở Y tế ban hành Kế hoạch như sau:",
        "",
    ]
    n = 0
    for section in ("I", "II", "III", "IV", "V"):
        lines += [f"{section}. NỘI DUNG PHẦN {section}", ""]
        for item in range(1, 5):
            n += 1
            lines += [
                f"{item}. {_SENTENCES[n % 4]} {_SENTENCES[(n + 1) % 4]}",
                _SENTENCES[(n + 2) % 4],
                "",
            ]
            for letter in "ab":
                lines.append(f"{letter}) {_SENTENCES[(n + 3) % 4]} {_SENTENCES[n % 4]}")
                lines.append(f"+ {_SENTENCES[(n + 1) % 4]}")
            lines.append("")
    lines += ["Nơi nhận:", "- Lưu: VT.", "", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Nguyễn Văn Bình"]
    return "\n".join(lines) + "\n"


def ten_pages_docx(text: str) -> bytes:
    """The same plan typed in Word with its list styles: numbers not in the text."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        match = re.match(r"^(?:(\d+)\.|([ab])\)|(\+)) (.*)$", line)
        if not match:
            if line:
                document.add_paragraph(line)
        elif match.group(1):
            document.add_paragraph(match.group(4), style="List Number")
        elif match.group(2):
            document.add_paragraph(match.group(4), style="List Number 2")
        else:
            document.add_paragraph(match.group(4), style="List Bullet 3")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def baseline_text(raw: bytes) -> int:
    return sum(1 for line in raw.decode("utf-8").splitlines() if _BASELINE.match(line))


def baseline_docx(raw: bytes) -> int:
    import docx

    return sum(1 for p in docx.Document(io.BytesIO(raw)).paragraphs if p.text)


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm up: imports, compiled patterns, the themes file
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def baseline_pdf(raw: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(raw)
    try:
        return sum(len(page.get_textpage().get_text_range()) for page in document)
    finally:
        document.close()


def scanned_plan() -> bytes:
    """A plan of three pages, printed, then scanned (turned, speckled, blurred)."""
    from tests.directive_corpus import long_plan
    from tests.directive_papers import render, scan

    return scan(render(long_plan(2, 2).paper), seed=7)


def tesseract_alone(raw: bytes) -> Callable[[bytes], int]:
    """The tesseract command on each page of the scan, rendered beforehand (not timed)."""
    import tempfile

    from models.directive_import.ocr import LANGUAGE, find_tesseract
    from models.directive_import.pdf import OCR_DPI, open_pdf, render_page

    program = find_tesseract().program
    folder = Path(tempfile.mkdtemp(prefix="kiemtra-bench-"))
    images = []
    with open_pdf(raw, "scan.pdf") as document:
        for number in range(len(document)):
            image, _dpi = render_page(document, number, OCR_DPI)
            path = folder / f"page-{number}.pgm"
            image.save(path)
            images.append(path)

    def run(_raw: bytes) -> int:
        import subprocess

        total = 0
        for path in images:
            done = subprocess.run(
                [program, str(path), "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
                capture_output=True,
                check=True,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
            total += len(done.stdout)
        return total

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--ocr-runs", type=int, default=3)
    parser.add_argument("--accuracy", action="store_true")
    args = parser.parse_args()
    if args.accuracy:
        from benchmarks.directive_accuracy import print_accuracy

        print_accuracy()
        return
    default_tagger()
    cases: list[tuple[str, bytes, str, Callable[[bytes], int]]] = [
        (path.name, path.read_bytes(), "x.txt", baseline_text)
        for path in sorted((paths.checklists_dir() / "sources").glob("*.txt"))
    ]
    generated = ten_pages()
    cases.append(
        ("generated ten-page plan (.txt)", generated.encode("utf-8"), "x.txt", baseline_text)
    )
    cases.append(
        ("generated ten-page plan (.docx)", ten_pages_docx(generated), "x.docx", baseline_docx)
    )
    import pypdfium2

    from tests.directive_corpus import long_plan
    from tests.directive_papers import render

    printed = render(long_plan().paper)
    pages = len(pypdfium2.PdfDocument(printed))
    cases.append((f"ten-page plan printed ({pages} p. PDF)", printed, "x.pdf", baseline_pdf))
    scan = scanned_plan()
    cases.append(("three-page plan scanned (PDF, OCR)", scan, "x.pdf", tesseract_alone(scan)))
    rows = []
    for label, raw, name, baseline in cases:
        runs = args.ocr_runs if "OCR" in label else args.runs
        items = import_directive(raw, name=name).item_count()
        ours = median_ms(lambda raw=raw, name=name: import_directive(raw, name=name), runs)
        bare = median_ms(lambda raw=raw, baseline=baseline: baseline(raw), runs)
        rows.append(
            [
                label,
                f"{len(raw) / 1024:.1f}",
                str(items),
                f"{ours:.2f}",
                f"{bare:.2f}",
                f"{ours / bare:.1f}×" if bare else "—",
            ]
        )
    headers = ["document", "KB", "items", "import ms", "bare ms", "ratio"]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    print(
        f"import_directive, median of {args.runs} runs ({args.ocr_runs} for OCR) "
        f"(bare: splitlines + one regex pass; .docx: python-docx paragraph texts; "
        f".pdf: pypdfium2 page texts; OCR: tesseract alone on the rendered pages)"
    )
    for row in [headers, ["-" * w for w in widths], *rows]:
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )


if __name__ == "__main__":
    main()
