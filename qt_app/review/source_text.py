"""The directive's own words beside the draft tree, each recognised item coloured.

Neighbouring top-level items alternate two colours (children take their parent's), the
current item is orange and scrolled into view, and a click inside an item's words picks it:
the reviewer sees at once which words became which item, and which words became none.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from models.checklist_file import ItemSpec
from models.directive_import import review

SPAN_COLOURS = (QColor("#fff3c4"), QColor("#e1f0fb"))
CURRENT_COLOUR = QColor("#ffc46b")


class SourceText(QPlainTextEdit):
    """Read-only text; ``item_clicked`` carries the item whose words were clicked."""

    item_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self._spans: list[tuple[ItemSpec, list[tuple[int, int]]]] = []
        self._current: ItemSpec | None = None
        self._display = ""  # what was set: toPlainText() would turn no-break spaces into spaces
        self.cursorPositionChanged.connect(self._clicked)

    def show_source(self, source_text: str) -> None:
        self._spans, self._current = [], None
        self._display = review.display_text(source_text)
        self.setPlainText(self._display)

    def clear_source(self) -> None:
        self._spans, self._current, self._display = [], None, ""
        self.setPlainText("")

    def highlight(
        self,
        items: list[ItemSpec],
        parent_of: Callable[[ItemSpec], ItemSpec | None],
        current: ItemSpec | None,
    ) -> None:
        """Colour every item's words and bring the current item's into view."""
        self._spans = review.item_spans(self._display, items)
        self._current = current
        tops = {id(item): n for n, item in enumerate(items)}
        selections: list[QTextEdit.ExtraSelection] = []
        colour_of: dict[int, QColor] = {}
        focus: int | None = None
        for item, spans in self._spans:
            colour = (
                SPAN_COLOURS[tops[id(item)] % 2]
                if id(item) in tops
                else colour_of.get(id(parent_of(item)), SPAN_COLOURS[0])
            )
            colour_of[id(item)] = colour
            for start, end in spans:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor  # type: ignore[misc]
                char_format = QTextCharFormat()
                char_format.setBackground(CURRENT_COLOUR if item is current else colour)
                selection.format = char_format  # type: ignore[misc]
                selections.append(selection)
                if item is current and focus is None:
                    focus = start
        self.setExtraSelections(selections)
        if focus is not None:
            self.blockSignals(True)  # moving the cursor here is not a click
            cursor = self.textCursor()
            cursor.setPosition(focus)
            self.setTextCursor(cursor)
            self.centerCursor()
            self.blockSignals(False)

    def highlighted_codes(self) -> list[str]:
        """The items found in the text, in tree order (what is coloured)."""
        return [item.code for item, spans in self._spans if spans]

    def _clicked(self) -> None:
        """The smallest item around the cursor: a child's words lie inside its parent's."""
        position = self.textCursor().position()
        best: tuple[int, ItemSpec] | None = None
        for item, spans in self._spans:
            for start, end in spans:
                if start <= position <= end and (best is None or end - start < best[0]):
                    best = (end - start, item)
        if best is not None and best[1] is not self._current:
            self.item_clicked.emit(best[1])
