"""One number format in Vietnamese (issue 13): the window prints a percentage as the PDF,
the Word file and the unit tree do ("37,5%", decimal comma), from the core's own score."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt

from models.db import Database
from models.scoring import score_assessment
from models.vocabulary import percent_text
from tests.window_support import Seeded


def test_the_score_in_the_window_has_a_decimal_comma(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    view = window.assessment_view
    view.table.setFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_3):
        qtbot.keyClick(view.table, key)
    with database.session() as session:
        compliance = score_assessment(session, seeded.assessment).compliance
    assert compliance is not None
    text = view.score_label.text()
    assert percent_text(compliance, 1) in text and "," in percent_text(compliance, 1)
    assert not re.search(r"\d\.\d", text), text
