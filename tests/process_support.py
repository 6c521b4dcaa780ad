"""Real processes for the database fault tests: the `kiemtra` command, and a second process
that keeps a database open and saves answers, reporting each once it is committed."""

from __future__ import annotations

import datetime as dt
import os
import pwd
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from models.audit import Editor
from models.catalog import install_checklist
from models.checklist_file import ChecklistSpec, DirectiveSpec, ItemSpec
from models.device import LocalDevice
from models.entities import ChecklistItem, ChecklistVersion
from models.opening import open_database
from models.services.answers import record_answer
from models.services.assessments import start_assessment
from models.services.units import create_unit

ROOT = Path(__file__).resolve().parent.parent
#: Fifteen plain requirements, all asked of the cooperative (a shipped directive asks a
#: cooperative only some of its items, and the service refuses the rest).
CHECKLIST = "thu-15-muc"


def plain_checklist() -> ChecklistSpec:
    items = [
        ItemSpec(str(n), f"{n}.", f"Yêu cầu số {n}", f"Nội dung mục {n} của văn bản thử.")
        for n in range(1, 16)
    ]
    directive = DirectiveSpec(
        "15/KH-THU", "Kế hoạch", "Ban thử", "Quảng Ninh", dt.date(2021, 9, 1), None,
        "V/v thử ghi", "thu.txt", True,
    )  # fmt: skip
    return ChecklistSpec(CHECKLIST, 1, "Danh mục thử 15 mục", directive, items, "0" * 64, "")


#: Records one answer per item code given after the database path, printing each once it is
#: committed; then one more answer for every line on stdin; closes when stdin ends.
WRITER = """
import sys
from sqlalchemy import select
from models.audit import Editor
from models.catalog import install_checklist
from models.checklist_file import ChecklistSpec, DirectiveSpec, ItemSpec
from models.entities import Assessment, ChecklistItem
from models.opening import open_database
from models.services.answers import record_answer

database = open_database(sys.argv[1])
editor = Editor(database.device.id, "writer")
with database.session() as session:
    assessment = session.scalars(select(Assessment)).one()
    items = {
        item.code: item.id
        for item in session.scalars(
            select(ChecklistItem).where(ChecklistItem.version_id == assessment.version_id)
        )
    }
    codes = sys.argv[2:]
    for code in codes[:-1]:
        record_answer(session, editor, assessment.id, items[code], "dat")
        print("SAVED", code, flush=True)
    print("READY", flush=True)
    for _line in sys.stdin:
        record_answer(session, editor, assessment.id, items[codes[-1]], "chua-dat")
        print("SAVED", codes[-1], flush=True)
database.close()
"""


def kiemtra(
    *args: str, cwd: Path = ROOT, user: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``kiemtra ARGS`` in a process of its own (as another ``user``, if given)."""
    command = [*as_user(user), sys.executable, "-m", "qt_app", *args]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def as_user(user: str | None) -> list[str]:
    """The command prefix that runs a program as ``user`` (util-linux's setpriv).

    That user may read every file (CAP_DAC_READ_SEARCH, as the interpreter may lie under a
    private home) but write only where its own permissions allow: what matters here.
    """
    if user is None:
        return []
    account = pwd.getpwnam(user)
    return [
        "setpriv",
        f"--reuid={account.pw_uid}",
        f"--regid={account.pw_gid}",
        "--clear-groups",
        "--inh-caps=+dac_read_search",
        "--ambient-caps=+dac_read_search",
    ]


def python(
    code: str,
    *args: str,
    stdin: int | None = None,
    user: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*as_user(user), sys.executable, "-c", code, *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def answers_in(path: Path, *, wal: bool = True) -> int:
    """Answers given in ``path`` (``wal=False``: in the file alone, ignoring any -wal)."""
    uri = f"{path.as_uri()}?mode=ro" + ("" if wal else "&immutable=1")
    con = sqlite3.connect(uri, uri=True)
    try:
        return con.execute("SELECT count(*) FROM answers WHERE status IS NOT NULL").fetchone()[0]
    finally:
        con.close()


def item_codes(path: Path, device: LocalDevice) -> list[str]:
    database = open_database(path, device=device)
    try:
        with database.session() as session:
            version = session.scalars(
                select(ChecklistVersion).where(ChecklistVersion.checklist.has(slug=CHECKLIST))
            ).first()
            assert version is not None
            return list(
                session.scalars(
                    select(ChecklistItem.code)
                    .where(ChecklistItem.version_id == version.id)
                    .where(ChecklistItem.answer_type == "status")
                    .order_by(ChecklistItem.position)
                )
            )
    finally:
        database.close()


def with_answers(path: Path, device: LocalDevice, editor: Editor, count: int) -> None:
    """A database with one unit, one assessment and ``count`` answers, closed."""
    database = open_database(path, device=device)
    try:
        with database.begin() as session:
            install_checklist(session, plain_checklist(), origin="user", device_id=device.id)
        with database.session() as session:
            version = session.scalars(
                select(ChecklistVersion).where(ChecklistVersion.checklist.has(slug=CHECKLIST))
            ).first()
            assert version is not None
            unit = create_unit(session, editor, "HTX Dịch vụ Nông nghiệp Yên Đức", "htx")
            assessment = start_assessment(session, editor, unit, version.id, "Tuần 38/2021")
            items = session.scalars(
                select(ChecklistItem.id)
                .where(ChecklistItem.version_id == version.id)
                .where(ChecklistItem.answer_type == "status")
                .order_by(ChecklistItem.position)
            ).all()
            for item in items[:count]:
                record_answer(session, editor, assessment, item, "dat")
    finally:
        database.close()


def start_writer(path: Path, codes: list[str]) -> subprocess.Popen[str]:
    """A second process with the database open that has saved one answer per code but the
    last, and saves another whenever it is sent a line."""
    writer = python(WRITER, str(path), *codes, stdin=subprocess.PIPE)
    assert writer.stdout is not None
    for line in writer.stdout:
        if line.startswith("READY"):
            return writer
    _out, err = writer.communicate(timeout=60)
    raise AssertionError(err)
