"""The five shipped checklists: codes, verbatim sources, themes; bad files are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from models import paths
from models.catalog import list_checklists, show_checklist, sync_shipped_checklists
from models.checklist_file import (
    ChecklistFileError,
    load_checklist_dir,
    load_checklist_file,
    load_themes,
)
from models.text import clean_source

THEME_IDS = [
    "5k",
    "khai-bao-y-te",
    "kiem-soat-ra-vao",
    "3-tai-cho",
    "4-tai-cho",
    "3-truoc",
    "gian-cach",
    "xet-nghiem-cach-ly",
    "truyen-thong",
    "kiem-tra-bao-cao",
    "trach-nhiem",
    "phuong-an",
]

EXPECTED_CODES = {
    "451-cv-lmhtx-2021": ["1", "2", "3"],
    "07-tb-cb-2021": [str(n) for n in range(1, 11)],
    "tb-tu-hoi-nghi-23-8-2021": [
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
    ],
    "761-cv-tu-2021": ["1", "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4", "5", "6"],
    "2810-ubnd-kgvx-2021": ["1", "2", "3", "4", "5", "6"],
}


def shipped():
    themes, specs, problems = load_checklist_dir()
    assert problems == []
    return {spec.slug: spec for spec in specs}


def test_themes_have_the_fixed_ids():
    assert [t.id for t in load_themes()] == THEME_IDS


def test_every_checklist_has_the_expected_codes():
    specs = shipped()
    assert sorted(specs) == sorted(EXPECTED_CODES)
    for slug, codes in EXPECTED_CODES.items():
        assert [item.code for item, _, _ in specs[slug].walk()] == codes, slug


def test_labels_follow_the_printed_numbering():
    specs = shipped()
    labels = {item.code: item.label for item, _, _ in specs["tb-tu-hoi-nghi-23-8-2021"].walk()}
    assert labels["4"] == "4." and labels["4.2"] == "(2)" and labels["5.4"] == "(4)"
    labels = {item.code: item.label for item, _, _ in specs["761-cv-tu-2021"].walk()}
    assert labels["3"] == "3." and all(labels[f"3.{n}"] == "-" for n in range(1, 7))
    assert all(item.label == "" for item, _, _ in specs["2810-ubnd-kgvx-2021"].walk())


@pytest.mark.parametrize("slug", sorted(EXPECTED_CODES))
def test_sources_are_verbatim_in_order_and_do_not_overlap(slug):
    """Each line of a source is the directive's own words; an item's lines come in the
    text's order; no two items quote the same words; top-level items follow the text."""
    spec = shipped()[slug]
    text = clean_source(spec.directive.source_text)
    spans: list[tuple[int, int, str]] = []
    for item, _, _ in spec.walk():
        cursor = 0
        for line in item.source.split("\n"):
            assert line, f"{slug} {item.code}: empty source line"
            found = text.find(line, cursor)
            assert found >= 0, f"{slug} {item.code}: not verbatim or out of order: {line[:60]}"
            assert text.find(line, found + 1) < 0, f"{slug} {item.code}: ambiguous quote"
            spans.append((found, found + len(line), item.code))
            cursor = found + len(line)
    spans.sort()
    for (_, end, code), (start, _, next_code) in zip(spans, spans[1:], strict=False):
        assert end <= start, f"{slug}: {code} and {next_code} quote the same words"
    firsts = [text.find(item.source.split("\n")[0]) for item in spec.items]
    assert firsts == sorted(firsts)


def test_source_text_is_shipped_and_equals_the_original():
    shared = Path(__file__).resolve().parents[2] / "shared" / "directives"
    for spec in shipped().values():
        shipped_file = paths.checklists_dir() / spec.directive.source_file
        assert shipped_file.is_file()
        original = shared / shipped_file.name
        if original.exists():  # ../shared is beside the clone in development and CI
            assert shipped_file.read_bytes() == original.read_bytes()


def test_unknowns_stay_unknown_and_the_cut_text_is_marked():
    specs = shipped()
    assert specs["tb-tu-hoi-nghi-23-8-2021"].directive.number is None
    assert specs["761-cv-tu-2021"].directive.issued_on is None
    assert str(specs["451-cv-lmhtx-2021"].directive.issued_on) == "2021-09-28"
    assert specs["451-cv-lmhtx-2021"].directive.source_complete is False
    item3 = specs["451-cv-lmhtx-2021"].items[2]
    assert item3.source_incomplete and item3.source.endswith("gắn trách nhiệm")
    assert all(s.directive.source_complete for k, s in specs.items() if k != "451-cv-lmhtx-2021")


