"""What is not asked of a unit cannot be answered (issue 16): the service refuses an answer,
a note, a corrective action or a file for a heading, an information item, an item past its
date or one addressed to others, saying why and writing nothing; the command line says so on
one line; an Excel form with a value there is refused in its dry run, row by row."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models.catalog import get_version
from models.entities import Answer, AuditEntry, CorrectiveAction, EvidenceFile
from models.errors import InvalidInput
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.evidence import attach_evidence
from models.services.notes_and_actions import set_corrective_action, set_note
from models.services.units import create_unit
from reports.form_import import FormRejected, apply_form, check_form
from reports.rows import form_spec
from reports.xlsx_form import FIRST_ITEM_ROW, FORM_SHEET, write_form_xlsx

NOTICE = "tb-tu-hoi-nghi-23-8-2021"


def item_ids(session, slug=NOTICE):
    return {item.code: item.id for item in get_version(session, slug).items}


def written(session):
    """Everything an answer path writes, counted."""
    return [
        session.scalar(select(func.count()).select_from(table))
        for table in (Answer, AuditEntry, CorrectiveAction, EvidenceFile)
    ]


def test_a_cooperative_cannot_answer_what_the_notice_does_not_ask_of_it(database, editor, tmp_path):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8\xff not much of a photo")
    with database.session() as session:
        coop = create_unit(session, editor, "HTX Nông nghiệp Đông Triều", "htx")
        version = get_version(session, NOTICE)
        assessment = svc.start_assessment(session, editor, coop, version.id, "2021-08-30")
        ids = item_ids(session)
        before = written(session)
        with pytest.raises(InvalidInput) as heading:
            record_answer(session, editor, assessment, ids["4"], "dat")
        assert heading.value.vi.startswith("Mục 4 là đề mục, chỉ giới thiệu các mục con")
        assert heading.value.en.startswith("Item 4 is a heading")
        assert heading.value.en.endswith("Nothing was written.")
        with pytest.raises(InvalidInput) as elsewhere:
            record_answer(session, editor, assessment, ids["8"], "chua-dat")
        assert "Mục 8 không thuộc trách nhiệm của đơn vị: văn bản giao cho" in elsewhere.value.vi
        assert "not this unit's responsibility" in elsewhere.value.en
        with pytest.raises(InvalidInput, match="Mục 2 không thuộc trách nhiệm"):
            set_note(session, editor, assessment, ids["2"], "Đã làm")
        with pytest.raises(InvalidInput, match="Mục 5 là đề mục"):
            set_corrective_action(session, editor, assessment, ids["5"], "Lập sổ")
        with pytest.raises(InvalidInput, match="Mục 4.2 không thuộc trách nhiệm"):
            attach_evidence(session, editor, assessment, ids["4.2"], photo)
        assert written(session) == before
        # what is asked of a cooperative is answered as before
        saved = record_answer(session, editor, assessment, ids["5.1"], "dat")
        assert saved.changed and saved.revision == 1
        set_note(session, editor, assessment, ids["5.1"], "Có sổ theo dõi")


def test_an_item_past_its_date_is_refused_in_a_later_period_only(database, editor):
    """4.2 (school opening) is in force until 5/9/2021: a school answers it in the week of
    30/8 and not in the week after."""
    with database.session() as session:
        school = create_unit(session, editor, "Trường THCS Hạ Long", "truong-hoc")
        version = get_version(session, NOTICE)
        ids = item_ids(session)
        early = svc.start_assessment(session, editor, school, version.id, "2021-W35")
        late = svc.start_assessment(session, editor, school, version.id, "2021-W36")
        record_answer(session, editor, early, ids["4.2"], "dat")
        with pytest.raises(InvalidInput) as expired:
            record_answer(session, editor, late, ids["4.2"], "dat")
    assert "Mục 4.2 chỉ có hiệu lực đến 05/09/2021; kỳ này không hỏi mục này." in expired.value.vi
    assert "in force only until 05/09/2021" in expired.value.en


def test_a_stray_answer_stored_before_the_rule_can_still_be_cleared(database, editor):
    """Demo data and older bundles hold answers to items not asked; clearing them (the
    answer, the note, the action) stays possible, setting them does not."""
    from tests.test_item_scope import answer_everything

    with database.session() as session:
        coop = create_unit(session, editor, "HTX Dịch vụ Hoành Bồ", "htx")
        assessment = answer_everything(session, editor, coop, NOTICE, "2021-08-30")
        ids = item_ids(session)
        saved = record_answer(session, editor, assessment, ids["8"], None)
        assert saved.changed
        set_note(session, editor, assessment, ids["8"], "")
        set_corrective_action(session, editor, assessment, ids["8"], "")
        status = session.scalar(
            select(Answer.status).where(
                Answer.assessment_id == assessment, Answer.item_id == ids["8"]
            )
        )
        assert status is None
        with pytest.raises(InvalidInput):
            record_answer(session, editor, assessment, ids["8"], "dat")


def test_the_command_line_says_why_on_one_line(database, editor):
    with database.session() as session:
        coop = create_unit(session, editor, "HTX Quang Hanh", "htx")
        version = get_version(session, NOTICE)
        assessment = svc.start_assessment(session, editor, coop, version.id, "2021-08-30")
    database.close()
    done = subprocess.run(
        [sys.executable, "-m", "qt_app", "--db", str(database.path)]
        + ["assessments", "answer", str(assessment), "8", "dat"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Mục 8 không thuộc trách nhiệm của đơn vị" in lines[0]


def test_an_excel_form_with_a_value_for_an_item_not_asked_is_refused_row_by_row(
    database, editor, tmp_path
):
    """The dry run names the rows of the heading and of the item addressed to others; the
    import then writes nothing; without them the same form goes in."""
    with database.session() as session:
        coop = create_unit(session, editor, "HTX Cẩm Phả", "htx")
        spec = form_spec(session, NOTICE, unit_id=coop, period="2021-08-30")
        codes = [item.code for item in spec.items]
        before = written(session)
    blank = write_form_xlsx(spec, tmp_path / "phieu.xlsx")
    workbook = load_workbook(blank)
    sheet = workbook[FORM_SHEET]
    row = {code: FIRST_ITEM_ROW + n for n, code in enumerate(codes)}
    sheet.cell(row["5.1"], 3).value = "Đạt"
    sheet.cell(row["4"], 3).value = "Đạt"
    sheet.cell(row["8"], 4).value = "Ngành y tế đã làm"
    filled = tmp_path / "da-dien.xlsx"
    workbook.save(filled)
    report = check_form(database, filled)
    texts = [problem.text() for problem in report.problems]
    assert texts == [
        f"trang tính “{FORM_SHEET}”, dòng {row['4']}: Mục 4 là đề mục, chỉ giới thiệu các mục "
        "con; mục này không có câu trả lời.",
        f"trang tính “{FORM_SHEET}”, dòng {row['8']}: Mục 8 không thuộc trách nhiệm của đơn "
        "vị: văn bản giao cho Tỉnh, Huyện/Thành phố.",
    ]
    assert [problem.text("en")[:40] for problem in report.problems][0].startswith("sheet")
    with pytest.raises(FormRejected):
        apply_form(database, filled, editor)
    with database.session() as session:
        assert written(session) == before
    sheet.cell(row["4"], 3).value = None
    sheet.cell(row["8"], 4).value = None
    workbook.save(filled)
    applied = apply_form(database, filled, editor)
    assert applied.applied and [c.code for c in applied.changes] == ["5.1"]
