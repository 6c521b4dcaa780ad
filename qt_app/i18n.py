"""Languages: Vietnamese source strings, English through Qt Linguist.

The ``.ts`` files are committed and the ``.qm`` files are built from them, so a checkout
that has never run ``scripts/build_translations`` builds what it lacks on first use (a
bundle ships the ``.qm`` already built and never needs the tool).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from models import paths

log = logging.getLogger(__name__)

_current = "vi"
_translators: list[QTranslator] = []


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def language() -> str:
    """The language the window speaks now: "vi" or "en"."""
    return _current


def pick(pair: tuple[str, str]) -> str:
    """The current language's half of a (Vietnamese, English) label pair from the core."""
    return pair[1] if _current == "en" else pair[0]


def lrelease_program() -> str | None:
    """``pyside6-lrelease`` from this environment, else the one PySide6 ships, else PATH."""
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    if beside.exists():
        return str(beside)
    try:
        import PySide6

        shipped = Path(PySide6.__file__).parent / (
            "lrelease.exe" if os.name == "nt" else "lrelease"
        )
        if shipped.exists():
            return str(shipped)
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        pass
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def set_locale() -> None:
    """Dates and numbers in Qt's own widgets (the calendar popup) in the window's language.

    Process-wide, so only the program's start calls it, never a test or an embedding tool.
    """
    QLocale.setDefault(
        QLocale(QLocale.Language.English if _current == "en" else QLocale.Language.Vietnamese)
    )


def build_missing(folder: Path | None = None) -> list[Path]:
    """Build every ``.qm`` that is missing or older than its ``.ts``; returns those built."""
    folder = folder or translations_dir()
    built = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        program = lrelease_program()
        if program is None:
            log.warning("pyside6-lrelease not found; %s stays untranslated", ts.name)
            continue
        # Built beside the target and moved into place, so two processes never see half a file.
        handle, partial = tempfile.mkstemp(suffix=".qm", dir=folder)
        os.close(handle)
        try:
            subprocess.run(
                [program, "-silent", str(ts), "-qm", partial],
                check=True,
                capture_output=True,
                timeout=60,
            )
            os.replace(partial, qm)
            built.append(qm)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("could not build %s: %s", qm.name, exc)
        finally:
            Path(partial).unlink(missing_ok=True)
    return built


def install(app: QCoreApplication, lang: str) -> None:
    """Make ``lang`` the window's language; unknown or untranslatable falls back to Vietnamese."""
    global _current
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    _current = "vi"
    if lang == "en":
        qm = translations_dir() / "kiemtra_en.qm"
        if not qm.exists() or (
            qm.with_suffix(".ts").exists()
            and qm.stat().st_mtime < qm.with_suffix(".ts").stat().st_mtime
        ):
            build_missing()
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _translators.append(translator)
            _current = "en"
        else:
            log.warning("English translation %s could not be loaded", qm)
