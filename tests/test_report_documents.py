"""Reports an office can send (issue 13), read back as the office reads them: long notes
flow across pages, a batch finishes every unit it can and names the ones it could not, and
the per-unit report follows Nghị định 30/2020/NĐ-CP.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from models.audit import Editor
from models.catalog import get_version
from models.errors import InvalidInput
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.notes_and_actions import set_corrective_action, set_note
from models.services.units import create_unit
from reports.batch import batch_export, safe_name
from reports.pdf_assessment import write_assessment_pdf
from tests.readers import pdftotext, words

ROUND = "Tuần 38/2021"
NOTE = "Thiếu khẩu trang y tế và nước sát khuẩn tại cổng bảo vệ số {n}. "


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
    record_answer(session, editor, aid, first.id, status)
    if note:
        set_note(session, editor, aid, first.id, note)
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


# -- Nghị định 30 details of the per-unit report ------------------------------------------


def layout(path: Path) -> str:
    return pdftotext(path, "-layout")


def word_boxes(path: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, xMin, yMin, xMax, yMax) of every word, as poppler places them."""
    import re

    html = pdftotext(path, "-bbox")
    found, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', line
        )
        if match:
            x0, y0, x1, y1 = map(float, match.groups()[:4])
            found.append((page, match.group(5), x0, y0, x1, y1))
    return found


def report(database, editor, tmp_path, *, items=15, submit=True, parent=None, name="x.pdf"):
    from models.services.units import create_unit as make

    with database.session() as session:
        parent_id = make(session, editor, *parent) if parent else None
        unit = make(
            session,
            editor,
            "Hợp tác xã Dịch vụ nông nghiệp tổng hợp Quảng Long",
            "htx",
            parent_id,
            address="Xã Quảng Long, Huyện Đầm Hà, Quảng Ninh",
        )
        version = get_version(session, "tb-tu-hoi-nghi-23-8-2021")
        aid = svc.start_assessment(session, editor, unit, version.id, ROUND, assessor="Lê Thu Hà")
        n = 0
        for item in version.items:
            status = ("dat", "chua-dat", "mot-phan", "dat")[n % 4]
            if n == items:
                break
            try:
                record_answer(session, editor, aid, item.id, status)
            except InvalidInput:  # a heading, or an item not asked of a cooperative
                continue
            n += 1
            if status == "chua-dat":
                set_corrective_action(
                    session,
                    editor,
                    aid,
                    item.id,
                    "Bổ sung nhân lực trực cổng",
                    "Nguyễn Văn Phường",
                    dt.date(2021, 10, 12),
                )
        if submit:
            svc.submit_assessment(session, editor, aid)
        path = write_assessment_pdf(session, aid, tmp_path / name, today=dt.date(2030, 1, 2))
    return aid, path


def test_number_has_room_pages_are_numbered_at_the_top_from_page_two(database, editor, tmp_path):
    _, path = report(database, editor, tmp_path)
    text = layout(path)
    assert re.search(r"Số:\s{8,}/BC", text), "no room to write the number"
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2 and "Trang" not in text
    boxes = word_boxes(path)
    for page in range(1, len(pages) + 1):
        top = [b for b in boxes if b[0] == page and b[3] < 20 * 72 / 25.4]  # top 20 mm
        if page == 1:
            assert top == []
        else:
            assert [b[1] for b in top] == [str(page)]
            (_, _, x0, y0, x1, y1) = top[0]
            assert abs((x0 + x1) / 2 - 595.3 / 2) < 2  # centred on the page
            assert 11 <= y1 - y0 <= 15  # 13 pt type (10 pt would be 9)


def test_the_date_is_the_day_of_submission_and_the_parent_an_agency(database, editor, tmp_path):
    import datetime as dt

    _, path = report(database, editor, tmp_path, parent=("Huyện Đầm Hà", "huyen"))
    text = words(path)
    assert "HUYỆN ĐẦM HÀ" not in text  # a district is a place, not the body above a unit
    assert f"ngày {dt.date.today().day:02d}" in text and "năm 2030" not in text
    _, path = report(
        database,
        editor,
        tmp_path,
        parent=("Liên minh Hợp tác xã tỉnh Quảng Ninh", "co-quan"),
        name="y.pdf",
        submit=False,
    )
    text = words(path)
    assert "LIÊN MINH HỢP TÁC XÃ TỈNH" in layout(path)
    assert "ngày 02 tháng 01 năm 2030" in text  # a draft bears the day it is printed


