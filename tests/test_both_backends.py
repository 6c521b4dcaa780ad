"""Every `kiemtra` command and every export, on a SQLite file and on a real PostgreSQL server.

The same demo data (same seed, so the same ids) goes into both. Each command runs on both as
a user runs it and must say the same thing: the same JSON and text, the same workbook cells,
the same PDF text. Commands that write run the same steps on two fresh databases and must
leave the same result (ids the databases made are compared by order of appearance). What
only a SQLite file can do (its backups) is refused on PostgreSQL with one clear line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models import paths
from models.bundle import read_bundle
from models.demo import generate_demo
from models.device import LocalDevice
from models.opening import open_database
from qt_app.cli import main
from reports.batch import batch_export
from reports.xlsx_form import FIRST_ITEM_ROW, FORM_SHEET

BACKENDS = ("sqlite", "postgresql")
DEVICE = LocalDevice(id=uuid.UUID("00000000-0000-4000-8000-0000000000bb"), name="may-van-phong")
AS_OF = "15/10/2021"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Backend:
    name: str
    target: str


@pytest.fixture(scope="module")
def demo(pg_server, tmp_path_factory) -> Iterator[dict[str, Backend]]:
    """The demo data, once per backend for the whole module."""
    home = tmp_path_factory.mktemp("both-home")
    targets = {
        "sqlite": str(tmp_path_factory.mktemp("both") / "demo.sqlite3"),
        "postgresql": pg_server.url(pg_server.create_database(template=pg_server.template)),
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIEMTRA_HOME", str(home))
        for target in targets.values():
            database = open_database(target, device=DEVICE)
            try:
                generate_demo(database, units=12, seed=4)
            finally:
                database.close()
    yield {name: Backend(name, target) for name, target in targets.items()}


@pytest.fixture
def fresh(pg_url, tmp_path) -> dict[str, Backend]:
    """Two empty, migrated databases (the shipped checklists only)."""
    return {
        "sqlite": Backend("sqlite", str(tmp_path / "fresh.sqlite3")),
        "postgresql": Backend("postgresql", pg_url),
    }


@pytest.fixture
def kiemtra(capsys):
    """Run one command in this process, as `kiemtra --db TARGET ARGS…`."""

    def run(backend: Backend, *args: str) -> Result:
        capsys.readouterr()
        code = main(["--db", backend.target, *args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(code, captured.out, captured.err)

    return run


def same_on_both(kiemtra, backends, *args: str) -> Result:
    """Run a command on both backends and check it says the same thing on each."""
    first, second = (kiemtra(backends[name], *args) for name in BACKENDS)
    assert first == second, args
    return first


def ids(text: str) -> str:
    """Ids a database made, hashes and clock times, named by their order of appearance."""
    seen: dict[str, str] = {}

    def name(match: re.Match[str]) -> str:
        return seen.setdefault(match[0], f"<{len(seen)}>")

    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", name, text)
    text = re.sub(r"\b[0-9a-f]{64}\b", "<hash>", text)
    return re.sub(r"\b\d\d:\d\d:\d\d\b", "<time>", text)


def cells(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# -- reading ----------------------------------------------------------------------------------

READS = [
    ["checklists", "list", "--json"],
    ["checklists", "show", "451-cv-lmhtx-2021", "--json"],
    ["checklists", "show", "761-cv-tu-2021"],
    ["units", "list", "--json"],
    ["units", "list", "--all"],
    ["units", "list", "--search", "hop tac xa", "--json"],
    ["rounds", "list", "--json"],
    ["rounds", "show", "{round}", "--as-of", AS_OF, "--json"],
    ["rounds", "show", "{round}", "--as-of", AS_OF],
    ["rounds", "missing", "{round}", "--as-of", AS_OF, "--json"],
    ["assessments", "list", "--json"],
    ["assessments", "list"],
    ["assessments", "list", "--period", "Tuần 39/2021", "--json"],
    ["assessments", "list", "--unit", "{unit}", "--json"],
    ["assessments", "show", "{submitted}", "--json"],
    ["assessments", "show", "{draft}"],
    ["assessments", "verify"],
    ["db", "check"],
]


def chosen(kiemtra, demo) -> dict[str, str]:
    listed = json.loads(kiemtra(demo["sqlite"], "assessments", "list", "--json").out)
    rounds = json.loads(kiemtra(demo["sqlite"], "rounds", "list", "--json").out)
    submitted = next(a for a in listed if a["status"] == "submitted" and a["failed_critical"])
    draft = next(a for a in listed if a["status"] == "draft")
    return {
        "submitted": submitted["id"],
        "draft": draft["id"],
        "unit": submitted["unit_id"],
        "round": rounds[0]["id"],
        "inspected": next(r["id"] for r in rounds if r["kind"] == "kiem-tra"),
    }


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c))
def test_every_reading_command_says_the_same_on_both(kiemtra, demo, command):
    values = chosen(kiemtra, demo)
    result = same_on_both(kiemtra, demo, *(part.format(**values) for part in command))
    assert result.code == 0 and result.out.strip(), result.err


def test_database_information_differs_only_in_where_it_is(kiemtra, demo):
    infos = {name: json.loads(kiemtra(demo[name], "db", "info", "--json").out) for name in BACKENDS}
    where = {"database", "backend", "size_bytes"}
    assert {k: v for k, v in infos["sqlite"].items() if k not in where} == {
        k: v for k, v in infos["postgresql"].items() if k not in where
    }
    assert infos["sqlite"]["answers"] > 0


# -- exporting --------------------------------------------------------------------------------

EXPORTS = [
    ["export", "assessment", "{submitted}"],
    ["export", "assessment", "{draft}"],
    ["export", "summary", "--round", "Tuần 39/2021"],
    ["export", "summary", "--round", "2021-W37"],
    ["export", "summary", "--from", "01/09/2021", "--to", "30/09/2021"],
    ["export", "form", "--checklist", "451-cv-lmhtx-2021"],
    ["export", "form", "--checklist", "761-cv-tu-2021", "--unit", "{unit}", "--period", "2021-W40"],
    ["rounds", "show", "{round}", "--as-of", AS_OF],
    ["rounds", "missing", "{round}", "--as-of", AS_OF],
    ["compare", "--round", "{inspected}"],
]


@pytest.mark.parametrize("suffix", ["xlsx", "pdf"])
@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: " ".join(c[:3]))
def test_every_export_writes_the_same_file_on_both(kiemtra, demo, tmp_path, command, suffix):
    values = chosen(kiemtra, demo)
    read = cells if suffix == "xlsx" else pdf_text
    found = {}
    for name in BACKENDS:
        out = tmp_path / f"{name}.{suffix}"
        args = [part.format(**values) for part in command]
        result = kiemtra(demo[name], *args, "-o", str(out))
        assert result.code == 0, result.err
        found[name] = read(out)
    assert found["sqlite"] == found["postgresql"]
    assert found["sqlite"]


@pytest.mark.parametrize("mode", ["units", "summary"])
def test_the_window_batch_export_writes_the_same_files_from_both(demo, tmp_path, mode):
    """What the window's "Xuất theo kỳ" runs in the background, from either database."""
    found = {}
    for name in BACKENDS:
        database = open_database(demo[name].target, device=DEVICE)
        target = tmp_path / name
        target.mkdir()
        if mode == "summary":
            target = target / "tong-hop.xlsx"
        try:
            result = batch_export(
                database, "2021-W39", mode, "xlsx", target, threading.Event(), lambda *_: None
            )
        finally:
            database.close()
        assert not result.cancelled and result.files
        found[name] = {Path(f).name: cells(Path(f)) for f in result.files}
    assert found["sqlite"] == found["postgresql"]


