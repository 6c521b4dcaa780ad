"""Hostile and odd checklist files: always a clear message, never a crash or a hang."""

from __future__ import annotations

import re
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import paths
from models.checklist_file import ChecklistFileError, load_checklist_file, load_themes
from models.errors import InvalidInput
from models.services.units import create_unit

FIXTURES = [HealthCheck.function_scoped_fixture]
THEMES = {theme.id for theme in load_themes()}
GOOD = (paths.checklists_dir() / "451-cv-lmhtx-2021.yaml").read_text(encoding="utf-8")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)


def attempt(path):
    started = time.perf_counter()
    try:
        load_checklist_file(path, THEMES)
    except ChecklistFileError as error:
        assert error.vi and error.en and path.name in error.en
    assert time.perf_counter() - started < 5


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURES)
@given(raw=st.binary(max_size=2000))
def test_random_bytes(tmp_path, raw):
    path = tmp_path / "451-cv-lmhtx-2021.yaml"
    path.write_bytes(raw)
    attempt(path)


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURES)
@given(value=json_values)
def test_random_structures(tmp_path, value):
    path = tmp_path / "451-cv-lmhtx-2021.yaml"
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    attempt(path)


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURES)
@given(
    field=st.sampled_from(
        [
            "code",
            "label",
            "requirement",
            "source",
            "themes",
            "critical",
            "weight",
            "answer_type",
            "children",
        ]
    ),
    value=json_values,
)
def test_a_real_file_with_one_field_replaced(tmp_path, field, value):
    data = yaml.safe_load(GOOD)
    data["items"][1][field] = value
    path = tmp_path / "451-cv-lmhtx-2021.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    attempt(path)


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
    f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
    for n in range(9)
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (BILLION_LAUGHS, "too many elements"),
        (
            GOOD.split("items:")[0] + BILLION_LAUGHS.replace("a:", "x-a:") + "items: *j\n",
            "too many elements",
        ),
        ("schema: 1\nid: x\n" + "[" * 5000 + "]" * 5000, "YAML"),
        (GOOD.replace("Tiếp tục quán triệt", "Tiếp tục\u202equán triệt"), "U+202E"),
        (GOOD.replace("Tiếp tục quán triệt", "Tiếp tục\x07quán triệt"), "#x0007"),
        (re.sub(r"(?m)^version: (\d+)$", r"version: '\1'", GOOD), "version"),
        (
            re.sub(r"(?m)^(version: \d+)$", r"\1\n!!python/object:os.system {}: 1", GOOD),
            "YAML",
        ),
        ("x" * 3_000_000, ""),
    ],
)
def test_corpus_of_malformed_files(tmp_path, content, expected):
    path = tmp_path / "451-cv-lmhtx-2021.yaml"
    path.write_text(content, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ChecklistFileError) as caught:
        load_checklist_file(path, THEMES)
    assert expected in caught.value.en
    assert time.perf_counter() - started < 5


def test_a_100_mb_file_is_refused_at_once(tmp_path):
    path = tmp_path / "451-cv-lmhtx-2021.yaml"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(ChecklistFileError, match="too large"):
        load_checklist_file(path, THEMES)
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("name", ["HTX\u202eABC", "HTX\x00", "\u2066HTX"])
def test_hidden_characters_in_user_text_are_refused(any_database, editor, name):
    with any_database.session() as session, pytest.raises(InvalidInput, match="hidden"):
        create_unit(session, editor, name, "htx")
