"""Sample data in a database of its own, clearly marked, with a way back.

"Nạp dữ liệu mẫu" once wrote seventy-odd made-up units into the user's real database, where
they could only be archived. Now the sample lives in ``du-lieu-mau.sqlite3`` in the data
folder: made once (``models.demo``, with its weekly rounds), opened in a window whose title
and banner say it is sample data, and left with one button back to the user's own file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from models import paths
from models.db import Database
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)

SAMPLE_FILE = "du-lieu-mau.sqlite3"
SAMPLE_UNITS = 60
BANNER_COLOUR = "#fff3c4"


def sample_path() -> Path:
    return paths.data_dir() / SAMPLE_FILE


def is_sample(database: Database) -> bool:
    """Whether ``database`` is the sample file (a copy elsewhere is the user's own)."""
    return database.path is not None and database.path.resolve() == sample_path().resolve()


def make_sample(path: Path) -> dict[str, int]:
    """Background job: create the sample database at ``path`` if it is not there yet, and
    fill it with the demo units, assessments and rounds; returns what was made."""
    from models.demo import generate_demo
    from models.opening import open_database

    if path.exists():
        return {}
    database = open_database(path)
    try:
        return generate_demo(database, units=SAMPLE_UNITS)
    finally:
        database.close()


class SampleBanner(QWidget):
    """A strip across the top of a window over the sample: what it is, and the way back."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleBanner")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(BANNER_COLOUR))
        palette.setColor(self.foregroundRole(), QColor("black"))
        self.setPalette(palette)
        self.text = QLabel(
            self.tr(
                "<b>DỮ LIỆU MẪU</b> — đây là tệp mẫu để dùng thử, không phải dữ liệu của bạn. "
                "Mọi thay đổi ở đây chỉ nằm trong tệp mẫu."
            )
        )
        self.text.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Quay lại dữ liệu của tôi"))
        self.back_button.clicked.connect(self.back_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.back_button)