@pytest.mark.parametrize("which", [[], ["--assessment", "{submitted}"]], ids=["all", "one"])
def test_the_audit_trail_exports_the_same_on_both(kiemtra, demo, tmp_path, which):
    values = chosen(kiemtra, demo)
    found = {}
    for name in BACKENDS:
        out = tmp_path / f"{name}.xlsx"
        args = [part.format(**values) for part in which]
        assert kiemtra(demo[name], "audit", "export", *args, "-o", str(out)).code == 0
        found[name] = cells(out)
    assert found["sqlite"] == found["postgresql"]
    assert len(found["sqlite"]["Nhật ký"]) > 1


def test_bundles_carry_the_same_records_from_both(kiemtra, demo, tmp_path):
    records = {}
    for name in BACKENDS:
        out = tmp_path / f"{name}.ktb"
        assert (
            kiemtra(demo[name], "bundle", "export", "--round", "2021-W38", "-o", str(out)).code == 0
        )
        verified = kiemtra(demo[name], "bundle", "verify", str(out))
        assert verified.code == 0, verified.err
        records[name] = {
            table: sorted((without_clock(table, row) for row in rows), key=repr)
            for table, rows in read_bundle(out).records.items()
            if table != "devices"  # every machine that opened the database, tests included
        }
        dry = kiemtra(demo[name], "bundle", "import", str(out), "--dry-run", "--json")
        assert dry.code == 0, dry.err
    assert records["sqlite"] == records["postgresql"]
    assert records["sqlite"]["assessments"]


