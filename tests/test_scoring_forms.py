"""One scoring rule in two forms: item by item in Python, and as SQL aggregates for many
assessments at once. They must agree to the printed digit, on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select, update

from models.catalog import get_version
from models.demo import generate_demo
from models.entities import Assessment, ChecklistItem
from models.queries.items import version_items
from models.scoring import (
    assessment_scores,
    mean_percent,
    percent,
    score_assessment,
    tenths,
    weight_units,
)
from models.services.answers import record_answer
from models.services.assessments import start_assessment
from models.services.units import create_unit


def both_forms(session):
    """Every assessment's figures by the SQL form and by the Python form."""
    scores = assessment_scores()
    by_sql = {
        row.assessment_id: (
            tenths(row.compliance_tenths),
            tenths(row.coverage_tenths),
            row.answered,
            row.total,
            row.failed_critical,
        )
        for row in session.execute(select(scores))
    }
    by_python = {}
    for assessment_id in session.scalars(select(Assessment.id)):
        score = score_assessment(session, assessment_id)
        by_python[assessment_id] = (
            score.compliance,
            score.coverage,
            score.answered,
            score.total,
            len(score.failed_critical),
        )
    return by_sql, by_python


def test_every_demo_assessment_scores_the_same_both_ways(any_database):
    generate_demo(any_database, units=50, seed=7)
    with any_database.session() as session:
        by_sql, by_python = both_forms(session)
    assert len(by_python) > 150
    assert by_sql == by_python
    figures = [f[0] for f in by_python.values()]
    assert any(f is not None and f != int(f) for f in figures)  # not only round numbers
    assert any(f[4] for f in by_python.values())  # some flagged


def test_awkward_weights_and_ties_score_the_same_both_ways(any_database, editor):
    with any_database.session() as session:
        version = get_version(session, "761-cv-tu-2021")
        codes = [item.code for item in version.items]
        weights = [0.1, 0.2, 1 / 3, 0.0078125, 2.5, 0.3, 7, 0.7, 1e-7, 0.15]
        for code, weight in zip(codes, weights, strict=False):
            session.execute(
                update(ChecklistItem)
                .where(ChecklistItem.version_id == version.id, ChecklistItem.code == code)
                .values(weight=weight)
            )
        session.commit()
        items = dict(
            session.execute(
                select(ChecklistItem.code, ChecklistItem.id).where(
                    ChecklistItem.version_id == version.id
                )
            ).all()
        )
        answers = ["dat", "mot-phan", "chua-dat", "mot-phan", "khong-ap-dung", "dat", "mot-phan"]
        asked = version_items(session, version.id, "huyen", "", "2021-W39")
        codes = [item.code for item in asked if item.asked]  # the service refuses the rest
        for n in range(len(answers)):
            # a district: asked most of the letter (a cooperative is asked only item 5)
            unit = create_unit(session, editor, f"Huyện số {n}", "huyen")
            assessment = start_assessment(session, editor, unit, version.id, "2021-W39")
            for code, status in zip(codes, answers[n:] + answers[:n], strict=False):
                record_answer(session, editor, assessment, items[code], status)
        by_sql, by_python = both_forms(session)
    assert by_sql == by_python
    assert len({f[0] for f in by_python.values()}) > 3


def test_rounding_is_half_up_from_whole_numbers():
    assert percent(1, 8) == 12.5
    assert percent(1, 16) == 6.3  # 6.25 → 6.3, not the 6.2 of banker's rounding
    assert percent(2, 3) == 66.7 and percent(1, 3) == 33.3
    assert percent(0, 0) is None
    assert weight_units(0.0078125) == 7813 and weight_units(1) == 1_000_000
    assert mean_percent([62.5, 62.6]) == 62.6 and mean_percent([]) is None
