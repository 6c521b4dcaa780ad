"""Who must do what: an assessment asks a unit only the requirements addressed to its kind
(or to it by name) and still in force; headings, information and the rest are outside every
figure, the same way in both forms of the scoring rule (issue 16)."""

from __future__ import annotations

import datetime as dt
import uuid

from models.catalog import get_version
from models.entities import Answer
from models.item_scope import why_not_asked
from models.queries.assessments import assessment_detail
from models.queries.items import item_rows
from models.services.answers import record_answer
from models.services.assessments import start_assessment
from models.services.units import create_unit
from tests.test_scoring_forms import both_forms

NOTICE = "tb-tu-hoi-nghi-23-8-2021"


def answer_everything(session, editor, unit, slug, period, status="dat"):
    """Answer what is asked through the service, and store the same answer for every item
    not asked, as data from before the rule carries it (demo data answers every item, and so
    do bundles from older laptops): the figures must leave those out all the same."""
    version = get_version(session, slug)
    assessment = start_assessment(session, editor, unit, version.id, period)
    for item in item_rows(session, assessment):
        if item.asked:
            record_answer(session, editor, assessment, item.item_id, status)
        else:
            session.add(
                Answer(
                    id=uuid.uuid4(),
                    assessment_id=assessment,
                    item_id=item.item_id,
                    status=status,
                    device_id=editor.device_id,
                )
            )
    session.commit()
    return assessment


def test_a_cooperative_is_asked_only_what_the_notice_asks_of_cooperatives(any_database, editor):
    with any_database.session() as session:
        coop = create_unit(session, editor, "HTX Nông nghiệp Đông Triều", "htx")
        notice = answer_everything(session, editor, coop, NOTICE, "2021-08-30", "chua-dat")
        letter = answer_everything(session, editor, coop, "761-cv-tu-2021", "2021-08-30")
        detail = assessment_detail(session, notice)
        asked = [i.code for i in detail.items if i.asked]
        assert asked == ["1", "5.1", "5.2", "5.3", "5.4"]
        reasons = {i.code: i.not_asked for i in detail.items}
        assert reasons["4"] == reasons["5"] == "heading"
        assert reasons["2"] == reasons["4.2"] == reasons["8"] == "not-addressed"
        assert (detail.score.total, detail.score.answered) == (5, 5)
        assert detail.score.failed_critical == ["5.2"]  # 2 and 3 are not the cooperative's
        letter_detail = assessment_detail(session, letter)
        assert [i.code for i in letter_detail.items if i.asked] == ["5"]
        assert letter_detail.score.compliance == 100.0
        by_sql, by_python = both_forms(session)
        assert by_sql == by_python
        assert by_python[notice][2:] == (5, 5, 1)


def test_a_named_body_is_asked_what_is_addressed_to_it(any_database, editor):
    with any_database.session() as session:
        body = create_unit(session, editor, "Ban Tuyên giáo Tỉnh ủy", "co-quan")
        other = create_unit(session, editor, "Sở Nội vụ", "co-quan")
        ids = [
            answer_everything(session, editor, unit, "761-cv-tu-2021", "2021-W35")
            for unit in (body, other)
        ]
        asked = [[i.code for i in assessment_detail(session, a).items if i.asked] for a in ids]
        assert asked == [["3.4", "3.5", "4", "6"], ["3.4", "3.5", "4"]]
        by_sql, by_python = both_forms(session)
        assert by_sql == by_python


def test_items_past_their_date_are_not_asked_in_any_kind_of_period(any_database, editor):
    """4.x end on 5/9/2021: a period starting on or before that day asks them, a later one
    does not; a day, a week, a month and a range, the same in SQL as in Python."""
    cases = {
        "2021-09-05": True,
        "2021-09-06": False,
        "2021-W35": True,  # Monday 30/8
        "2021-W36": False,  # Monday 6/9
        "2021-09": True,
        "2021-10": False,
        "20210901-20210930": True,
        "20210906-20210930": False,
    }
    with any_database.session() as session:
        school = create_unit(session, editor, "Trường THCS Hạ Long", "truong-hoc")
        ids = {
            period: answer_everything(session, editor, school, NOTICE, period) for period in cases
        }
        for period, asked in cases.items():
            detail = assessment_detail(session, ids[period])
            codes = [i.code for i in detail.items if i.asked]
            assert ("4.2" in codes) is asked, period
            assert "4" not in codes
            expired = {i.code for i in detail.items if i.not_asked == "expired"}
            assert expired == (set() if asked else {"4.1", "4.2", "4.3"}), period
        by_sql, by_python = both_forms(session)
        assert by_sql == by_python
        assert {by_python[ids[p]][3] for p in cases} == {4, 1}  # 1 and 4.1–4.3, or only 1