def test_the_rule_under_the_issuing_body_is_a_third_to_a_half_of_its_line(
    database, editor, tmp_path
):
    from PIL import Image

    _, path = report(database, editor, tmp_path)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p")],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    scale = 150 / 72
    body = [b for b in word_boxes(path) if b[0] == 1 and b[2] < 250 and b[3] < 130]
    line_width = max(
        max(b[4] for b in body if abs(b[3] - y) < 2) - min(b[2] for b in body if abs(b[3] - y) < 2)
        for y in {b[3] for b in body}
    )
    below = max(b[5] for b in body)
    rule = 0
    for y in range(int(below * scale), int((below + 20) * scale)):
        dark = [x for x in range(0, int(250 * scale)) if page.getpixel((x, y)) < 128]
        if dark and not any(b[3] * scale <= y <= b[5] * scale for b in body):
            rule = max(rule, (max(dark) - min(dark)) / scale)
    assert line_width / 3 <= rule <= line_width / 2, (rule, line_width)


def test_recipients_and_the_signature_keep_the_last_rows(database, editor, tmp_path):
    for count in (3, 15):
        _, path = report(database, editor, tmp_path, items=count, name=f"s{count}.pdf")
        pages = pdftotext(path).split("\f")[:-1]
        last = next(p for p in pages if "THỦ TRƯỞNG ĐƠN VỊ" in p)
        assert "Nơi nhận:" in last and "Lưu: VT." in last
        assert "Bổ sung nhân lực trực cổng" in last or "TỔNG HỢP" in last  # not alone


def test_a_draft_says_so_on_every_page_and_a_submitted_copy_can_be_checked(
    database, editor, tmp_path
):
    import zxingcpp
    from PIL import Image

    from qt_app.cli import main

    _, draft = report(database, editor, tmp_path, submit=False, name="draft.pdf")
    assert all("DỰ THẢO" in page for page in pdftotext(draft).split("\f")[:-1])
    assert "XÁC THỰC" not in words(draft)
    aid, final = report(database, editor, tmp_path, name="final.pdf")
    text = words(final)
    assert "DỰ THẢO" not in text and "Ngày nộp:" in text
    with database.session() as session:
        digest = session.get(svc.Assessment, aid).content_hash
    assert digest in text.replace(" ", "")
    out = tmp_path / "q"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(final), str(out)], check=True)
    found = [
        r.text
        for picture in sorted(tmp_path.glob("q*.png"))
        for r in zxingcpp.read_barcodes(Image.open(picture))
    ]
    assert found == [f"KTBC:{aid.hex.upper()}:{digest.upper()}"]
    db = str(database.path)
    assert main(["--db", db, "assessments", "verify", found[0]]) == 0
    typed = found[0].lower()[:40] + " " + found[0].lower()[40:]  # as a person types it
    assert main(["--db", db, "assessments", "verify", typed]) == 0
    wrong = found[0][:-1] + ("0" if found[0][-1] != "0" else "1")
    assert main(["--db", db, "assessments", "verify", wrong]) == 1
    assert main(["--db", db, "assessments", "verify", "KTBC:1234"]) == 1


def test_wording_is_unambiguous(database, editor, tmp_path):
    _, path = report(database, editor, tmp_path, items=4)
    text = words(path)
    assert re.search(r"Số mục trọng yếu chưa đạt: \d+ \(mục [\d., ]+\)\.", text) or (
        "trọng yếu" not in text
    )
    assert re.search(r"Tỷ lệ tuân thủ: \d+,\d%", text)


# -- the summary as a "Báo cáo" -------------------------------------------------------------