def without_clock(table: str, row: dict) -> dict:
    """A record without what each database stamped itself with when it was made: the shipped
    checklists are installed (when, by which device) and this machine first seen on opening."""
    if table not in OPENING_STAMPED:
        return row
    return {k: v for k, v in row.items() if k not in OPENING_STAMPS}


OPENING_STAMPED = {"devices", "directives", "checklists", "checklist_versions", "checklist_items"}
OPENING_STAMPS = {"created_at", "updated_at", "first_seen_at", "published_at", "device_id"}


# -- writing ----------------------------------------------------------------------------------


def test_a_unit_and_its_assessment_from_start_to_delete(kiemtra, fresh):
    def steps(backend: Backend) -> list[str]:
        said = []

        def say(*args: str) -> str:
            result = kiemtra(backend, *args)
            assert result.code == 0, (args, result.err)
            said.append(ids(result.out))
            return result.out.strip()

        province = json.loads(say("units", "add", "Tỉnh Quảng Ninh", "--kind", "tinh", "--json"))
        unit = say("units", "add", "HTX Chè Đường Hoa", "--kind", "htx", "--parent", province["id"])
        aid = say(
            "assessments",
            "start",
            "--unit",
            unit,
            "--checklist",
            "451-cv-lmhtx-2021",
            "--period",
            "Tuần 39/2021",
            "--assessor",
            "Lê Thị Hà",
        )
        for code, status in (("1", "dat"), ("2", "mot-phan"), ("3", "chua-dat")):
            say("assessments", "answer", aid, code, status)
        say("assessments", "submit", aid)
        say("assessments", "show", aid, "--json")
        say("assessments", "verify")
        say("assessments", "reopen", aid, "--reason", "Sửa mục 3")
        say("assessments", "answer", aid, "3", "dat")
        say("assessments", "list", "--json")
        mistake = say(
            "assessments",
            "start",
            "--unit",
            unit,
            "--checklist",
            "761-cv-tu-2021",
            "--period",
            "Tuần 39/2021",
        )
        say("assessments", "delete", mistake, "--reason", "Tạo nhầm")
        say("units", "list", "--json")
        return said

    assert steps(fresh["sqlite"]) == steps(fresh["postgresql"])


