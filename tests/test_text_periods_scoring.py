"""Diacritic-insensitive matching, periods, and the scoring rule."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.catalog import get_version
from models.errors import InvalidInput
from models.periods import parse_period
from models.scoring import band, score_assessment
from models.services.answers import record_answer
from models.services.assessments import start_assessment
from models.services.units import create_unit
from models.text import clean_source, fold, matches, nfc


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("khai bao", "Khai báo y tế"),
        ("DUONG", "đường"),
        ("3 tai cho", "“3 tại chỗ”"),
        ("kiem soat nguoi va", "Kiểm soát  người\u00a0và phương tiện"),
        ("Khẩu trang", "khau trang"),
    ],
)
def test_matching_ignores_diacritics_case_and_spacing(query, text):
    assert matches(query, text)


def test_decomposed_input_is_the_same_text():
    decomposed = unicodedata.normalize("NFD", "Chưa đạt")
    assert decomposed != "Chưa đạt" and nfc(decomposed) == "Chưa đạt"
    assert fold(decomposed) == fold("Chưa đạt") == "chua dat"


@given(st.text())
def test_fold_is_idempotent_and_mark_free(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(ch) for ch in folded)


def test_clean_source_removes_emphasis_and_collapses_space():
    assert (
        clean_source("**(1)**  Tất\u00a0cả\n\n\n  giáo viên *xanh* ")
        == "(1) Tất cả\ngiáo viên xanh"
    )


@pytest.mark.parametrize(
    ("text", "key", "label"),
    [
        ("Tuần 38/2021", "2021-W38", "Tuần 38/2021"),
        ("tuan 5/2022", "2022-W05", "Tuần 5/2022"),
        ("2021-W38", "2021-W38", "Tuần 38/2021"),
        ("28/9/2021", "2021-09-28", "28/09/2021"),
        ("2021-09-28", "2021-09-28", "28/09/2021"),
    ],
)
def test_periods(text, key, label):
    period = parse_period(text)
    assert (period.key, period.label) == (key, label)


@pytest.mark.parametrize("text", ["", "tuần 54/2021", "31/02/2021", "hôm qua", "2021-W"])
def test_bad_periods_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_period(text)


def test_score_follows_the_rule(any_database, editor):
    """A district is asked 8 of the letter's 12 items (not the heading 3, nor 3.1, 3.6 and 6,
    given to the province and named bodies); the figures count those 8 only."""
    with any_database.session() as session:
        unit = create_unit(session, editor, "UBND huyện Tiên Yên", "huyen")
        version = get_version(session, "761-cv-tu-2021")
        assessment = start_assessment(session, editor, unit, version.id, "2021-W35")
        items = {i.code: i for i in version.items}
        answers = {
            "1": "dat",
            "2": "mot-phan",
            "3.2": "chua-dat",
            "3.3": "khong-ap-dung",
            "3.4": "dat",
            "4": "dat",
        }
        for code, status in answers.items():
            record_answer(session, editor, assessment, items[code].id, status)
        score = score_assessment(session, assessment)
        weights = {code: items[code].weight for code in answers}
        earned = weights["1"] + weights["2"] / 2 + weights["3.4"] + weights["4"]
        applicable = sum(w for code, w in weights.items() if code != "3.3")
        assert score.compliance == round(100 * earned / applicable + 1e-9, 1)
        assert score.answered == 6 and score.total == 8
        assert score.coverage == 75.0
        assert score.failed_critical == (["3.2"] if items["3.2"].critical else [])


def test_bands():
    assert band(None) is None
    assert band(95)[0] == "tot" and band(70)[0] == "kha" and band(69.9)[0] == "kem"


def test_score_by_directive_pools_the_assessments(any_database, editor):
    from models.scoring import score_by_directive

    with any_database.session() as session:
        version = get_version(session, "451-cv-lmhtx-2021")
        items = {i.code: i.id for i in version.items}
        for name, answers in [
            ("HTX A", {"1": "dat", "2": "chua-dat"}),
            ("HTX B", {"1": "dat", "2": "dat", "3": "mot-phan"}),
        ]:
            unit = create_unit(session, editor, name, "htx")
            assessment = start_assessment(session, editor, unit, version.id, "2021-W38")
            for code, status in answers.items():
                record_answer(session, editor, assessment, items[code], status)
        other = start_assessment(session, editor, unit, version.id, "2021-W39")
        record_answer(session, editor, other, items["1"], "chua-dat")
        scores = {s.checklist: s for s in score_by_directive(session, "2021-W38")}
        score = scores["451-cv-lmhtx-2021"]
        weights = {i.code: i.weight for i in version.items}
        earned = 2 * weights["1"] + weights["2"] + weights["3"] / 2
        applicable = 2 * weights["1"] + 2 * weights["2"] + weights["3"]
        assert score.assessments == 2
        assert score.tally.compliance == round(100 * earned / applicable, 1)
        assert score.tally.coverage == round(100 * 5 / 6, 1)
        assert score.flagged == (
            1 if next(i for i in version.items if i.code == "2").critical else 0
        )
        assert {s.checklist for s in score_by_directive(session)} == {"451-cv-lmhtx-2021"}


def test_fold_strips_every_vietnamese_mark_like_a_full_decomposition():
    """The fast fold (a translation table of mark blocks) equals the obvious one on every
    Vietnamese letter, lower and upper case, and on text mixing them."""
    import unicodedata

    from models.text import fold

    def obvious(text: str) -> str:
        text = text.replace("đ", "d").replace("Đ", "d")
        bare = "".join(
            ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
        )
        return " ".join(bare.casefold().split())

    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    for text in (letters, letters.upper(), "HTX Nông nghiệp Đồng Tâm", "Khai báo Y TẾ  điện tử"):
        assert fold(text) == obvious(text)
