"""The `kiemtra` command as a user runs it: exit codes, JSON shapes, no Qt when headless."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from qt_app.cli import main


def run(*args, db=None, check=True):
    env = dict(os.environ)
    command = [sys.executable, "-m", "qt_app", *(["--db", str(db)] if db else []), *args]
    result = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_help_is_quick_and_imports_nothing_heavy():
    code = (
        "import sys, io, contextlib\nfrom qt_app.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    try: main(['--help'])\n"
        "    except SystemExit: pass\n"
        "heavy = [m for m in ('PySide6', 'sqlalchemy', 'openpyxl', 'reportlab', 'yaml')"
        " if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_headless_commands_do_not_import_qt(db_path):
    code = (
        "import sys\nfrom qt_app.cli import main\n"
        f"main(['--db', {str(db_path)!r}, 'checklists', 'list', '--json'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow  # a kiemtra process per checklist
def test_checklists_list_and_show_json_shapes(db_path):
    listed = json.loads(run("checklists", "list", "--json", db=db_path).stdout)
    assert {r["id"] for r in listed} >= {"451-cv-lmhtx-2021", "761-cv-tu-2021"}
    for row in listed:
        assert set(row) == {"id", "version", "title", "directive", "item_count"}
        assert set(row["directive"]) == {"number", "kind", "issuer", "issued_on", "subject"}
    shown = json.loads(
        run("checklists", "show", "tb-tu-hoi-nghi-23-8-2021", "--json", db=db_path).stdout
    )
    assert set(shown) == {"id", "version", "title", "directive", "items"}
    item4 = shown["items"][3]
    assert set(item4) == {  # every field of the checklist file
        "code",
        "label",
        "requirement",
        "source",
        "source_incomplete",
        "themes",
        "critical",
        "critical_reason",
        "weight",
        "answer_type",
        "role",
        "addressees",
        "addressed_bodies",
        "valid_until",
        "children",
    }
    assert item4["role"] == "heading" and item4["valid_until"] == "2021-09-05"
    assert [c["code"] for c in item4["children"]] == ["4.1", "4.2", "4.3"]
    assert shown["directive"]["number"] is None


@pytest.mark.slow  # a dozen kiemtra processes
def test_units_add_and_list(db_path):
    province = json.loads(
        run("units", "add", "Tỉnh Quảng Ninh", "--kind", "tinh", "--json", db=db_path).stdout
    )["id"]
    run("units", "add", "HTX Chè Đường Hoa", "--kind", "htx", "--parent", province, db=db_path)
    units = json.loads(run("units", "list", "--json", db=db_path).stdout)
    assert {u["name"] for u in units} == {"Tỉnh Quảng Ninh", "HTX Chè Đường Hoa"}
    child = next(u for u in units if u["kind"] == "htx")
    assert child["parent_id"] == province
    found = json.loads(run("units", "list", "--search", "duong hoa", "--json", db=db_path).stdout)
    assert [u["name"] for u in found] == ["HTX Chè Đường Hoa"]


@pytest.mark.slow  # a dozen kiemtra processes
def test_assessment_flow_from_the_command_line(db_path):
    unit = run("units", "add", "HTX Thủy sản Quan Lạn", "--kind", "htx", db=db_path).stdout.strip()
    assessment = run(
        "assessments",
        "start",
        "--unit",
        unit,
        "--checklist",
        "451-cv-lmhtx-2021",
        "--period",
        "Tuần 39/2021",
        db=db_path,
    ).stdout.strip()
    run("assessments", "answer", assessment, "1", "dat", db=db_path)
    run("assessments", "answer", assessment[:8], "2", "mot-phan", db=db_path)
    run("assessments", "answer", assessment[:8], "2", "dat", db=db_path)
    detail = json.loads(run("assessments", "show", assessment, "--json", db=db_path).stdout)
    assert detail["score"]["compliance"] == 100.0
    assert detail["score"]["coverage"] == 66.7
    assert detail["period_label"] == "Tuần 39/2021"
    run("assessments", "submit", assessment, db=db_path)
    locked = run("assessments", "answer", assessment, "3", "dat", db=db_path, check=False)
    assert locked.returncode == 1
    assert "khoá" in locked.stderr and "Traceback" not in locked.stderr
    listed = json.loads(run("assessments", "list", "--json", db=db_path).stdout)
    assert listed[0]["status"] == "submitted"


@pytest.mark.slow  # a kiemtra process per case
@pytest.mark.parametrize(
    "args",
    [
        ["checklists", "show", "khong-co"],
        ["units", "add", "X", "--kind", "ngan-hang"],
        ["units", "add", "X", "--kind", "htx", "--parent", "not-a-uuid"],
        ["assessments", "show", "ffff"],
    ],
)
def test_user_errors_exit_1_with_one_line(db_path, args):
    result = run(*args, db=db_path, check=False)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("kiemtra: ")


def test_english_messages(db_path):
    result = run("--lang", "en", "checklists", "show", "khong-co", db=db_path, check=False)
    assert result.stderr.strip() == "kiemtra: Checklist 'khong-co' not found."


@pytest.mark.parametrize("args", [["frobnicate"], ["units"], ["demo", "--units", "many"]])
def test_wrong_usage_exits_2(args):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2


def test_bad_database_file_is_a_user_error(tmp_path):
    path = tmp_path / "thu.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database")
    result = run("db", "info", db=path, check=False)
    assert result.returncode == 1
    assert "không phải là cơ sở dữ liệu Kiểm tra" in result.stderr
    assert path.read_bytes() == b"PK\x03\x04 not a database"


def test_validate_reports_each_file(tmp_path):
    from models import paths

    good = paths.checklists_dir() / "07-tb-cb-2021.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nid: bad\n", encoding="utf-8")
    result = run("checklists", "validate", str(good), str(bad), check=False)
    assert result.returncode == 1
    assert "OK  " in result.stdout and "bad.yaml" in result.stdout


@pytest.mark.slow  # a dozen kiemtra processes
def test_db_info_check_backup(db_path, tmp_path):
    run("demo", "--units", "5", db=db_path)
    info = json.loads(run("db", "info", "--json", db=db_path).stdout)
    assert info["units"] == 5 + 14 and info["answers"] > 0 and info["schema_revision"]
    assert "OK" in run("db", "check", db=db_path).stdout
    backup = run("db", "backup", str(tmp_path), db=db_path).stdout.strip()
    copy = json.loads(run("db", "info", "--json", db=backup).stdout)
    assert copy["answers"] == info["answers"]


def closed_reader(*args, db=None):
    """``kiemtra ARGS | head`` at its worst: the reader is gone before the first line."""
    command = [sys.executable, "-m", "qt_app", *(["--db", str(db)] if db else []), *args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    ) as process:
        process.stdout.close()
        err = process.stderr.read()
        return process.wait(timeout=120), err


@pytest.mark.slow  # a kiemtra process per case
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["checklists", "list"],
        ["checklists", "show", "761-cv-tu-2021", "--json"],
        ["units", "list", "--json"],
    ],
)
def test_a_reader_that_stops_reading_ends_the_command_quietly(db_path, args):
    status, err = closed_reader(*args, db=db_path)
    assert status in (0, 141), err  # 141: as for any tool ended by SIGPIPE
    assert err == ""


@pytest.mark.slow  # several kiemtra processes
def test_a_change_is_kept_when_only_its_printout_is_cut_short(db_path):
    status, err = closed_reader("units", "add", "HTX Bình Minh", "--kind", "htx", db=db_path)
    assert status in (0, 141) and err == ""
    assert [u["name"] for u in json.loads(run("units", "list", "--json", db=db_path).stdout)] == [
        "HTX Bình Minh"
    ]
