"""An item's evidence files in the right pane: thumbnails, open one, take one off.

Taking a file off is asked first and done by the core (``models.services.evidence``); the
list only says which file the user chose.
"""

from __future__ import annotations

import re
import uuid

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QKeyEvent, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from models.archive import copy_to_open
from models.content_hash import evidence_path
from models.errors import InvalidInput, KnownError
from models.queries.items import Evidence
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.messages import known_error_text, show_error

THUMBNAIL = QSize(48, 48)


class EvidenceList(QListWidget):
    """Thumbnails of an item's files; Enter or a double click opens one, Delete takes it off."""

    remove_requested = Signal(object)  # Evidence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(THUMBNAIL)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.fit_to_font()
        self.itemDoubleClicked.connect(self.open_file)
        self.setToolTip(self.tr("Enter hoặc nhấp đúp: mở tệp · Delete: gỡ tệp"))

    def fit_to_font(self) -> None:
        """Room under each thumbnail for two lines of its file name at the text size."""
        metrics = self.fontMetrics()
        width = max(THUMBNAIL.width() + 24, metrics.averageCharWidth() * 14)
        self.setGridSize(QSize(width, THUMBNAIL.height() + metrics.lineSpacing() * 2 + 12))
        self.setMinimumHeight(self.gridSize().height() + 2 * self.frameWidth() + 4)

    def show_files(self, files: list[Evidence] | tuple[Evidence, ...]) -> None:
        self.clear()
        for file in files:
            entry = QListWidgetItem(self._thumbnail(file), file.file_name)
            entry.setData(Qt.ItemDataRole.UserRole, file)
            entry.setToolTip(f"{file.file_name}\n{file.size // 1024 + 1} KB")
            self.addItem(entry)
        if self.count():
            self.setCurrentRow(0)

    def chosen(self) -> Evidence | None:
        entry = self.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None

    def file_ids(self) -> list[uuid.UUID]:
        return [self.item(n).data(Qt.ItemDataRole.UserRole).id for n in range(self.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        entry = self.currentItem()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and entry is not None:
            self.remove_requested.emit(entry.data(Qt.ItemDataRole.UserRole))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and entry is not None:
            self.open_file(entry)
            return
        super().keyPressEvent(event)

    def _thumbnail(self, file: Evidence) -> QIcon:
        path = evidence_path(file.sha256)
        if file.media_type.startswith("image/") and path.exists():
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QIcon(QPixmap.fromImage(image))
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def open_file(self, entry: QListWidgetItem) -> None:
        """Open a copy under its own name (the stored file is named by its hash only); the
        name may have come from a bundle, so the copy goes under that name made plain."""
        file: Evidence = entry.data(Qt.ItemDataRole.UserRole)
        try:
            if not re.fullmatch(r"[0-9a-f]{64}", file.sha256):
                raise InvalidInput(
                    "Mã băm của tệp minh chứng không hợp lệ.", "The evidence's hash is not valid."
                )
            copy = copy_to_open(evidence_path(file.sha256), file.file_name)
        except KnownError as exc:
            show_error(self.window(), known_error_text(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
