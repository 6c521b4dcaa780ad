"""Importing a directive, against the bare library doing the least that could be called work.

    .venv/bin/python benchmarks/import_directive.py            # median of 21 runs
    .venv/bin/python benchmarks/import_directive.py --runs 51

For each of the five shipped source texts, a generated ten-page Kế hoạch (as text and as a
Word .docx with automatic numbering) the table gives the median time of
``import_directive`` (decode, paragraphs, header, item tree, themes) and of the baseline:
``str.splitlines`` plus one regex pass that finds a printed number at the start of each line
(for the .docx: python-docx opening the file and reading its paragraph texts). The target
is well under 100 ms for a ten-page directive.
"""

from __future__ import annotations

import argparse
import io
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
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
    rows = []
    for label, raw, name, baseline in cases:
        items = import_directive(raw, name=name).item_count()
        ours = median_ms(lambda raw=raw, name=name: import_directive(raw, name=name), args.runs)
        bare = median_ms(lambda raw=raw, baseline=baseline: baseline(raw), args.runs)
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
        f"import_directive, median of {args.runs} runs "
        f"(bare: splitlines + one regex pass; .docx: python-docx paragraph texts)"
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
