"""The user's options, one file read the same way by the window and the ``kiemtra`` command.

``options.ini`` in the config folder (``models.paths.config_dir``), in the INI dialect Qt's
QSettings wrote before this module existed (section ``[General]``, backslash escapes, quotes
around values with commas), so no user loses a choice made in an older version. Every option
is declared once below, typed, with its default. Which database opens, who is answering and
which language messages speak each have one function here, with one order of precedence.

A damaged file never stops the program: the defaults are used, the problem is reported in
both languages, and the file is moved aside (not overwritten) the next time a choice is
saved.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from models import ini_file, paths
from models.errors import KnownError
from models.text import nfc

T = TypeVar("T", str, int, bool)

FILE_NAME = "options.ini"
LANGUAGES = ("vi", "en")
TEXT_SIZES = range(8, 21)
MAX_BYTES = 64 * 1024  # a few lines of options; anything bigger is not our file


class ConfigError(KnownError):
    """The options file cannot be read or written; the defaults are used."""


@dataclass(frozen=True)
class Option(Generic[T]):
    """One user option: its key in the file, its default, and the values it may take."""

    key: str
    default: T
    choices: tuple[T, ...] | range | None = None

    def parse(self, raw: object) -> T:
        """The stored value as this option's type, or ``ValueError``."""
        kind = type(self.default)
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() not in {"1", "0", "true", "false"}:
                raise ValueError(raw)
            value: object = str(raw).lower() in {"1", "true"}
        elif kind is str:
            value = nfc(str(raw)).strip()
        else:
            value = kind(raw)  # type: ignore[call-overload]
        if self.choices is not None and value not in self.choices:
            raise ValueError(raw)
        return value  # type: ignore[return-value]

    def coerce(self, raw: object) -> T:
        """The stored value as this option's type; anything unreadable gives the default."""
        try:
            return self.parse(raw)
        except (TypeError, ValueError):
            return self.default


LANGUAGE = Option[str]("language", "vi", LANGUAGES)
TEXT_SIZE = Option[int]("text_size", 10, TEXT_SIZES)
# Empty means the default file in the user's data folder.
DATABASE = Option[str]("database", "")
# Who answers: written into the audit trail and offered as the assessor.
USER_NAME = Option[str]("user_name", "")

# The office that issues summary reports ("Báo cáo"), the body above it, where it is, and
# who signs: printed in the Nghị định 30 header and signature of every summary.
ISSUING_BODY = Option[str]("issuing_body", "")
ISSUING_PARENT = Option[str]("issuing_parent", "")
ISSUING_PLACE = Option[str]("issuing_place", "")
SIGNER_TITLE = Option[str]("signer_title", "")
SIGNER_NAME = Option[str]("signer_name", "")

OPTIONS: tuple[Option[str] | Option[int] | Option[bool], ...] = (
    LANGUAGE,
    TEXT_SIZE,
    DATABASE,
    USER_NAME,
    ISSUING_BODY,
    ISSUING_PARENT,
    ISSUING_PLACE,
    SIGNER_TITLE,
    SIGNER_NAME,
)


@dataclass
class _Contents:
    """The file as read: the lines kept as they are, and our section's values."""

    lines: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    problems: list[KnownError] = field(default_factory=list)
    damaged: bool = False


