"""Field laptops with wrong clocks: merges and "since the last export" never trust time.

Each machine is a real ``kiemtra`` process with its own data folder; a laptop's wrong clock
is made for real with libfaketime (LD_PRELOAD), so every timestamp that process writes is
in 2019 or 2031 while the office writes today's. Merges decide from what each side has
seen (the audit trail), and exports follow the database's own change sequence.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

LIBFAKETIME = next(
    iter(
        sorted(
            glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
            + glob.glob("/usr/lib/faketime/libfaketime.so.1")
        )
    ),
    None,
)
pytestmark = [
    pytest.mark.faults,  # real processes under wrong clocks, many of them
    pytest.mark.skipif(
        LIBFAKETIME is None, reason="libfaketime is not installed (scripts/test installs it)"
    ),
]

RENAME = """
import sys, uuid
from pathlib import Path
from models.audit import Editor
from models.opening import open_database
from models.services.units import rename_unit

database = open_database(Path(sys.argv[1]))
with database.session() as session:
    editor = Editor(database.device.id, sys.argv[4])
    rename_unit(session, editor, uuid.UUID(sys.argv[2]), sys.argv[3])
database.close()
"""
CHECKLIST = "07-tb-cb-2021"  # asked of every unit
PERIOD = "Tuần 38/2021"


@dataclass
class Machine:
    """A PC or laptop: its own data folder (so its own device id) and database file."""

    name: str
    home: Path
    db: Path

    def env(self, clock: str | None) -> dict[str, str]:
        env = dict(os.environ, KIEMTRA_HOME=str(self.home))
        if clock is not None:
            env.update(LD_PRELOAD=str(LIBFAKETIME), FAKETIME=f"@{clock}")
        return env

    def kiemtra(self, *args: str, clock: str | None = None, code: int = 0) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "qt_app", "--db", str(self.db), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env(clock),
            timeout=180,
        )
        assert result.returncode == code, result.stdout + result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        return result.stdout

    def rename(self, unit: str, name: str, *, clock: str | None = None) -> None:
        subprocess.run(
            [sys.executable, "-c", RENAME, str(self.db), unit, name, self.name],
            env=self.env(clock),
            check=True,
            timeout=180,
        )

    def export(self, path: Path, *options: str, clock: str | None = None) -> str:
        return self.kiemtra("bundle", "export", "-o", str(path), *options, clock=clock)

    def merge(self, path: Path, *options: str, code: int = 0) -> dict:
        return json.loads(
            self.kiemtra("bundle", "import", str(path), "--json", *options, code=code)
        )

    def unit_name(self, unit: str) -> str:
        units = json.loads(self.kiemtra("units", "list", "--json", "--all"))
        return next(u["name"] for u in units if u["id"] == unit)

    def audit_years(self, action: str) -> list[int]:
        connection = sqlite3.connect(self.db)
        try:
            rows = connection.execute(
                "SELECT at FROM audit_entries WHERE action = ? ORDER BY at", (action,)
            ).fetchall()
        finally:
            connection.close()
        return [int(at[:4]) for (at,) in rows]


@pytest.fixture
def office(tmp_path: Path) -> Machine:
    (tmp_path / "office").mkdir()
    return Machine("Văn phòng", tmp_path / "office", tmp_path / "office" / "office.sqlite3")


@pytest.fixture
def laptop(tmp_path: Path) -> Machine:
    (tmp_path / "laptop").mkdir()
    return Machine("Lê Thanh Tra", tmp_path / "laptop", tmp_path / "laptop" / "laptop.sqlite3")


@pytest.fixture
def unit(office: Machine, laptop: Machine, tmp_path: Path) -> str:
    """A unit the office made and sent to the laptop."""
    unit = office.kiemtra("units", "add", "HTX Chè Tiên Yên", "--kind", "htx").strip()
    office.export(tmp_path / "setup.ktb")
    laptop.merge(tmp_path / "setup.ktb")
    return unit


def conflicts(report: dict) -> list[tuple[str, object, object]]:
    return [(c["field"], c["mine"], c["theirs"]) for c in report["plan"]["conflicts"]]


def test_a_rename_under_a_2019_clock_is_kept_in_both_directions(office, laptop, unit, tmp_path):
    """It used to be dropped on both sides with no conflict: the office's row looked newer."""
    laptop.rename(unit, "HTX Chè Tiên Yên (Đông Ngũ)", clock="2019-06-01 08:00:00")
    assert laptop.audit_years("rename") == [2019]  # the clock really was wrong
    # The office, which has not seen the rename, sends its bundle first: the laptop keeps it.
    office.export(tmp_path / "office.ktb")
    report = laptop.merge(tmp_path / "office.ktb")
    assert not conflicts(report) and report["plan"]["updated_units"] == 0
    assert laptop.unit_name(unit) == "HTX Chè Tiên Yên (Đông Ngũ)"
    # The laptop's bundle reaches the office: the office takes the rename, without conflict.
    laptop.export(tmp_path / "laptop.ktb", clock="2019-06-01 17:00:00")
    report = office.merge(tmp_path / "laptop.ktb")
    assert not conflicts(report) and report["plan"]["updated_units"] == 1
    assert office.unit_name(unit) == "HTX Chè Tiên Yên (Đông Ngũ)"
    # And back again: nothing left to change on either side.
    office.export(tmp_path / "office-2.ktb")
    report = laptop.merge(tmp_path / "office-2.ktb")
    assert not conflicts(report) and report["plan"]["updated_units"] == 0
    assert laptop.unit_name(unit) == "HTX Chè Tiên Yên (Đông Ngũ)"


