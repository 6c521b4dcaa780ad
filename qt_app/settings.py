"""The window's options, each declared once with its type and default, and its remembered state.

What the user chose (language, text size, database file, their name) lives in
``options.ini``; what the window remembers by itself (geometry, splitters, the last unit and
assessment) lives in ``window-state.ini``. Keeping them apart means resetting the layout
never forgets a choice, and a copied options file never drags a stranger's layout along.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from models import paths

T = TypeVar("T", str, int, bool)

LANGUAGES = ("vi", "en")
TEXT_SIZES = range(8, 21)


@dataclass(frozen=True)
class Option(Generic[T]):
    """One user option: its key in the file, its default, and the values it may take."""

    key: str
    default: T
    choices: tuple[T, ...] | range | None = None

    def coerce(self, raw: object) -> T:
        """The stored value as this option's type; anything unreadable gives the default."""
        kind = type(self.default)
        try:
            if kind is bool:
                value = raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true"}
            else:
                value = kind(raw)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return self.default
        if self.choices is not None and value not in self.choices:
            return self.default
        return value  # type: ignore[return-value]


LANGUAGE = Option[str]("language", "vi", LANGUAGES)
TEXT_SIZE = Option[int]("text_size", 10, TEXT_SIZES)
# Empty means the default file in the user's data folder.
DATABASE = Option[str]("database", "")
# Who answers: written into the audit trail and offered as the assessor.
USER_NAME = Option[str]("user_name", "")

OPTIONS: tuple[Option[str] | Option[int] | Option[bool], ...] = (
    LANGUAGE,
    TEXT_SIZE,
    DATABASE,
    USER_NAME,
)


class Settings:
    """User options and window state, in two INI files in the config folder."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or paths.config_dir()
        self._options = QSettings(str(folder / "options.ini"), QSettings.Format.IniFormat)
        self._state = QSettings(str(folder / "window-state.ini"), QSettings.Format.IniFormat)

    def get(self, option: Option[T]) -> T:
        raw = self._options.value(option.key)
        return option.default if raw is None else option.coerce(raw)

    def set(self, option: Option[T], value: T) -> None:
        self._options.setValue(option.key, option.coerce(value))
        self._options.sync()

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
        self._options.sync()
        self._state.sync()


def database_target(cli_db: str | None, env_db: str | None, settings: Settings) -> str | None:
    """The database to open: ``--db``, then ``$KIEMTRA_DB``, then the setting, else default."""
    return cli_db or env_db or settings.get(DATABASE) or None