def test_the_rule_itself():
    until = dt.date(2021, 9, 5)
    assert why_not_asked(None, None, None, None, "htx", "A", "2021-W40") is None
    assert why_not_asked("information", None, None, None, "htx", "A", None) == "information"
    assert why_not_asked(None, until, None, None, "htx", "A", "2021-09-06") == "expired"
    assert why_not_asked(None, None, "huyen xa", None, "htx", "A", None) == "not-addressed"
    assert why_not_asked(None, None, "huyen", "Ban A\nBan B", "co-quan", "Ban B", None) is None
    assert why_not_asked(None, None, "huyen", "Ban A", "co-quan", "ban a", None) == "not-addressed"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_reports_and_forms_show_what_is_not_asked_and_where_the_source_is_cut(
    database, editor, tmp_path, capsys
):
    """The PDF and workbook of a cooperative's assessment grey out and mark what is not
    its to answer, and count only what was asked; the forms and `checklists show` mark the
    cut-off source; the number-less notice prints as such and `--json` has every field."""
    import json
    import subprocess

    from openpyxl import load_workbook

    from qt_app.cli.main import main
    from reports.pdf_assessment import write_assessment_pdf
    from reports.pdf_form import write_form_pdf
    from reports.rows import form_spec
    from reports.xlsx_assessment import write_assessment_xlsx
    from reports.xlsx_form import write_form_xlsx

    with database.session() as session:
        coop = create_unit(session, editor, "HTX Dịch vụ Hoành Bồ", "htx")
        notice = answer_everything(session, editor, coop, NOTICE, "2021-08-30", "chua-dat")
        pdf = write_assessment_pdf(session, notice, tmp_path / "a.pdf")
        xlsx = write_assessment_xlsx(session, notice, tmp_path / "a.xlsx")
        spec = form_spec(session, "451-cv-lmhtx-2021", unit_id=coop, period="2021-W40")
        form_pdf = write_form_pdf(spec, tmp_path / "f.pdf")
        form_xlsx = write_form_xlsx(spec, tmp_path / "f.xlsx")
        letter = form_spec(session, "761-cv-tu-2021", unit_id=coop, period="2021-W35")
        letter_xlsx = write_form_xlsx(letter, tmp_path / "l.xlsx")
    text = flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    assert text.count("Không thuộc trách nhiệm của đơn vị") == 8  # 2, 3, 4.1–4.3, 6, 7, 8
    assert "Đề mục, không chấm điểm" in text and "Số mục trọng yếu chưa đạt: 1 (mục 5.2)." in text
    assert "Số mục đã đánh giá: 5/5" in text
    dated = "Thông báo số (không rõ số) (Hội nghị ngày 23/8/2021; văn bản không ghi ngày ban hành)"
    assert dated in text  # the date the notice does not print: what is known of it
    sheet = load_workbook(xlsx).active
    assert any(dated in str(c) for r in sheet.iter_rows(values_only=True) for c in r)
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if r[0]}
    assert "[Không thuộc trách nhiệm của đơn vị]" in rows["8"][1] and not rows["8"][2]
    assert rows["5.2 (!)"][2] == "Chưa đạt"
    form_text = flat(
        subprocess.run(["pdftotext", str(form_pdf), "-"], capture_output=True, text=True).stdout
    )
    assert form_text.count("Văn bản gốc bị cắt ở đây") == 1
    sheet = load_workbook(form_xlsx).active
    assert any(
        "[Văn bản gốc bị cắt ở đây]" in str(c) for r in sheet.iter_rows(values_only=True) for c in r
    )
    sheet = load_workbook(letter_xlsx).active
    marked = [
        r[0] for r in sheet.iter_rows(values_only=True) if "trách nhiệm của đơn vị" in str(r[1])
    ]
    assert marked == ["1", "2", "3.1", "3.2 (!)", "3.3", "3.4", "3.5", "3.6", "4", "6"]
    capsys.readouterr()
    assert main(["--db", str(database.path), "checklists", "show", NOTICE]) == 0
    shown = capsys.readouterr().out
    assert "Thông báo (không rõ số) — " in shown and "Hội nghị ngày 23/8/2021" in shown
    assert "Giao cho: Hợp tác xã" not in shown and "Giao cho: Doanh nghiệp, Hợp tác xã" in shown
    assert "Hiệu lực đến: 05/09/2021" in shown and "2021-09-05" not in shown  # as the window
    assert main(["--db", str(database.path), "checklists", "show", NOTICE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["directive"]["date_note"].startswith("Hội nghị ngày 23/8/2021")
    item = data["items"][3]["children"][1]
    assert (item["code"], item["valid_until"], item["addressed_bodies"]) == (
        "4.2",
        "2021-09-05",
        ["Sở Giáo dục và Đào tạo"],
    )
    assert data["items"][3]["role"] == "heading" and item["critical_reason"]
