"""The whole scanned-form corpus (slow tier): every form size × resolution × degradation,
pages shuffled, a page of another unit's form among them. At least 99.5 % of boxes read
right, and no box read wrong while marked certain: every error is an unclear box that a
person confirms. ``benchmarks/scan.py`` prints the same figures with the speed.
"""

from __future__ import annotations

import pytest

from reports.scan_import import read_images
from reports.scan_marks import UNCLEAR
from tests import scan_corpus as corpus

pytestmark = pytest.mark.slow


def test_whole_corpus(database, editor, tmp_path):
    units = corpus.prepare(database, editor)
    total = right = wrong_certain = pages_read = 0
    for number, case in enumerate(corpus.all_cases()):
        pages = corpus.make_case(database, units, case, tmp_path)
        if number == 0:
            pages.insert(1, corpus.other_form_page(database, units, tmp_path, 999))
        with database.session() as session:
            batch = read_images(session, [page.image for page in pages])
        assert not batch.refused, [page.problem for page in batch.refused]
        truth = {(page.form, page.truth.page): page.truth for page in pages if page.truth}
        assert len(batch.forms) == (2 if number == 0 else 1)
        for form in batch.forms:
            which = "other" if form.code.unit_id == str(units["other"]) else str(case.items)
            for page_number, page in form.pages.items():
                pages_read += 1
                expected = truth[(which, page_number)]
                for row in page.rows:
                    for box, state in zip(row.boxes, expected.boxes[row.code], strict=True):
                        total += 1
                        right += box.state == state
                        wrong_certain += box.state not in (state, UNCLEAR)
    assert pages_read == 241
    assert wrong_certain == 0
    assert right / total >= 0.995
