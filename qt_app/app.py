"""Starting the window: one QApplication, the database opened, errors shown in a dialog."""

from __future__ import annotations

import os
import sys


def run_window(db: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from models.db import open_database
    from models.errors import KnownError
    from qt_app.library import LibraryWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Kiểm tra")
    app.setOrganizationName("KiemTra")
    try:
        database = open_database(db or os.environ.get("KIEMTRA_DB") or None)
    except KnownError as exc:
        QMessageBox.critical(None, "Kiểm tra", f"{exc.vi}\n\n{exc.en}")
        return 1
    window = LibraryWindow(database)
    window.resize(1200, 720)
    window.show()
    try:
        return app.exec()
    finally:
        database.close()
