"""A date typed the way people write it ("15/12/2026", "15/12", "+7"), or picked from a
calendar that opens on today.

``QDateEdit`` fights a typed date section by section (typing "15/12/2026" over its "—" gave
"—5122026") and its empty value is a date in 2000 that its calendar opens on. Here the text
is read whole by ``models.typed_dates`` when the field is left, and a text it cannot read
is refused with a message and saves nothing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import KnownError
from models.typed_dates import day_text, parse_day
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language

POPUP_KEYS = (Qt.Key.Key_F4,)


class CalendarPopup(QFrame):
    """The calendar in a small window of its own; Esc closes it and changes nothing."""

    def __init__(self) -> None:
        # No parent: a key pressed in the calendar is the calendar's, never a shortcut of
        # the pane around the date field (Esc there means "back to the table").
        super().__init__(None, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.Box)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """One day or none; ``changed`` when the user committed another valid one."""

    changed = Signal()
    refused = Signal(str)  # the message for a text that is not a date (nothing changed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day: dt.date | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.edit.setToolTip(
            self.tr(
                "Gõ 15/12/2026, 15/12 (năm nay) hoặc +7 (bảy ngày nữa); "
                "Alt+↓ hoặc F4 mở lịch; để trống là chưa có ngày."
            )
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Chọn trên lịch (Alt+↓)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field
        self.button.clicked.connect(self.open_calendar)
        self.popup = CalendarPopup()
        self.destroyed.connect(self.popup.deleteLater)
        self.calendar = self.popup.calendar
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.commit_text)

    def date(self) -> dt.date | None:
        return self._day

    def set_date(self, day: dt.date | None) -> None:
        """Show ``day`` (the stored value): no signal, no message."""
        self._day = day
        self.edit.setText(day_text(day))
        self._mark(ok=True)

    def commit_text(self) -> bool:
        """Read what was typed; returns False (and says why) if it is not a date."""
        try:
            day = parse_day(self.edit.text())
        except KnownError as exc:
            self._mark(ok=False)
            self.refused.emit(exc.message(language()))
            return False
        self.edit.setText(day_text(day))
        self._mark(ok=True)
        if day != self._day:
            self._day = day
            self.changed.emit()
        return True

    def open_calendar(self) -> None:
        """The calendar opens on the field's day, or on today when it has none."""
        shown = self._day or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.setCurrentPage(shown.year, shown.month)
        self.popup.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.popup.show()
        self.calendar.setFocus()

    def _picked(self, chosen: QDate) -> None:
        self.popup.hide()
        self.edit.setText(day_text(dt.date(chosen.year(), chosen.month(), chosen.day())))
        self.edit.setFocus()
        self.commit_text()

    def _mark(self, *, ok: bool) -> None:
        self.edit.setProperty("invalid", not ok)
        palette = self.edit.palette()
        colour = self.palette().color(self.palette().ColorRole.Text)
        palette.setColor(palette.ColorRole.Text, colour if ok else Qt.GlobalColor.darkRed)
        self.edit.setPalette(palette)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() in POPUP_KEYS:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)