def test_items_are_tagged_by_meaning():
    specs = shipped()

    def themes_of(slug, code):
        return next(i.themes for i, _, _ in specs[slug].walk() if i.code == code)

    assert "kiem-soat-ra-vao" in themes_of("451-cv-lmhtx-2021", "2")
    assert "khai-bao-y-te" in themes_of("07-tb-cb-2021", "4")  # Bluezone
    assert "3-tai-cho" in themes_of("tb-tu-hoi-nghi-23-8-2021", "5.4")
    assert "khai-bao-y-te" in themes_of("2810-ubnd-kgvx-2021", "6")
    for spec in specs.values():
        for item, _, _ in spec.walk():
            assert set(item.themes) <= set(THEME_IDS)
            assert item.requirement and "*" not in item.source


def test_database_holds_the_shipped_checklists(any_database):
    with any_database.session() as session:
        rows = list_checklists(session)
        assert [r["id"] for r in rows] == sorted(EXPECTED_CODES)
        counts = {r["id"]: r["item_count"] for r in rows}
        assert counts == {slug: len(codes) for slug, codes in EXPECTED_CODES.items()}
        shown = show_checklist(session, "761-cv-tu-2021")
        assert [c["code"] for c in shown["items"][2]["children"]] == [f"3.{n}" for n in range(1, 7)]


# -- bad files ------------------------------------------------------------------------------


@pytest.fixture
def checklist_copy(tmp_path, monkeypatch):
    target = tmp_path / "checklists"
    shutil.copytree(paths.checklists_dir(), target)
    monkeypatch.setattr(paths, "_INSTALL_ROOT", tmp_path)
    return target


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_wrong_file_is_reported_with_file_code_and_field_and_others_load(checklist_copy):
    edit(
        checklist_copy / "761-cv-tu-2021.yaml",
        lambda d: d["items"][2]["children"][1].pop("requirement"),
    )
    edit(
        checklist_copy / "07-tb-cb-2021.yaml",
        lambda d: d["items"][3].__setitem__("themes", ["khong-co"]),
    )
    _, specs, problems = load_checklist_dir(checklist_copy)
    assert len(specs) == 3
    by_file = {p.file: p for p in problems}
    assert by_file["761-cv-tu-2021.yaml"].code == "3.2"
    assert "requirement" in str(by_file["761-cv-tu-2021.yaml"])
    assert by_file["07-tb-cb-2021.yaml"].code == "4"
    assert by_file["07-tb-cb-2021.yaml"].field_name == "themes"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"- just\n- a list\n",
        b"schema: 1\nid: [unclosed\n",
        b"\xff\xfe\x00garbage",
        b"schema: 2\nid: x\n",
        b"a: &a [*a, *a]\n",
    ],
)
def test_malformed_files_give_clear_errors(tmp_path, content):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(ChecklistFileError) as caught:
        load_checklist_file(path, set(THEME_IDS))
    assert "bad.yaml" in caught.value.vi and "bad.yaml" in caught.value.en


def test_duplicate_and_misplaced_codes_are_refused(checklist_copy):
    path = checklist_copy / "2810-ubnd-kgvx-2021.yaml"
    edit(path, lambda d: d["items"][1].__setitem__("code", "1"))
    with pytest.raises(ChecklistFileError, match="duplicate item code"):
        load_checklist_file(path, set(THEME_IDS))
    edit(path, lambda d: d["items"][1].__setitem__("code", "1.5"))
    with pytest.raises(ChecklistFileError, match="top-level"):
        load_checklist_file(path, set(THEME_IDS))


def test_changed_content_without_a_new_version_is_refused(checklist_copy, db_path, device):
    from models.opening import open_database

    db = open_database(db_path, device=device)
    with db.session() as session:
        before = show_checklist(session, "451-cv-lmhtx-2021")
    edit(
        checklist_copy / "451-cv-lmhtx-2021.yaml",
        lambda d: d["items"][0].__setitem__("requirement", "Một yêu cầu khác"),
    )
    problems = sync_shipped_checklists(db)
    assert any("451-cv-lmhtx-2021.yaml" in p and "without a new version" in p for p in problems)
    with db.session() as session:
        assert show_checklist(session, "451-cv-lmhtx-2021") == before
    # With a new version number the change is accepted as version 3; version 2 stays.
    edit(checklist_copy / "451-cv-lmhtx-2021.yaml", lambda d: d.__setitem__("version", 3))
    assert sync_shipped_checklists(db) == []
    with db.session() as session:
        assert show_checklist(session, "451-cv-lmhtx-2021")["version"] == 3
        assert show_checklist(session, "451-cv-lmhtx-2021", 2) == before
    db.close()


# -- who must do what (issue 16) ------------------------------------------------------------

