"""Reports an office can send (issue 13), read back as the office reads them: long notes
flow across pages, a batch finishes every unit it can and names the ones it could not, and
the per-unit report follows Nghị định 30/2020/NĐ-CP.
"""

from __future__ import annotations

import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from models.audit import Editor
from models.catalog import get_version
from models.services import assessments as svc
from models.services.units import create_unit
from reports.batch import batch_export, safe_name
from reports.pdf_assessment import write_assessment_pdf

ROUND = "Tuần 38/2021"
NOTE = "Thiếu khẩu trang y tế và nước sát khuẩn tại cổng bảo vệ số {n}. "


def pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def words(path: Path) -> str:
    return " ".join(pdftotext(path).split())


def column_words(path: Path, left_pt: int, width_pt: int) -> list[str]:
    """The words printed in one vertical strip of every page, top to bottom."""
    return pdftotext(path, "-x", str(left_pt), "-y", "0", "-W", str(width_pt), "-H", "842").split()


def in_order(wanted: list[str], found: list[str]) -> bool:
    """Every wanted word appears, in order, among the found ones (headers may come between)."""
    rest = iter(found)
    return all(word in rest for word in wanted)


def long_note(length: int) -> str:
    text, n = "", 1
    while len(text) < length:
        text, n = text + NOTE.format(n=n), n + 1
    return text[:length].rstrip()


def unit_with_note(
    session, editor: Editor, name: str, note: str, status: str = "chua-dat"
) -> uuid.UUID:
    unit = create_unit(session, editor, name, "htx", address="Xã Quảng Long, Quảng Ninh")
    version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
    aid = svc.start_assessment(session, editor, unit, version.id, ROUND, assessor="Lê Thu Hà")
    first = version.items[0]
    svc.record_answer(session, editor, aid, first.id, status)
    if note:
        svc.set_note(session, editor, aid, first.id, note)
    return aid


@pytest.mark.parametrize("length", [1_450, 4_000, 10_000])
def test_a_long_note_flows_across_pages_whole(database, editor, tmp_path, length):
    note = long_note(length)
    with database.session() as session:
        aid = unit_with_note(session, editor, "HTX Nông nghiệp Đầm Hà", note)
        path = write_assessment_pdf(session, aid, tmp_path / "dai.pdf")
    notes = column_words(path, 415, 180)  # the "Ghi chú" column
    assert in_order(note.split(), notes)  # every word, in order, nothing cut
    assert not in_order([*note.split(), "Thiếu"], notes)  # and not said twice
    pages = pdftotext(path).split("\f")[:-1]
    if length >= 4_000:
        assert len(pages) >= 3
        assert all("Ghi chú" in page for page in pages if "cổng bảo vệ" in page)


def test_a_batch_finishes_every_unit_it_can_and_names_the_others(database, editor, tmp_path):
    with database.session() as session:
        for n in range(1, 6):
            note = long_note(10_000) if n == 2 else f"Ghi chú ngắn {n}"
            unit_with_note(session, editor, f"HTX Số {n}", note)
    slug = "tb-tu-hoi-nghi-23-8-2021"
    period = "2021-W38"
    blocked = tmp_path / f"{safe_name(f'HTX Số 4 - {period} - {slug}')}.pdf"
    blocked.mkdir()  # a folder where unit 4's file must go
    result = batch_export(
        database, period, "units", "pdf", tmp_path, threading.Event(), lambda *_: None
    )
    assert result.total == 5 and not result.cancelled
    written = sorted(Path(f).name for f in result.files)
    assert len(written) == 4 and all(Path(f).is_file() for f in result.files)
    assert any(name.startswith("HTX Số 2 ") for name in written)  # the 10,000-character note
    assert [f.unit for f in result.failures] == ["HTX Số 4"]
    failure = result.failures[0]
    assert "thư mục" in failure.vi and "folder" in failure.en
    assert failure.text().startswith("HTX Số 4: ")
    assert blocked.is_dir() and not list(blocked.iterdir())
