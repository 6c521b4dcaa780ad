"""Starting the window: one QApplication, the options, the language, the database, and a
dialog for anything that goes wrong before or after the window is up.

Qt and the window's modules are imported inside the functions, so that ``kiemtra`` with a
command never pays for them.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
import uuid
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from models.db import Database
    from qt_app.main_window import MainWindow
    from qt_app.settings import Settings

log = logging.getLogger(__name__)


def create_application() -> QApplication:
    """The one QApplication of this process (made on first call)."""
    from PySide6.QtWidgets import QApplication

    from qt_app import pyside_fixes

    pyside_fixes.apply()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Kiểm tra")
    app.setOrganizationName("KiemTra")
    return app


def create_window(database: Database, settings: Settings | None = None) -> MainWindow:
    """The main window over an open database, in the user's language and text size."""
    from qt_app import i18n
    from qt_app.main_window import MainWindow
    from qt_app.settings import LANGUAGE, Settings

    settings = settings or Settings()
    i18n.install(create_application(), settings.get(LANGUAGE))
    window = MainWindow(database, settings)
    window.apply_text_size()  # the window's size and place: MainWindow, fitted to the screen
    return window


def show_window(database: Database, settings: Settings, unit: uuid.UUID | None) -> MainWindow:
    """A window over a database opened after start (a restored backup), shown on ``unit``;
    the database is closed when the program ends."""
    from PySide6.QtWidgets import QApplication

    from qt_app.tasks import runner

    window = create_window(database, settings)
    window.load_units(unit)
    window.show()

    def close_at_exit() -> None:
        runner().wait()
        database.close()

    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(close_at_exit)
    return window


def _report_bug(
    kind: type[BaseException], value: BaseException, trace: TracebackType | None
) -> None:
    """A bug: logged with its traceback and shown, instead of the window vanishing."""
    text = "".join(traceback.format_exception(kind, value, trace))
    log.error("unexpected error:\n%s", text)
    from qt_app.messages import show_error

    show_error(
        None,
        "Lỗi chương trình (xin báo cho người phát triển) / "
        f"Program error (please report it):\n\n{value!r}",
    )


def run_window(db: str | None = None, *, read_only: bool = False) -> int:
    """Open the window on ``db``, else ``$KIEMTRA_DB``, else the database setting, else the
    default file (``read_only``: look, change nothing); returns the exit status.

    The order is ``models.config.database_target``'s, the same as every ``kiemtra`` command.
    """
    app = create_application()
    from models.errors import KnownError
    from models.opening import open_database
    from qt_app import i18n
    from qt_app.settings import LANGUAGE, Settings
    from qt_app.tasks import runner

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    i18n.install(app, settings.get(LANGUAGE))
    i18n.set_locale()
    for problem in settings.problems:  # a damaged options file: the defaults are used
        log.warning("%s", problem)
    target = settings.database_target(db)
    try:
        database = open_database(target, read_only=read_only)
    except KnownError as exc:
        # Damaged, newer, read-only, locked or on a share: offer the ways forward.
        from qt_app.backup.recovery import recover

        log.warning("cannot open the database: %s", exc)
        opened = recover(target, exc, settings)
        if opened is None:
            return 1
        database = opened
    for problem in database.problems:
        log.warning("%s", problem)
    sys.excepthook = _report_bug
    try:
        window = create_window(database, settings)
        if os.environ.get("KIEMTRA_EXIT_WHEN_READY"):  # for start-time measurements
            window.ready.connect(lambda: (print("ready", flush=True), app.quit()))
        window.load_units(window.last_unit())  # read in the background while it first paints
        window.show()
        if settings.problems:
            from qt_app.messages import known_error_text, show_error

            show_error(window, "\n\n".join(known_error_text(p) for p in settings.problems))
        if database.notices:  # what happened to the file: a restore finished, a backup skipped
            from qt_app.messages import show_info

            log.warning("%s", "\n".join(database.notices))
            show_info(window, "\n\n".join(database.notices))
        return app.exec()
    finally:
        runner().wait()
        database.close()
