"""scripts/fuzz, run as a developer runs it: what it finds comes out as @example lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow  # pytest inside pytest, rounds of random cases

CONFTEST = """
import os
from hypothesis import settings
settings.register_profile("fuzz", derandomize=False, database=None, max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
"""
TESTS = """
from hypothesis import HealthCheck, given, settings, strategies as st

@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(), name=st.text())
def test_small_numbers(tmp_path, n, name):
    assert n < 1000

@given(data=st.data())
def test_drawn(data):
    assert data.draw(st.integers(), label="count") < 50

@given(st.binary())
def test_bytes(raw):
    assert isinstance(raw, bytes)
"""


def fuzz(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fuzz"), "--rounds", "1", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=300,
    )


def test_what_fuzz_finds_is_printed_ready_to_paste(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_cases.py").write_text(TESTS)

    found = fuzz(tmp_path, str(tmp_path / "test_cases.py"))
    assert found.returncode == 1, found.stdout + found.stderr
    assert "@example(n=1000, name='')" in found.stdout  # shrunk; the fixture left out
    assert "Draw 1 (count): 50" in found.stdout  # st.data() cannot be an @example
    assert "test_bytes" not in found.stdout
    assert "2 failing case(s) found in 1 round(s)" in found.stdout

    calm = fuzz(tmp_path, str(tmp_path / "test_cases.py"), "-k", "bytes")
    assert calm.returncode == 0, calm.stdout + calm.stderr
    assert "Nothing found in 1 round(s)." in calm.stdout


def test_a_broken_run_is_not_taken_for_nothing_found(tmp_path: Path) -> None:
    broken = fuzz(tmp_path, str(tmp_path / "missing.py"))
    assert broken.returncode == 2
    assert "file or directory not found" in broken.stderr