class Config:
    """The options file of one config folder. It is read again whenever it changed on disk,
    so a window and a command running side by side see each other's choices."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or paths.config_dir()) / FILE_NAME
        self._stamp: tuple[int, int] | None = None
        self._contents = _Contents()

    @property
    def problems(self) -> list[KnownError]:
        """What was wrong with the file when it was last read (empty when all is well)."""
        return list(self._read().problems)

    def get(self, option: Option[T]) -> T:
        raw = self._read().values.get(option.key)
        return option.default if raw is None else option.coerce(raw)

    def set(self, option: Option[T], value: T) -> None:
        """Store one choice at once (the whole file is replaced in one step)."""
        self.set_many({option: value})

    def set_many(self, choices: dict[Option[str] | Option[int] | Option[bool], object]) -> None:
        contents = self._read()
        if contents.damaged:
            self._move_damaged_aside()
            contents = _Contents()
        lines = list(contents.lines)
        for option, value in choices.items():
            lines = ini_file.with_value(lines, option.key, ini_file.escape(option.coerce(value)))
        text = "\n".join(lines).rstrip("\n") + "\n"
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:
            raise ConfigError(
                f"Không lưu được cài đặt vào {self.path} ({exc.strerror or exc}); "
                "lựa chọn cũ vẫn giữ nguyên.",
                f"Could not save the settings to {self.path} ({exc.strerror or exc}); "
                "the previous choices are unchanged.",
            ) from exc
        self._stamp = None

    def _move_damaged_aside(self) -> None:
        """Keep a damaged file for whoever wants to look at it, instead of writing over it."""
        aside = self.path.with_name(self.path.name + ".damaged")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise ConfigError(
                f"Không chuyển được tệp cài đặt hỏng {self.path} sang {aside} "
                f"({exc.strerror or exc}); chưa lưu gì.",
                f"Could not move the damaged settings file {self.path} to {aside} "
                f"({exc.strerror or exc}); nothing was saved.",
            ) from exc

    def _read(self) -> _Contents:
        try:
            status = self.path.stat()
            stamp: tuple[int, int] | None = (status.st_mtime_ns, status.st_size)
        except FileNotFoundError:
            stamp = None
        except OSError as exc:
            return _Contents(problems=[_unreadable(self.path, exc)], damaged=False)
        if stamp is None:
            self._stamp, self._contents = None, _Contents()
        elif stamp != self._stamp:
            self._contents, self._stamp = _parse_file(self.path, stamp[1]), stamp
        return self._contents


def _unreadable(path: Path, exc: OSError) -> ConfigError:
    return ConfigError(
        f"Không đọc được tệp cài đặt {path} ({exc.strerror or exc}); dùng cài đặt mặc định.",
        f"Could not read the settings file {path} ({exc.strerror or exc}); "
        "using the default settings.",
    )


def _damaged(path: Path, why_vi: str, why_en: str) -> ConfigError:
    return ConfigError(
        f"Tệp cài đặt {path} bị hỏng ({why_vi}); dùng cài đặt mặc định. "
        "Lần lưu cài đặt tới, tệp cũ được giữ lại với đuôi .damaged.",
        f"The settings file {path} is damaged ({why_en}); using the default settings. "
        "The next time settings are saved, the old file is kept with a .damaged suffix.",
    )


def _not_valid(path: Path, key: str, raw: str) -> ConfigError:
    default = next((o.default for o in OPTIONS if o.key == key), "")
    return ConfigError(
        f"Giá trị “{raw}” của {key} trong {path} không hợp lệ; dùng mặc định “{default}”.",
        f"The value “{raw}” of {key} in {path} is not valid; using the default “{default}”.",
    )


def _parse_file(path: Path, size: int) -> _Contents:
    if size > MAX_BYTES:
        return _Contents(
            problems=[_damaged(path, f"{size} byte, quá lớn", f"{size} bytes, too large")],
            damaged=True,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _Contents(problems=[_unreadable(path, exc)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _Contents(
            problems=[_damaged(path, "không phải văn bản UTF-8", "not UTF-8 text")], damaged=True
        )
    if "\x00" in text:
        return _Contents(
            problems=[_damaged(path, "chứa byte 0", "it holds zero bytes")], damaged=True
        )
    parsed = ini_file.parse(text)
    contents = _Contents(lines=parsed.lines, values=parsed.values)
    for number in parsed.unreadable_lines:
        contents.problems.append(
            ConfigError(
                f"Dòng {number} của tệp cài đặt {path} không đọc được; bỏ qua dòng đó.",
                f"Line {number} of the settings file {path} is unreadable; it is ignored.",
            )
        )
    for key in parsed.typed_values:
        contents.values.pop(key, None)
        contents.problems.append(_not_valid(path, key, "@…"))
    for option in OPTIONS:
        raw = contents.values.get(option.key)
        try:
            option.parse(raw) if raw is not None else None
        except (TypeError, ValueError):
            contents.problems.append(_not_valid(path, option.key, str(raw)))
    return contents


# -- one answer each, for the window and the command line alike ----------------------------


def database_target(cli_db: str | None = None, config: Config | None = None) -> str | None:
    """The database to open: ``--db``, then ``$KIEMTRA_DB``, then the setting; None means
    the default file in the user's data folder."""
    chosen = cli_db or os.environ.get("KIEMTRA_DB") or (config or Config()).get(DATABASE)
    return chosen or None


def user_name(config: Config | None = None) -> str:
    """Who is answering: ``$KIEMTRA_USER``, then the setting, then the login name.

    The name goes into every answer and audit entry, and those travel in bundles, so it
    obeys the rule of any typed name (``models.validation.PERSON``).
    """
    from models.validation import PERSON

    name = nfc(os.environ.get("KIEMTRA_USER", "")).strip()
    return PERSON.clean(name or (config or Config()).get(USER_NAME) or login_name())


def login_name() -> str:
    try:
        return nfc(getpass.getuser())
    except (KeyError, OSError, ImportError):  # no login name in this environment
        return ""


def message_language(cli_lang: str | None = None, config: Config | None = None) -> str:
    """The language of messages: ``--lang``, then ``$KIEMTRA_LANG``, then the setting."""
    for chosen in (cli_lang, os.environ.get("KIEMTRA_LANG")):
        if chosen in LANGUAGES:
            return chosen
    return (config or Config()).get(LANGUAGE)


@dataclass(frozen=True)
class Issuer:
    """Who a summary report comes from, as the settings say (empty: a blank to fill in)."""

    body: str = ""
    parent: str = ""
    place: str = ""
    signer_title: str = ""
    signer_name: str = ""


def issuer(config: Config | None = None) -> Issuer:
    chosen = config or Config()
    return Issuer(
        chosen.get(ISSUING_BODY),
        chosen.get(ISSUING_PARENT),
        chosen.get(ISSUING_PLACE),
        chosen.get(SIGNER_TITLE),
        chosen.get(SIGNER_NAME),
    )
