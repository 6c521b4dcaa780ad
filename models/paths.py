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

from models.errors import KnownError

APP_NAME = "KiemTra"

_INSTALL_ROOT = Path(__file__).resolve().parent.parent


def checklists_dir() -> Path:
    return _INSTALL_ROOT / "checklists"


def resources_dir() -> Path:
    return _INSTALL_ROOT / "resources"


def guide_file() -> Path:
    """The user guide (Markdown, with its pictures beside it): ``docs/`` in a source
    checkout; ``resources/guide/`` in a wheel and a PyInstaller bundle, which copy it there."""
    shipped = resources_dir() / "guide" / "huong-dan.md"
    return shipped if shipped.is_file() else _INSTALL_ROOT / "docs" / "huong-dan.md"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def make_folder(path: Path, what: tuple[str, str]) -> Path:
    """``path``, created if needed; a folder that cannot be made is a clear error, not an
    ``OSError`` (a locked-down profile, a read-only or full disk)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError(
            f"Không tạo được {what[0]} '{path}' ({exc.strerror or exc}). Hãy kiểm tra quyền "
            "ghi và dung lượng ổ đĩa, hoặc đặt KIEMTRA_HOME sang một thư mục ghi được.",
            f"Cannot create the {what[1]} '{path}' ({exc.strerror or exc}). Check the write "
            "permission and the free space, or point KIEMTRA_HOME at a writable folder.",
        ) from exc
    return path


DATA = ("thư mục dữ liệu", "data folder")
CONFIG = ("thư mục cấu hình", "configuration folder")
BACKUPS = ("thư mục sao lưu", "backups folder")
EVIDENCE = ("thư mục minh chứng", "evidence folder")


def data_dir(*, create: bool = True) -> Path:
    """The folder holding the database, evidence files and backups (created on demand)."""
    home = os.environ.get("KIEMTRA_HOME")
    path = Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, False))
    return make_folder(path, DATA) if create else path


def config_dir() -> Path:
    home = os.environ.get("KIEMTRA_HOME")
    path = Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, False))
    return make_folder(path, CONFIG)


def default_database_path() -> Path:
    return data_dir() / "kiemtra.sqlite3"


def backups_dir(*, create: bool = True) -> Path:
    path = data_dir(create=create) / "backups"
    return make_folder(path, BACKUPS) if create else path


def evidence_dir() -> Path:
    return make_folder(data_dir() / "evidence", EVIDENCE)
