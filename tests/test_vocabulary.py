"""One word for each stored value, in both languages, and no second table of them."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from models import entities, vocabulary
from models.vocabulary import (
    ANSWER_STATUSES,
    ASSESSMENT_KINDS,
    ASSESSMENT_STATUSES,
    ROUND_STATUSES,
    UNIT_KINDS,
    UNIT_PROGRESS,
    label_of,
    percent_text,
)

ROOT = Path(__file__).resolve().parent.parent


def test_every_stored_value_has_a_label_in_both_languages():
    assert set(ANSWER_STATUSES) == set(entities.ANSWER_STATUSES)
    assert set(ASSESSMENT_STATUSES) == set(entities.ASSESSMENT_STATUSES)
    assert set(ASSESSMENT_KINDS) == set(entities.ASSESSMENT_KINDS)
    assert set(ROUND_STATUSES) == set(entities.ROUND_STATUSES)
    for name in dir(vocabulary):
        table = getattr(vocabulary, name)
        if not (name.isupper() and isinstance(table, dict)):
            continue
        for key, pair in table.items():
            assert len(pair) == 2 and all(pair), (name, key)
            for text in pair:
                assert unicodedata.normalize("NFC", text) == text, (name, key)


def test_a_unit_in_progress_is_called_as_its_assessment_is():
    assert UNIT_PROGRESS["draft"] == ASSESSMENT_STATUSES["draft"] == ("Đang làm", "In progress")
    assert label_of(ASSESSMENT_STATUSES, "reviewed", "en") == "Reviewed"
    assert label_of(ASSESSMENT_STATUSES, "something-new") == "something-new"


def test_percentages_round_half_up_when_fewer_digits_are_shown():
    assert percent_text(62.5, 0) == "63%"
    assert percent_text(66.7) == "66,7%"
    assert percent_text(66.7, lang="en") == "66.7%"
    assert percent_text(None) == "—"


def test_no_module_keeps_its_own_copy_of_the_status_and_kind_words():
    words = [pair[0] for pair in ASSESSMENT_STATUSES.values()]
    words += [pair[0] for pair in UNIT_KINDS.values()]
    words += ["Đang thực hiện", "Đã xem xét"]  # the words the copies used to disagree on
    literal = re.compile("|".join(f"[\"']{re.escape(w)}[\"']" for w in words))
    found = []
    for folder in ("models", "reports", "qt_app"):
        for path in (ROOT / folder).rglob("*.py"):
            # The directive reader looks for these words in directives' own text.
            if path.name == "vocabulary.py" or {"migrations", "directive_import"} & set(path.parts):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if literal.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "read these words from models.vocabulary (label_of, pick)"
