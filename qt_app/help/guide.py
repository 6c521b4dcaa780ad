"""The user guide (``docs/huong-dan.md``) in a window of its own, opened at a section.

Qt renders the Markdown and its pictures from the files shipped with the program; nothing
is fetched. Links inside the guide ("#5-trả-lời") move within it; a link to anywhere else
is not followed (the program opens no network connection) and its address is shown.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import paths
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language

PICTURE_WIDTH = 760  # pictures are 1366 px screenshots: shown at a readable width


def slug(text: str) -> str:
    """A heading's anchor as the guide's own links write it ("5. Trả lời" → "5-trả-lời")."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


class GuideWindow(QDialog):
    """The guide with its table of contents; ``show_section("5")`` opens "5. Trả lời"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng Kiểm tra"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.contents = QListWidget()
        self.contents.itemActivated.connect(self._go_to_item)
        self.contents.currentItemChanged.connect(lambda item, _old: self._go_to_item(item))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        self.find = QLineEdit()
        self.find.setPlaceholderText(self.tr("Tìm trong hướng dẫn (Enter: tìm tiếp)"))
        self.find.returnPressed.connect(self.find_next)
        self.note = QLabel()
        self.note.setWordWrap(True)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.close)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 760])
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.find)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.find.setFocus)
        self.headings: dict[str, int] = {}  # slug → position of the heading's block
        self.load()
        screen = self.screen().availableGeometry()
        self.resize(min(1100, screen.width() - 40), min(720, screen.height() - 60))

    def load(self) -> bool:
        """Read the guide; a missing file is said in the window (never a traceback)."""
        guide = paths.guide_file()
        if not guide.is_file():
            self.browser.setPlainText(
                self.tr("Không tìm thấy tệp hướng dẫn (%1). Bản cài đặt có thể thiếu tệp.").replace(
                    "%1", str(guide)
                )
            )
            return False
        self.browser.setSource(
            QUrl.fromLocalFile(str(guide)), QTextDocument.ResourceType.MarkdownResource
        )
        self._fit_pictures()
        self._read_headings()
        if language() == "en":
            self.note.setText(self.tr("Hướng dẫn sử dụng chỉ có bằng tiếng Việt."))
        return True

    def _read_headings(self) -> None:
        self.headings.clear()
        self.contents.clear()
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (2, 3) and block.text().strip():
                self.headings.setdefault(slug(block.text()), block.position())
                entry = QListWidgetItem(("    " if level == 3 else "") + block.text())
                entry.setData(Qt.ItemDataRole.UserRole, block.position())
                self.contents.addItem(entry)
            block = block.next()

    def _fit_pictures(self) -> None:
        """Scale the screenshots down to a readable width, keeping their shape."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                image = fragment.charFormat().toImageFormat()
                if fragment.isValid() and image.isValid():
                    self._fit_picture(fragment.position(), fragment.length(), image)
                iterator += 1
            block = block.next()

    def _fit_picture(self, position: int, length: int, image: QTextImageFormat) -> None:
        picture = self.browser.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl(image.name())
        )
        width = getattr(picture, "width", lambda: 0)()
        if width <= PICTURE_WIDTH:
            return
        image.setWidth(PICTURE_WIDTH)
        image.setHeight(picture.height() * PICTURE_WIDTH / width)
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(image)

    def show_section(self, number: str) -> bool:
        """Scroll so that the heading "``number``. …" is at the top; False if there is none."""
        prefix = f"{number}."
        for row in range(self.contents.count()):
            entry = self.contents.item(row)
            if entry.text().strip().startswith(prefix + " "):
                self.contents.setCurrentItem(entry)
                self._go_to_item(entry)
                return True
        return False

    def _go_to_item(self, entry: QListWidgetItem | None) -> None:
        if entry is not None:
            self.scroll_to(int(entry.data(Qt.ItemDataRole.UserRole)))

    def scroll_to(self, position: int) -> None:
        document = self.browser.document()
        block = document.findBlock(position)
        top = document.documentLayout().blockBoundingRect(block).top()
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)
        self.browser.verticalScrollBar().setValue(int(top))

    def current_heading(self) -> str:
        """The last heading that starts at or above the top of the view."""
        document = self.browser.document()
        layout = document.documentLayout()
        top = self.browser.verticalScrollBar().value() + 4
        shown = ""
        for position in sorted(self.headings.values()):
            block = document.findBlock(position)
            if layout.blockBoundingRect(block).top() > top:
                break
            shown = block.text()
        return shown

    def follow(self, url: QUrl) -> None:
        """A link inside the guide moves to its heading; any other address is only shown."""
        if url.hasFragment() and (url.isRelative() or url.isLocalFile()):
            position = self.headings.get(slug(url.fragment()))
            if position is not None:
                self.scroll_to(position)
                return
        self.note.setText(
            self.tr("Liên kết này không mở trong chương trình (không dùng mạng): %1").replace(
                "%1", url.toString()
            )
        )

    def find_next(self) -> None:
        text = self.find.text()
        if text and not self.browser.find(text):
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            if not self.browser.find(text):
                self.note.setText(self.tr("Không thấy “%1”.").replace("%1", text))


def open_guide(parent: QWidget | None, section: str, shown: GuideWindow | None) -> GuideWindow:
    """Show the guide (one window, reused) at ``section``."""
    window = shown or GuideWindow(parent)
    window.show()  # a dialog of the main window: shown again, it comes back above it
    window.activateWindow()
    window.show_section(section)  # once shown: the view knows how far it can scroll
    return window
