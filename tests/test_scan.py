"""Paper forms back in: the printed form's QR read from a 150 dpi rendering, scanned pages
read into answers through `kiemtra import scan` (the same checks and apply path as an Excel
form, audited "từ phiếu quét", notes attached as pictures), and every page that is not
ours, not this database's or not readable refused with a message and nothing written.
"""

from __future__ import annotations

import json
import random
import subprocess
import uuid
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
import zxingcpp
from sqlalchemy import func, select

from models.entities import Answer, Assessment, AuditEntry, EvidenceFile
from models.services import assessments as svc
from models.services.answers import record_answer
from qt_app.cli import main
from reports.pdf_form import qr_modules, write_form_pdf
from reports.rows import form_spec
from reports.scan_code import PageCode
from reports.scan_images import ScanImage
from reports.scan_import import read_images
from reports.scan_layout import QR_LEFT, QR_SIZE, QR_TOP
from reports.scan_marks import UNCLEAR
from tests import scan_corpus as corpus

FIFTEEN = corpus.FORMS[15]


@pytest.fixture
def units(database, editor) -> dict[str, uuid.UUID]:
    return corpus.prepare(database, editor)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def answers(database, unit: uuid.UUID) -> dict[str, str | None]:
    from models.entities import ChecklistItem

    with database.session() as session:
        rows = session.execute(
            select(ChecklistItem.code, Answer.status)
            .join(Answer, Answer.item_id == ChecklistItem.id)
            .join(Assessment, Assessment.id == Answer.assessment_id)
            .where(Assessment.unit_id == unit)
        )
        return dict(rows.all())


def test_printed_qr_reads_from_a_150_dpi_rendering_with_its_quiet_zone(database, units, tmp_path):
    with database.session() as session:
        spec = form_spec(session, FIFTEEN, unit_id=units["main"], period=corpus.PERIOD)
    pdf = write_form_pdf(spec, tmp_path / "phieu.pdf")
    document = pdfium.PdfDocument(str(pdf))
    pages = len(document)
    assert pages == 3
    for index in range(pages):
        image = document[index].render(scale=150 / 72, grayscale=True).to_numpy()
        gray = image[:, :, 0] if image.ndim == 3 else image
        found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(found) == 1
        code = PageCode.parse(found[0].text)
        assert (code.page, code.pages, code.unit_id) == (index + 1, 3, str(units["main"]))
        # modules of at least 0.5 mm (3 pixels at 150 dpi) and 4 white modules around
        count, _ = qr_modules(found[0].text)
        module_mm = QR_SIZE / (count + 8)
        assert module_mm >= 0.5
        px_per_mm = 150 / 25.4
        top_left = found[0].position.top_left
        assert abs(top_left.y / px_per_mm - (QR_TOP + 4 * module_mm)) < 0.5
        quiet = gray[
            round(QR_TOP * px_per_mm) + 1 : round(top_left.y) - 1,
            round(QR_LEFT * px_per_mm) + 1 : round((QR_LEFT + QR_SIZE) * px_per_mm) - 1,
        ]
        assert quiet.size and quiet.min() > 200  # nothing printed in the quiet zone
    document.close()