def test_the_summary_is_a_report_from_the_office_in_the_settings(database, tmp_path):
    from models.config import (
        ISSUING_BODY,
        ISSUING_PARENT,
        ISSUING_PLACE,
        SIGNER_NAME,
        SIGNER_TITLE,
        Config,
    )
    from models.demo import generate_demo
    from qt_app.cli import main

    Config().set_many(
        {
            ISSUING_PARENT: "UBND tỉnh Quảng Ninh",
            ISSUING_BODY: "Liên minh Hợp tác xã tỉnh Quảng Ninh",
            ISSUING_PLACE: "Quảng Ninh",
            SIGNER_TITLE: "Chủ tịch",
            SIGNER_NAME: "Nguyễn Văn Hùng",
        }
    )
    generate_demo(database, units=12, seed=7)
    path = tmp_path / "bao-cao.pdf"
    db = str(database.path)
    assert main(["--db", db, "export", "summary", "--round", "2021-W39", "-o", str(path)]) == 0
    text = layout(path)
    pages = text.split("\f")[:-1]
    first = pages[0]
    for expected in (
        "UBND TỈNH QUẢNG NINH",
        "LIÊN MINH HỢP TÁC XÃ TỈNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Quảng Ninh, ngày",
        "I. TÌNH HÌNH CHUNG",
        "Cách tính:",
        "II. KẾT QUẢ",
    ):
        assert expected in first, expected
    assert re.search(r"Số:\s{8,}/BC", first)
    assert "451-cv-lmhtx-2021" not in text and "451/CV-LMHTX" in text  # document numbers
    signed = next(p for p in pages if "CHỦ TỊCH" in p)
    assert "Nơi nhận:" in signed and "Nguyễn Văn Hùng" in signed and "Lưu: VT." in signed
    assert "UBND tỉnh Quảng Ninh (để báo cáo)" in " ".join(signed.split())
    annexes = [p for p in pages if "Kèm theo Báo cáo số" in p]
    assert pages.index(annexes[0]) > pages.index(signed)  # the tables follow the report
    headings = [" ".join(p.split()) for p in annexes]
    for number, title in (("I", "KẾT QUẢ TỪNG ĐƠN VỊ"), ("IV", "BIỆN PHÁP KHẮC PHỤC QUÁ HẠN")):
        assert any(f"Phụ lục {number} {title}" in h for h in headings), title
    assert "%" in text and not re.search(r"\d\.\d%", text)  # decimal comma only


# -- words kept whole in narrow columns -------------------------------------------------------


def test_dates_and_names_are_never_cut_mid_word(database, editor, tmp_path):
    from models.queries.summary import select_round
    from reports.pdf_summary import write_summary_pdf

    with database.session() as session:
        for name, kind in (("Phường Hồng Hải", "xa"), ("Thành phố Cẩm Phả", "huyen")):
            unit = create_unit(session, editor, name, kind)
            version = get_version(session, "451-cv-lmhtx-2021")
            aid = svc.start_assessment(session, editor, unit, version.id, ROUND, assessor="Lê Hà")
            for item in version.items:
                try:
                    record_answer(session, editor, aid, item.id, "chua-dat")
                    set_corrective_action(
                        session,
                        editor,
                        aid,
                        item.id,
                        "Bổ sung",
                        "Nguyễn Văn Phường",
                        dt.date(2021, 10, 12),
                    )
                except InvalidInput:  # not asked of this kind of unit
                    continue
            svc.submit_assessment(session, editor, aid)
        path = write_summary_pdf(
            session, select_round(session, ROUND), tmp_path / "s.pdf", as_of=dt.date(2021, 12, 1)
        )
        unit_pdf = write_assessment_pdf(session, aid, tmp_path / "u.pdf")
    found = pdftotext(path).split()
    assert "Xã/Phường" in found and "Huyện/Thành" in found  # the kind column, whole
    assert "12/10/2021" in found  # the due date of an overdue action, whole
    assert not [w for w in found if w in ("Phườn", "Thàn") or re.fullmatch(r"\d\d/\d\d/\d{0,3}", w)]
    assert "12/10/2021" in pdftotext(unit_pdf).split() and "Phường" in pdftotext(unit_pdf).split()


# -- the printed form's corrective actions ----------------------------------------------------


def test_the_printed_form_has_room_for_actions_and_the_signing_date(database, tmp_path):
    from sqlalchemy import select

    from models.entities import Checklist
    from reports.pdf_form import ACTIONS_ELSEWHERE, write_form_pdf
    from reports.rows import form_spec
    from reports.scan_layout import form_layout, layout_items

    with database.session() as session:
        slugs = list(session.scalars(select(Checklist.slug)))
        specs = [form_spec(session, slug) for slug in slugs]
    assert len(specs) >= 3
    tables = 0
    for spec in specs:
        path = write_form_pdf(spec, tmp_path / f"{spec.checklist}.pdf")
        layout = form_layout(layout_items(spec.items))
        pages = pdftotext(path, "-layout").split("\f")[:-1]
        assert len(pages) == layout.pages  # no page added: every page's QR still counts right
        last = " ".join(pages[-1].split())
        assert "ngày …… tháng …… năm" in last and "THỦ TRƯỞNG ĐƠN VỊ" in last
        if "BIỆN PHÁP KHẮC PHỤC" in last:
            tables += 1
            for column in ("Biện pháp khắc phục (việc cần làm)", "Người thực hiện", "Hạn"):
                assert column in last
            assert last.index("BIỆN PHÁP KHẮC PHỤC") < last.index("NGƯỜI ĐÁNH GIÁ")
        else:
            assert " ".join(ACTIONS_ELSEWHERE.split()) in last
    assert tables  # the shipped forms mostly have room on their last page
