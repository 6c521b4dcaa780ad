"""Who must do what: an assessment asks a unit only the requirements addressed to its kind
(or to it by name) and still in force; headings, information and the rest are outside every
figure, the same way in both forms of the scoring rule (issue 16)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from models.catalog import get_version
from models.entities import ChecklistItem
from models.item_scope import why_not_asked
from models.queries.assessments import assessment_detail
from models.services.assessments import record_answer, start_assessment
from models.services.units import create_unit
from tests.test_scoring_forms import both_forms

NOTICE = "tb-tu-hoi-nghi-23-8-2021"


def answer_everything(session, editor, unit, slug, period, status="dat"):
    version = get_version(session, slug)
    assessment = start_assessment(session, editor, unit, version.id, period)
    for item_id in session.scalars(
        select(ChecklistItem.id).where(ChecklistItem.version_id == version.id)
    ):
        record_answer(session, editor, assessment, item_id, status)
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
