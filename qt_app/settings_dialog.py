"""The user's options in a dialog: language, text size, database file and their name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from models.errors import KnownError
from qt_app import settings as options
from qt_app.dialogs import FormDialog
from qt_app.messages import known_error_text, show_error, show_info
from qt_app.settings import Settings


class SettingsDialog(FormDialog):
    """The user's options; language and database take effect at the next start."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cài đặt"), self.tr("Lưu"), parent)
        self.settings = settings
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(settings.get(options.LANGUAGE)))
        self.text_size = QSpinBox()
        self.text_size.setRange(options.TEXT_SIZES.start, options.TEXT_SIZES.stop - 1)
        self.text_size.setSuffix(" pt")
        self.text_size.setValue(settings.get(options.TEXT_SIZE))
        self.database = QLineEdit(settings.get(options.DATABASE))
        self.database.setPlaceholderText(self.tr("(mặc định, trong thư mục dữ liệu)"))
        browse = QPushButton(self.tr("Chọn…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        self.user_name = QLineEdit(settings.get(options.USER_NAME))
        form.addRow(self.tr("Ngôn ngữ"), self.language)
        form.addRow(self.tr("Cỡ chữ"), self.text_size)
        form.addRow(self.tr("Tệp cơ sở dữ liệu"), row)
        form.addRow(self.tr("Tên người dùng"), self.user_name)
        # who the summary report ("Báo cáo") comes from: its header and signature
        self.issuer_fields = {
            option: QLineEdit(settings.get(option))
            for option in (
                options.ISSUING_PARENT,
                options.ISSUING_BODY,
                options.ISSUING_PLACE,
                options.SIGNER_TITLE,
                options.SIGNER_NAME,
            )
        }
        labels = (
            self.tr("Cơ quan cấp trên"),
            self.tr("Cơ quan ban hành báo cáo"),
            self.tr("Địa danh ghi ngày tháng"),
            self.tr("Chức vụ người ký"),
            self.tr("Họ tên người ký"),
        )
        for label, field in zip(labels, self.issuer_fields.values(), strict=True):
            form.addRow(label, field)
        self.body.addLayout(form)
        self.body.addWidget(
            QLabel(self.tr("Ngôn ngữ và tệp cơ sở dữ liệu có hiệu lực từ lần mở sau."))
        )
        self.finish_layout()
        self.setMinimumWidth(520)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Tệp cơ sở dữ liệu"),
            self.database.text(),
            self.tr("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.database.setText(name)

    def chosen_database(self) -> str:
        """The file typed or picked, as an absolute path (the command line may run from
        another folder); a server URL as it is; empty for the default file."""
        text = self.database.text().strip()
        if not text or "://" in text:
            return text
        return str(Path(text).expanduser().resolve())

    def save(self) -> set[str]:
        """Store the choices in one write (all or none); returns the keys that changed."""
        chosen = {
            options.LANGUAGE: self.language.currentData(),
            options.TEXT_SIZE: self.text_size.value(),
            options.DATABASE: self.chosen_database(),
            options.USER_NAME: self.user_name.text(),
            **{option: field.text() for option, field in self.issuer_fields.items()},
        }
        changed = {
            option: value
            for option, value in chosen.items()
            if self.settings.get(option) != option.coerce(value)  # type: ignore[attr-defined]
        }
        if changed:
            self.settings.set_many(changed)  # type: ignore[arg-type]
        return {option.key for option in changed}


def edit_settings(
    parent: QWidget, settings: Settings, apply_text_size: Callable[[], None]
) -> set[str]:
    """Ask, store what changed, apply the text size at once, and say what waits for a
    restart; returns the keys of the options that changed."""
    dialog = SettingsDialog(settings, parent)
    if not dialog.exec():
        return set()
    try:
        changed = dialog.save()
    except KnownError as exc:  # the options file cannot be written: nothing was changed
        show_error(parent, known_error_text(exc))
        return set()
    if options.TEXT_SIZE.key in changed:
        apply_text_size()
    if changed & {options.LANGUAGE.key, options.DATABASE.key}:
        show_info(
            parent,
            QCoreApplication.translate(
                "SettingsDialog", "Thay đổi sẽ có hiệu lực khi mở lại chương trình."
            ),
        )
    return changed