#: Every item of the five checklists as reviewed against its directive: role, unit kinds
#: and named bodies it is addressed to (empty: every unit), critical, valid until.
LOCAL = ("tinh", "huyen", "xa")
BCS = ("Ban cán sự đảng Ủy ban nhân dân tỉnh",)
GD = ("Sở Giáo dục và Đào tạo",)
EVERYONE = ("requirement", (), (), None)
REVIEWED = {
    "451-cv-lmhtx-2021": {code: EVERYONE for code in ("1", "2", "3")},
    "07-tb-cb-2021": {str(n): EVERYONE for n in range(1, 11)},
    "2810-ubnd-kgvx-2021": {
        "1": EVERYONE,
        "2": ("requirement", ("co-quan", *LOCAL), (), None),
        "3": EVERYONE,
        "4": EVERYONE,
        "5": EVERYONE,
        "6": ("requirement", ("co-quan", *LOCAL), (), None),
    },
    "761-cv-tu-2021": {
        "1": ("requirement", (*LOCAL, "doan-the"), (), None),
        "2": ("requirement", ("huyen",), (), None),
        "3": ("heading", (), BCS, None),
        "3.1": ("requirement", ("tinh",), BCS, None),
        "3.2": ("requirement", ("huyen", "xa"), BCS, None),
        "3.3": ("requirement", LOCAL, BCS, None),
        "3.4": ("requirement", ("co-quan", "huyen", "xa"), BCS, None),
        "3.5": ("requirement", ("co-quan", "huyen", "xa"), BCS, None),
        "3.6": ("requirement", ("tinh",), BCS, None),
        "4": ("requirement", (*LOCAL, "co-quan"), (), None),
        "5": ("requirement", (*LOCAL, "doan-the", "doanh-nghiep", "htx"), (), None),
        "6": ("requirement", (), ("Ban Tuyên giáo Tỉnh ủy",), None),
    },
    "tb-tu-hoi-nghi-23-8-2021": {
        "1": EVERYONE,
        "2": ("requirement", ("huyen", "xa"), (), None),
        "3": ("requirement", (*LOCAL, "co-so-y-te"), (), None),
        "4": ("heading", ("truong-hoc", "huyen", "xa"), GD, "2021-09-05"),
        "4.1": ("requirement", ("truong-hoc",), GD, "2021-09-05"),
        "4.2": ("requirement", ("truong-hoc",), GD, "2021-09-05"),
        "4.3": ("requirement", ("truong-hoc", "huyen", "xa"), GD, "2021-09-05"),
        "5": ("heading", ("doanh-nghiep", "htx", "huyen"), (), None),
        **{f"5.{n}": ("requirement", ("doanh-nghiep", "htx"), (), None) for n in range(1, 5)},
        "6": ("requirement", (*LOCAL, "doan-the"), (), None),
        "7": ("requirement", ("huyen", "xa"), (), None),
        "8": ("requirement", ("tinh", "huyen"), (), None),
    },
}
CRITICAL = {
    "451-cv-lmhtx-2021": {"2"},
    "07-tb-cb-2021": {"3", "5", "9"},
    "2810-ubnd-kgvx-2021": {"1", "4", "5"},
    "761-cv-tu-2021": {"3.2"},
    "tb-tu-hoi-nghi-23-8-2021": {"2", "3", "4.2", "5.2"},
}


@pytest.mark.parametrize("slug", sorted(REVIEWED))
def test_each_item_has_its_reviewed_role_addressees_and_critical_reason(slug):
    spec = shipped()[slug]
    assert spec.version == 2  # reviewed for issue 16; version 1 stays for its answers
    found = {
        item.code: (
            item.role,
            tuple(item.addressees),
            tuple(item.addressed_bodies),
            item.valid_until.isoformat() if item.valid_until else None,
        )
        for item, _, _ in spec.walk()
    }
    assert found == REVIEWED[slug]
    assert {item.code for item, _, _ in spec.walk() if item.critical} == CRITICAL[slug]
    for item, _, _ in spec.walk():
        assert bool(item.critical_reason) == item.critical, item.code
        if item.role == "heading":
            assert item.children and not item.critical


def test_summaries_keep_who_and_force_of_the_source():
    specs = shipped()
    items = {i.code: i for i, _, _ in specs["tb-tu-hoi-nghi-23-8-2021"].walk()}
    assert "được đi khai giảng bình thường" in items["4.1"].requirement  # a permission
    assert not items["4.1"].requirement.startswith("Chỉ")
    items = {i.code: i for i, _, _ in specs["761-cv-tu-2021"].walk()}
    assert items["6"].requirement.startswith("Ban Tuyên giáo Tỉnh ủy chủ trì")


def test_a_wrong_role_or_addressee_is_reported_with_its_item(checklist_copy):
    path = checklist_copy / "761-cv-tu-2021.yaml"
    edit(path, lambda d: d["items"][0].update(addressees=["hop-tac"]))
    with pytest.raises(ChecklistFileError) as caught:
        load_checklist_file(path)
    assert caught.value.code == "1" and caught.value.field_name == "addressees"
    edit(path, lambda d: d["items"][0].update(addressees=[], role="heading"))
    with pytest.raises(ChecklistFileError, match="heading must have children"):
        load_checklist_file(path)
    edit(path, lambda d: (d["items"][0].pop("role"), d["items"][2].update(critical=True)))
    with pytest.raises(ChecklistFileError, match="only a requirement can be critical"):
        load_checklist_file(path)
