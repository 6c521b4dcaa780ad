"""The window's settings: the user's options, and what the window remembers by itself.

The options (language, text size, database file, the user's name) are ``models.config``'s,
in ``options.ini``, the same file ``kiemtra`` reads, so the window and the command line open
the same database and sign changes with the same name. What the window remembers by itself
(geometry, splitters, the last unit and assessment) lives apart in ``window-state.ini``:
resetting the layout never forgets a choice, and a copied options file never drags a
stranger's layout along.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

from models import config, paths
from models.config import (  # noqa: F401  (the options, for the window's modules)
    DATABASE,
    ISSUING_BODY,
    ISSUING_PARENT,
    ISSUING_PLACE,
    LANGUAGE,
    LANGUAGES,
    OPTIONS,
    SIGNER_NAME,
    SIGNER_TITLE,
    TEXT_SIZE,
    TEXT_SIZES,
    USER_NAME,
    Config,
    Option,
)
from models.errors import KnownError

T = TypeVar("T", str, int, bool)


class Settings:
    """The options (through ``models.config``) and the window state, in one config folder."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or paths.config_dir()
        self.config = Config(folder)
        self._state = QSettings(str(folder / "window-state.ini"), QSettings.Format.IniFormat)

    def get(self, option: Option[T]) -> T:
        return self.config.get(option)

    def set(self, option: Option[T], value: T) -> None:
        self.config.set(option, value)

    def set_many(self, choices: dict[Option[str] | Option[int] | Option[bool], object]) -> None:
        self.config.set_many(choices)

    @property
    def problems(self) -> list[KnownError]:
        return self.config.problems

    def user_name(self) -> str:
        return config.user_name(self.config)

    def database_target(self, cli_db: str | None) -> str | None:
        return config.database_target(cli_db, self.config)

    # -- remembered state: whatever the window saved last, or nothing --

    def state_bytes(self, key: str) -> QByteArray | None:
        raw = self._state.value(key)
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def state_text(self, key: str) -> str:
        raw = self._state.value(key)
        return raw if isinstance(raw, str) else ""

    def remember(self, key: str, value: QByteArray | str) -> None:
        self._state.setValue(key, value)

    def sync(self) -> None:
        self._state.sync()
