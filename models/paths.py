"""Where things live: shipped data next to the packages, user data in the user's folders.

Shipped data (checklists, resources) sits beside the ``models`` package in a source
checkout, in an installed wheel (``site-packages/checklists``) and in a PyInstaller bundle
(``_MEIPASS/checklists``), so one rule finds it everywhere.

User data goes to the per-user data folder, or below ``$KIEMTRA_HOME`` when it is set
(tests and portable installs use that).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "KiemTra"

_INSTALL_ROOT = Path(__file__).resolve().parent.parent


def install_root() -> Path:
    return _INSTALL_ROOT


def checklists_dir() -> Path:
    return _INSTALL_ROOT / "checklists"


def resources_dir() -> Path:
    return _INSTALL_ROOT / "resources"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def data_dir() -> Path:
    """The folder holding the database, evidence files and backups (created on demand)."""
    home = os.environ.get("KIEMTRA_HOME")
    path = Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = os.environ.get("KIEMTRA_HOME")
    path = Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "kiemtra.sqlite3"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def evidence_dir() -> Path:
    path = data_dir() / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path