def test_rounds_from_add_to_reopen(kiemtra, fresh):
    def steps(backend: Backend) -> list[str]:
        said = []

        def say(*args: str) -> str:
            result = kiemtra(backend, *args)
            assert result.code == 0, (args, result.err)
            said.append(ids(result.out))
            return result.out.strip()

        units = [
            json.loads(say("units", "add", name, "--kind", "htx", "--json"))["id"]
            for name in ("HTX Đồng Tâm", "HTX Hòa Bình", "HTX Quyết Thắng")
        ]
        added = json.loads(
            say(
                "rounds",
                "add",
                "Tuần 39",
                "--checklist",
                "451-cv-lmhtx-2021",
                "--period",
                "Tuần 39/2021",
                "--due",
                "01/10/2021",
                "--unit",
                units[0],
                "--unit",
                units[1],
                "--json",
            )
        )
        round_id = added["id"]
        say("rounds", "edit", round_id, "--add-unit", units[2], "--due", "02/10/2021")
        aid = say(
            "assessments",
            "start",
            "--unit",
            units[0],
            "--checklist",
            "451-cv-lmhtx-2021",
            "--period",
            "Tuần 39/2021",
        )
        say("assessments", "answer", aid, "1", "dat")
        say("assessments", "submit", aid)
        say("rounds", "show", round_id, "--as-of", AS_OF, "--json")
        say("rounds", "missing", round_id, "--as-of", AS_OF, "--json")
        say("rounds", "close", round_id)
        say("rounds", "reopen", round_id)
        say("rounds", "list", "--json")
        return said

    first, second = steps(fresh["sqlite"]), steps(fresh["postgresql"])
    for a, b in zip(first, second, strict=True):
        assert a == b


def asked_codes(items: list[dict], kind: str, name: str, period: str) -> set[str]:
    """The codes of the items asked of a unit, by the one rule (models.item_scope)."""
    from models.item_scope import join_bodies, join_kinds, why_not_asked

    found: set[str] = set()
    for item in items:
        until = dt.date.fromisoformat(item["valid_until"]) if item["valid_until"] else None
        kinds, bodies = join_kinds(item["addressees"]), join_bodies(item["addressed_bodies"])
        if why_not_asked(item["role"], until, kinds, bodies, kind, name, period) is None:
            found.add(item["code"])
        found |= asked_codes(item["children"], kind, name, period)
    return found


def test_a_filled_in_form_imports_the_same_on_both(kiemtra, fresh, tmp_path):
    def steps(backend: Backend) -> list[str]:
        unit = kiemtra(backend, "units", "add", "UBND xã Đồng Rui", "--kind", "xa").out.strip()
        form = tmp_path / f"{backend.name}-form.xlsx"
        args = ["--checklist", "761-cv-tu-2021", "--unit", unit, "--period", "Tuần 38/2021"]
        assert kiemtra(backend, "export", "form", *args, "-o", str(form)).code == 0
        workbook = load_workbook(form)
        sheet = workbook[FORM_SHEET]
        # Only the rows of items the directive asks of a commune take an answer.
        shown = json.loads(kiemtra(backend, "checklists", "show", "761-cv-tu-2021", "--json").out)
        asked = asked_codes(shown["items"], "xa", "UBND xã Đồng Rui", "2021-W38")
        rows = [
            row
            for row in range(FIRST_ITEM_ROW, sheet.max_row + 1)
            if str(sheet.cell(row, 1).value or "").strip() in asked
        ]
        answers = ["Đạt", "chưa đạt", "Đạt một phần", "Không áp dụng"]
        assert len(rows) >= len(answers), rows
        for row, answer in zip(rows, answers, strict=False):
            sheet.cell(row, 3).value = answer
        sheet.cell(rows[1], 4).value = "Chưa có sổ theo dõi"
        workbook.save(form)
        said = []
        for extra in (["--dry-run"], [], []):  # check, import, import again (nothing changes)
            result = kiemtra(backend, "import", "form", str(form), "--json", *extra)
            assert result.code == 0, result.err
            said.append(ids(result.out.replace(str(form), "<form>")))
        listed = kiemtra(backend, "assessments", "list", "--json").out
        said.append(ids(listed))
        aid = re.search(r'"id": "([^"]+)"', listed)[1]
        said.append(ids(kiemtra(backend, "assessments", "show", aid, "--json").out))
        return said

    assert steps(fresh["sqlite"]) == steps(fresh["postgresql"])


