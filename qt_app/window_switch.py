"""Carrying on in a new window over another database: a restored backup, the sample data,
and back from the sample to the user's own file.

The old window closes and lets go of its database; the new one takes the same options and
is shown at once (``qt_app.app.show_window``).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from models.db import Database
from models.errors import KnownError
from qt_app.backup import actions as backup_ui
from qt_app.messages import known_error_text, show_error, show_info
from qt_app.tasks import runner

if TYPE_CHECKING:
    from qt_app.main_window import MainWindow


def replace_window(old: MainWindow, database: Database, unit: uuid.UUID | None) -> MainWindow:
    """A new window over ``database`` showing ``unit``; ``old`` closes."""
    from qt_app.app import show_window

    new = show_window(database, old.settings, unit)
    old.successor = new
    old.close()
    old.deleteLater()
    return new


def let_go(old: MainWindow) -> None:
    """Close the old window's database once its background work is done."""
    runner().wait()
    old.database.close()


def restore_from(old: MainWindow, backup: Path) -> MainWindow | None:
    old.pane.flush()
    old.save_state()
    restored = backup_ui.restore_file(old, old.database, backup)
    if restored is None:
        return None
    new = replace_window(old, restored.database, old.tree.current_unit())
    show_info(new, backup_ui.kept_text(restored.aside))
    return new


def open_sample(old: MainWindow, path: Path) -> MainWindow | None:
    """The sample in place of ``old``'s database; the new window remembers the way back."""
    from models.opening import open_database

    old.pane.flush()
    old.save_state()
    try:
        sample = open_database(path)
    except KnownError as exc:
        show_error(old, known_error_text(exc))
        return None
    back = str(old.database.path) if old.database.path else old.database.url
    new = replace_window(old, sample, None)
    new.return_to = back
    let_go(old)
    return new


def leave_sample(old: MainWindow) -> MainWindow | None:
    """Back to the database the sample was opened from (else the usual one), on the unit
    the user was at there."""
    from models.opening import open_database

    target = old.return_to or old.settings.database_target(None)
    old.pane.flush()
    try:
        own = open_database(target)
    except KnownError as exc:
        show_error(old, known_error_text(exc))
        return None
    new = replace_window(old, own, old.last_unit())
    let_go(old)
    return new
