"""The wheel carries everything: built, installed into a new venv, it lists the checklists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.frozen


def test_wheel_installs_into_a_fresh_venv_and_finds_its_data(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(dist.glob("kiemtra-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [
            str(bindir / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "KIEMTRA_DB"}}
    env["KIEMTRA_HOME"] = str(tmp_path / "home")
    result = subprocess.run(
        [str(bindir / "kiemtra"), "checklists", "list", "--json"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(json.loads(result.stdout)) == 5
    where = subprocess.run(
        [str(bindir / "python"), "-c", "import models; print(models.__file__)"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout  # the installed copy, not the source tree
    installed = Path(where.stdout.strip()).parent.parent
    assert (installed / "resources" / "fonts" / "LiberationSerif-Regular.ttf").is_file()
    assert (installed / "resources" / "translations" / "kiemtra_en.qm").is_file()
    assert (installed / "resources" / "guide" / "huong-dan.md").is_file()  # F1, with pictures
    assert (installed / "resources" / "guide" / "guide" / "answering.png").is_file()
    assert (installed / "checklists" / "sources" / "2021-08_761-CV-TU.txt").is_file()
