"""`kiemtra import-directive` as a user runs it: JSON shape, files written, publishing, and
bad input refused on one line with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import paths
from models.checklist_file import load_checklist_file, load_themes

SOURCES = paths.checklists_dir() / "sources"
THONG_BAO = SOURCES / "2021-08-23_TB-TU-hoi-nghi-23-8.txt"


def run(*args, db=None, check=True, stdin=None):
    command = [sys.executable, "-m", "qt_app", *(["--db", str(db)] if db else []), *args]
    result = subprocess.run(
        command, capture_output=True, env=dict(os.environ), timeout=120, input=stdin
    )
    result.stdout = result.stdout.decode("utf-8")
    result.stderr = result.stderr.decode("utf-8")
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_json_has_the_shape_of_checklists_show_plus_warnings():
    data = json.loads(run("import-directive", str(THONG_BAO), "--json").stdout)
    assert {"id", "version", "title", "directive", "items", "warnings"} <= set(data)
    assert set(data["directive"]) == {"number", "kind", "issuer", "issued_on", "subject"}
    assert data["directive"]["number"] is None and data["directive"]["kind"] == "Thông báo"
    codes = []

    def walk(items):
        for item in items:
            shape = {
                "code",
                "label",
                "requirement",
                "source",
                "themes",
                "critical",
                "role",
                "valid_until",
                "addressees",
                "addressed_bodies",
                "children",
            }
            assert shape <= set(item) <= shape | {"proposed"}  # what was proposed, and why
            codes.append(item["code"])
            walk(item["children"])

    walk(data["items"])
    assert codes == [
        "1",
        "2",
        "3",
        "4",
        "4.1",
        "4.2",
        "4.3",
        "5",
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "6",
        "7",
        "8",
    ]
    assert all(isinstance(w, str) and " / " in w for w in data["warnings"])


def test_plain_output_lists_the_items_and_warns_on_stderr():
    result = run("import-directive", str(SOURCES / "2021-06-07_2810-UBND-KGVX.txt"))
    assert "2810/UBND-KGVX" in result.stdout and "\n1 " in result.stdout
    assert "No numbering was recognised" in result.stderr


def test_output_file_is_a_valid_checklist_beside_its_source(tmp_path):
    target = tmp_path / "thong-bao-23-8.yaml"
    result = run("import-directive", str(THONG_BAO), "-o", str(target))
    assert "thong-bao-23-8.yaml" in result.stdout
    spec = load_checklist_file(target, {t.id for t in load_themes()})
    assert spec.slug == "thong-bao-23-8" and spec.item_count() == 15
    assert (tmp_path / "sources" / "thong-bao-23-8.txt").is_file()
    assert "OK" in run("checklists", "validate", str(target)).stdout


def test_pasted_text_on_stdin():
    text = "Số: 5/TB-VP\n\nTHÔNG BÁO\n\n1) Đeo khẩu trang.\n2) Khai báo y tế.\n"
    data = json.loads(run("import-directive", "-", "--json", stdin=text.encode("utf-16")).stdout)
    assert [i["label"] for i in data["items"]] == ["1)", "2)"]
    assert data["document"]["encoding"] == "utf-16"


@pytest.mark.slow  # several kiemtra processes
def test_publish_installs_a_checklist_and_then_a_new_version(db_path):
    run("import-directive", str(THONG_BAO), "--publish", "--id", "tb-23-8", db=db_path)
    again = run(
        "import-directive", str(THONG_BAO), "--publish", "--id", "tb-23-8", "--json", db=db_path
    )
    assert json.loads(again.stdout)["published"]["version"] == 2
    shown = json.loads(run("checklists", "show", "tb-23-8", "--json", db=db_path).stdout)
    assert shown["version"] == 2 and len(shown["items"]) == 8
    assert shown["items"][3]["children"][1]["label"] == "(2)"


@pytest.mark.parametrize(
    "content, name",
    [
        (b"", "trong.txt"),
        (bytes(range(256)) * 20, "nhi-phan.txt"),
        (b"not a zip at all", "hong.docx"),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_written(tmp_path, content, name):
    source = tmp_path / name
    source.write_bytes(content)
    target = tmp_path / "out" / "danh-muc.yaml"
    target.parent.mkdir()
    result = run("import-directive", str(source), "-o", str(target), check=False)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("kiemtra: ")
    assert "Traceback" not in result.stderr
    assert list(target.parent.iterdir()) == []


def test_a_50_mb_file_and_a_bad_id(tmp_path):
    big = tmp_path / "lon.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run("--lang", "en", "import-directive", str(big), check=False)
    assert result.returncode == 1 and "too large" in result.stderr
    result = run(
        "import-directive", str(THONG_BAO), "-o", str(tmp_path / "Sai Ten.yaml"), check=False
    )
    assert result.returncode == 1 and not (tmp_path / "Sai Ten.yaml").exists()
    assert not (tmp_path / "sources").exists()


def test_id_needs_publish_and_the_command_needs_a_file():
    assert run("import-directive", str(THONG_BAO), "--id", "x", check=False).returncode == 2
    assert run("import-directive", check=False).returncode == 2


def test_import_directive_does_not_import_qt(tmp_path):
    code = (
        "import sys\nfrom qt_app.cli import main\n"
        f"main(['import-directive', {str(THONG_BAO)!r}, '--json'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_help_mentions_the_command():
    assert "import-directive" in run("--help").stdout
    assert Path(THONG_BAO).is_file()


def test_a_printed_pdf_on_the_command_line(tmp_path):
    from tests.directive_corpus import corpus
    from tests.directive_papers import render

    source = tmp_path / "ke-hoach-215.pdf"
    source.write_bytes(render(corpus()["plan-215-KH-PYT"].paper))
    data = json.loads(run("import-directive", "--json", str(source)).stdout)
    assert data["id"] == "215-kh-pyt-2021" and data["document"]["pages"] == 1
    assert data["document"]["encoding"] == "pdf"
    assert data["directive"]["issuer"] == "Phòng Y tế huyện (UBND huyện Tiên Yên)"
    assert data["document"]["issuer_printed"] == "PHÒNG Y TẾ HUYỆN (UBND HUYỆN TIÊN YÊN)"
    letters = data["items"][1]["children"][0]["children"]
    assert letters[2]["notes"] == [
        "Chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện tại chỗ và hậu cần tại chỗ."
    ]
    assert letters[2]["page"] == 1 and "notes" not in letters[0]
    target = tmp_path / "out" / "215-kh-pyt-2021.yaml"
    target.parent.mkdir()
    plain = run("import-directive", str(source), "-o", str(target))
    assert "[chú thích / note] Chỉ huy tại chỗ" in plain.stdout
    spec = load_checklist_file(target, {t.id for t in load_themes()})
    assert spec.item_count() == 15  # the checklist file holds no draft-only fields


def test_item_warnings_go_to_stderr_with_their_code():
    from tests.test_directive_pdf import OCR_SLIPS

    result = run("import-directive", "-", stdin=OCR_SLIPS.encode("utf-8"))
    warned = [line for line in result.stderr.splitlines() if "mục / item III:" in line]
    assert len(warned) == 1 and "'Il.'" in warned[0]


def test_plain_output_shows_each_proposal_with_the_words_behind_it():
    """The text a reviewer reads says what --json says was proposed, item by item, with the
    directive's own words, in the vocabulary's labels."""
    from models.vocabulary import ITEM_MARKS, ITEM_ROLES, UNIT_KINDS

    data = json.loads(run("import-directive", str(THONG_BAO), "--json").stdout)
    lines = run("import-directive", str(THONG_BAO)).stdout.splitlines()[4:]  # after the header
    shown: dict[str, list[str]] = {}
    code = ""
    for line in lines:
        text = line.strip()
        if text.startswith("[đề xuất / proposed] "):
            shown[code].append(text.removeprefix("[đề xuất / proposed] "))
        elif not text.startswith("["):
            code = text.split()[0]
            shown[code] = []
    items, stack = {}, list(data["items"])
    while stack:
        item = stack.pop()
        items[item["code"]] = item
        stack.extend(item["children"])
    assert set(shown) == set(items)
    for code, item in items.items():
        quoted = sorted(line.split(" — “", 1)[1].removesuffix("”") for line in shown[code])
        assert quoted == sorted(item.get("proposed", {}).values()), code
    assert shown["1"] == []  # nothing proposed, nothing said
    heading, to_whom, until = shown["4"]
    assert heading.startswith(f"{ITEM_ROLES['heading'][0]} / {ITEM_ROLES['heading'][1]} — ")
    assert to_whom.startswith(
        f"{ITEM_MARKS['addressed-to'][0]} / {ITEM_MARKS['addressed-to'][1]}: Sở Giáo dục và Đào tạo"
    )
    assert until.startswith(f"{ITEM_MARKS['valid-until'][0]} / {ITEM_MARKS['valid-until'][1]}: ")
    assert "05/09/2021 — “Về khai giảng năm học mới 2021 - 2022:" in until
    kinds = ", ".join(UNIT_KINDS[k][0] for k in items["5.1"]["addressees"])
    assert shown["5.1"] == [
        f"{to_whom.split(':')[0]}: {kinds} — “{items['5.1']['proposed']['addressees']}”"
    ]