def test_later_pages_say_which_unit_they_belong_to(database, units, tmp_path):
    with database.session() as session:
        filled = form_spec(session, FIFTEEN, unit_id=units["main"], period=corpus.PERIOD)
        blank = form_spec(session, FIFTEEN)
    for spec, expected in ((filled, "HTX Nông nghiệp Đồng Tâm"), (blank, "Đơn vị: ……")):
        pdf = write_form_pdf(spec, tmp_path / f"{spec.unit_id}.pdf")
        text = subprocess.run(
            ["pdftotext", "-f", "2", "-l", "3", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for page in text.split("\f")[:2]:
            assert expected.split(":")[0] in page
            assert "Kỳ báo cáo:" in page


def test_representative_corpus_reads_right_and_never_wrong_when_certain(database, units, tmp_path):
    total = right = wrong_certain = 0
    for case in corpus.quick_cases():
        pages = corpus.make_case(database, units, case, tmp_path)
        with database.session() as session:
            batch = read_images(session, [page.image for page in pages])
        assert not batch.refused
        truth = {page.truth.page: page.truth for page in pages if page.truth}
        (form,) = batch.forms
        assert sorted(form.pages) == sorted(truth)  # shuffled pages put back in order
        for number, page in form.pages.items():
            for row in page.rows:
                for box, expected in zip(row.boxes, truth[number].boxes[row.code], strict=True):
                    total += 1
                    right += box.state == expected
                    wrong_certain += box.state not in (expected, UNCLEAR)
    assert total == 96  # 15 + 3 + 3 + 3 items, four boxes each
    assert wrong_certain == 0
    assert right / total >= 0.995


def marked_scan(database, units, tmp_path, marks, *, unit="main", notes=(), **change) -> Path:
    """The 3-item form for ``unit``, marked ``{code: (box, kind)}``, scanned to a PDF."""
    pages, layout = corpus.printed_pages(
        database, 3, units[unit] if unit else None, tmp_path, **change
    )
    picture = pages[0].copy()
    for item in layout.on_page(1):
        if item.code in marks:
            box, kind = marks[item.code]
            corpus.tick(picture, item, box, kind)
        if item.code in notes:
            corpus.draw_note(picture, random.Random(1), item)
    return corpus.scanner_pdf([picture], tmp_path / f"scan-{uuid.uuid4().hex[:6]}.pdf")


def test_import_scan_writes_the_answers_once_audited_with_the_note_attached(
    database, units, db_path, tmp_path, capsys
):
    scan = marked_scan(
        database, units, tmp_path, {"1": (0, "x"), "2": (1, "check"), "3": (3, "filled")},
        notes=("2",),
    )  # fmt: skip
    code, out, _ = run(capsys, "--db", str(db_path), "import", "scan", str(scan), "--dry-run")
    assert code == 0 and "Đạt" in out and "sẽ ghi: 3 thay đổi" in out
    assert answers(database, units["main"]) == {}  # a dry run writes nothing
    code, out, _ = run(capsys, "--db", str(db_path), "import", "scan", str(scan), "--json")
    assert code == 0
    result = json.loads(out)["forms"][0]
    assert result["applied"] and len(result["changes"]) == 3
    assert answers(database, units["main"]) == {
        "1": "dat",
        "2": "chua-dat",
        "3": "khong-ap-dung",
    }
    with database.session() as session:
        reasons = session.scalars(select(AuditEntry.reason).where(AuditEntry.action == "answer"))
        assert set(reasons) == {"từ phiếu quét"}
        notes = session.scalars(select(EvidenceFile.file_name)).all()
        assert notes == ["ghi-chu-muc-2.png"]
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    code, out, _ = run(capsys, "--db", str(db_path), "import", "scan", str(scan))
    assert code == 0  # the same scan again changes nothing
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries


def test_unclear_rows_wait_for_a_decision(database, units, db_path, tmp_path, capsys):
    scan = marked_scan(database, units, tmp_path, {"1": (0, "x"), "2": (2, "pencil")})
    code, _, err = run(capsys, "--db", str(db_path), "import", "scan", str(scan))
    assert code == 1 and "--decide 2=" in err and "không có gì được ghi" in err
    assert answers(database, units["main"]) == {}
    code, _, _ = run(
        capsys, "--db", str(db_path), "import", "scan", str(scan), "--decide", "2=mot-phan"
    )
    assert code == 0
    assert answers(database, units["main"]) == {"1": "dat", "2": "mot-phan"}


def test_an_answer_changed_in_the_office_after_printing_is_a_conflict(
    database, units, editor, db_path, tmp_path, capsys
):
    with database.session() as session:
        version = corpus.get_version_id(session, 3)
        assessment = svc.start_assessment(
            session, editor, units["main"], version, corpus.PERIOD, assessor="Hà"
        )
        item = corpus.item_id(session, 3, "1")
        record_answer(session, editor, assessment, item, "dat")
    scan = marked_scan(database, units, tmp_path, {"1": (2, "x")})  # printed knowing "dat"
    with database.session() as session:
        record_answer(session, editor, assessment, item, "chua-dat")  # the office moved on
    code, out, _ = run(capsys, "--db", str(db_path), "import", "scan", str(scan))
    assert code == 0 and "xung đột 1" in out
    assert answers(database, units["main"])["1"] == "chua-dat"  # the office's is kept


@pytest.mark.parametrize(
    "how, message",
    [
        ("other-database", "đơn vị không có trong cơ sở dữ liệu này"),
        ("changed-checklist", "không khớp với danh mục"),
        ("no-qr", "không đọc được mã QR"),
        ("damaged", "PDF hỏng"),
    ],
)
def test_pages_that_are_not_this_databases_are_refused(
    database, units, db_path, tmp_path, capsys, how, message
):
    if how == "other-database":
        scan = marked_scan(database, units, tmp_path, {"1": (0, "x")}, unit_id=str(uuid.uuid4()))
    elif how == "changed-checklist":
        scan = marked_scan(database, units, tmp_path, {"1": (0, "x")}, content_hash="0" * 64)
    elif how == "no-qr":
        blank = np.full((2339, 1654), 255, np.uint8)
        cv2.putText(blank, "Phieu", (200, 400), cv2.FONT_HERSHEY_SIMPLEX, 4, 0, 8)
        scan = tmp_path / "trang.png"
        cv2.imwrite(str(scan), blank)
    else:
        scan = tmp_path / "hong.pdf"
        scan.write_bytes(b"%PDF-1.4\n1 0 obj <<>>\nthis is not a PDF")
    code, _, err = run(capsys, "--db", str(db_path), "import", "scan", str(scan))
    assert code == 1 and message in err
    assert "Traceback" not in err
    assert answers(database, units["main"]) == {}


def test_a_blank_form_needs_its_unit_and_period(database, units, db_path, tmp_path, capsys):
    scan = marked_scan(database, units, tmp_path, {"1": (1, "x")}, unit=None)
    code, _, err = run(capsys, "--db", str(db_path), "import", "scan", str(scan))
    assert code == 1 and "hãy chọn đơn vị" in err
    code, _, _ = run(
        capsys, "--db", str(db_path), "import", "scan", str(scan),
        "--unit", str(units["other"]), "--period", corpus.PERIOD,
    )  # fmt: skip
    assert code == 0
    assert answers(database, units["other"]) == {"1": "chua-dat"}


def test_a_picture_too_small_or_not_a_picture_is_refused(tmp_path):
    from models.errors import InvalidInput
    from reports.scan_images import load_file

    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    with pytest.raises(InvalidInput, match="PNG/JPEG/TIFF"):
        list(load_file(tmp_path / "a.png"))
    tiny = np.full((50, 50), 255, np.uint8)
    cv2.imwrite(str(tmp_path / "b.png"), tiny)
    with pytest.raises(InvalidInput, match="kích thước"):
        list(load_file(tmp_path / "b.png"))


def test_scan_image_names_its_page():
    assert ScanImage("a.pdf", 2, None).source == "a.pdf, trang 2"


def test_a_multi_page_tiff_and_a_zip_of_pictures_read_alike(database, units, tmp_path):
    import zipfile

    from reports.scan_import import read_scans

    pages, layout = corpus.printed_pages(database, 15, units["main"], tmp_path)
    for number, picture in enumerate(pages, 1):
        corpus.tick(picture, layout.on_page(number)[0], 1, "x")
    small = [cv2.resize(p, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) for p in pages]
    tiff = tmp_path / "quet.tif"
    assert cv2.imwritemulti(str(tiff), small[::-1])  # a scanner that fed the pages backwards
    bundle = tmp_path / "anh.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for number, picture in enumerate(small, 1):
            archive.writestr(f"IMG_{number}.png", cv2.imencode(".png", picture)[1].tobytes())
        archive.writestr("__MACOSX/._IMG_1.png", b"junk")
    for source in (tiff, bundle):
        batch = read_scans(database, [source])
        assert not batch.refused
        (form,) = batch.forms
        assert sorted(form.pages) == [1, 2, 3] and not form.missing_pages
        firsts = [form.pages[n].rows[0] for n in (1, 2, 3)]
        assert [row.answer for row in firsts] == ["chua-dat"] * 3