def test_a_bundle_from_the_field_merges_the_same_into_both(kiemtra, demo, fresh, tmp_path):
    bundle = tmp_path / "tu-thuc-dia.ktb"
    assert (
        kiemtra(demo["sqlite"], "bundle", "export", "--round", "2021-W39", "-o", str(bundle)).code
        == 0
    )
    merged = same_on_both(kiemtra, fresh, "bundle", "import", str(bundle), "--json")
    assert merged.code == 0
    again = same_on_both(kiemtra, fresh, "bundle", "import", str(bundle), "--json")
    assert again.code == 0
    same_on_both(kiemtra, fresh, "assessments", "list", "--json")
    same_on_both(kiemtra, fresh, "assessments", "verify")


def test_a_directive_publishes_the_same_checklist_on_both(kiemtra, fresh):
    source = paths.checklists_dir() / "sources" / "2021-08-23_TB-TU-hoi-nghi-23-8.txt"
    published = same_on_both(
        kiemtra, fresh, "import-directive", str(source), "--publish", "--id", "tb-thu-nghiem"
    )
    assert published.code == 0
    shown = same_on_both(kiemtra, fresh, "checklists", "show", "tb-thu-nghiem", "--json")
    assert '"tb-thu-nghiem"' in shown.out


def test_demo_data_is_the_same_on_both(kiemtra, fresh):
    made = same_on_both(kiemtra, fresh, "demo", "--units", "3", "--seed", "9")
    assert made.code == 0 and "assessments" in made.out
    same_on_both(kiemtra, fresh, "assessments", "list", "--json")


def test_backups_are_a_sqlite_file_matter(kiemtra, fresh, tmp_path):
    sqlite, server = fresh["sqlite"], fresh["postgresql"]
    copy = tmp_path / "copy.sqlite3"
    assert kiemtra(sqlite, "units", "add", "HTX Đồng Tâm", "--kind", "htx").code == 0
    assert kiemtra(sqlite, "db", "backup", str(copy)).code == 0 and copy.exists()
    assert kiemtra(sqlite, "db", "backups", "--json").code == 0
    restored = kiemtra(sqlite, "db", "restore", str(copy))
    assert restored.code == 0, restored.err
    for args in (
        ["db", "backup", str(tmp_path / "pg.sqlite3")],
        ["db", "backups"],
        ["db", "restore", str(copy)],
    ):
        refused = kiemtra(server, *args)
        assert refused.code == 1 and refused.err.count("\n") == 1, (args, refused.err)
        assert "PostgreSQL" in refused.err or "SQLite" in refused.err
    assert not (tmp_path / "pg.sqlite3").exists()


def test_a_damaged_device_file_is_repaired_the_same_way_on_both(kiemtra, fresh):
    """The id this machine wrote with is checked against either database and written back."""
    from models.device import device_file

    said = []
    for backend in fresh.values():
        assert kiemtra(backend, "units", "add", "HTX Đồng Tâm", "--kind", "htx").code == 0
        device = device_file()
        kept = device.read_bytes()
        device.write_bytes(b"{ hong")
        mine = json.loads(kept)["id"]
        repaired = kiemtra(backend, "db", "repair-device", "--id", mine)
        assert repaired.code == 0, repaired.err
        assert device.read_bytes() == kept
        text = repaired.out.replace(str(device.parent), "<folder>")
        text = re.sub(r"\d+ (thay đổi|changes)", r"N \1", text)  # each database's own history
        said.append(re.sub(r"damaged-\d{8}-\d{6}", "damaged-<when>", text))
        for leftover in device.parent.glob(device.name + "*"):
            if leftover != device:
                leftover.unlink()
    assert said[0] == said[1]