def test_a_2031_clock_does_not_overwrite_a_later_office_rename(office, laptop, unit, tmp_path):
    """It used to overwrite it silently: the laptop's row looked newer."""
    laptop.rename(unit, "HTX Chè (thực địa)", clock="2031-01-01 08:00:00")
    office.rename(unit, "HTX Chè (văn phòng)")  # later, by the real clock
    assert laptop.audit_years("rename") == [2031]
    laptop.export(tmp_path / "laptop.ktb")
    office.export(tmp_path / "office.ktb")
    # Both sides renamed since they last met: a conflict, seen from either side, and nothing
    # is written until someone chooses.
    report = office.merge(tmp_path / "laptop.ktb", code=1)
    assert conflicts(report) == [("name", "HTX Chè (văn phòng)", "HTX Chè (thực địa)")]
    assert office.unit_name(unit) == "HTX Chè (văn phòng)"
    report = laptop.merge(tmp_path / "office.ktb", code=1)
    assert conflicts(report) == [("name", "HTX Chè (thực địa)", "HTX Chè (văn phòng)")]
    assert laptop.unit_name(unit) == "HTX Chè (thực địa)"
    # The office keeps its own name; its next bundle brings the laptop round without asking.
    report = office.merge(tmp_path / "laptop.ktb", "--prefer", "mine")
    assert report["result"]["kept_mine"] == 1
    assert office.unit_name(unit) == "HTX Chè (văn phòng)"
    office.export(tmp_path / "office-2.ktb")
    report = laptop.merge(tmp_path / "office-2.ktb")
    assert not conflicts(report)
    assert laptop.unit_name(unit) == "HTX Chè (văn phòng)"


def test_taking_theirs_in_a_unit_conflict(office, laptop, unit, tmp_path):
    laptop.rename(unit, "HTX Chè (thực địa)", clock="2019-06-01 08:00:00")
    office.rename(unit, "HTX Chè (văn phòng)")
    laptop.export(tmp_path / "laptop.ktb")
    report = office.merge(tmp_path / "laptop.ktb", "--prefer", "theirs")
    assert report["result"]["took_theirs"] == 1
    assert office.unit_name(unit) == "HTX Chè (thực địa)"
    office.export(tmp_path / "office.ktb")
    report = laptop.merge(tmp_path / "office.ktb")
    assert not conflicts(report) and laptop.unit_name(unit) == "HTX Chè (thực địa)"


def test_since_last_export_follows_changes_not_the_clock(office, laptop, unit, tmp_path):
    """After an export under a 2031 clock and the clock set right, the next "since the last
    export" carried 0 answers although one had just been given."""
    assessment = office.kiemtra(
        "assessments", "start", "--unit", unit, "--checklist", CHECKLIST, "--period", PERIOD
    ).strip()
    office.export(tmp_path / "assessment.ktb")
    laptop.merge(tmp_path / "assessment.ktb")
    wrong = "2031-03-01 08:00:00"
    laptop.kiemtra("assessments", "answer", assessment, "1", "dat", clock=wrong)
    first = laptop.export(tmp_path / "first.ktb", "--since-last-export", clock=wrong)
    assert first.startswith(f"{tmp_path / 'first.ktb'}: 1 ")
    # The clock is put right; a new answer is given today.
    laptop.kiemtra("assessments", "answer", assessment, "2", "chua-dat")
    assert laptop.audit_years("answer") == [dt.date.today().year, 2031]
    second = laptop.export(tmp_path / "second.ktb", "--since-last-export")
    assert "1 bài đánh giá" in second and "0 câu trả lời" not in second
    report = office.merge(tmp_path / "second.ktb")
    assert report["result"]["took_theirs"] == 2  # both answers reach the office
    shown = json.loads(office.kiemtra("assessments", "show", assessment, "--json"))
    answers = {item["code"]: item["answer"] for item in shown["items"] if item["answer"]}
    assert answers == {"1": "dat", "2": "chua-dat"}
    # Nothing changed since: the next export carries nothing.
    third = laptop.export(tmp_path / "third.ktb", "--since-last-export")
    assert "0 bài đánh giá" in third
    # A unit renamed since the last export travels too, though no answer changed.
    laptop.rename(unit, "HTX Chè Tiên Yên (mới)", clock=wrong)
    fourth = laptop.export(tmp_path / "fourth.ktb", "--since-last-export")
    assert "0 bài đánh giá" in fourth
    report = office.merge(tmp_path / "fourth.ktb")
    assert office.unit_name(unit) == "HTX Chè Tiên Yên (mới)"
