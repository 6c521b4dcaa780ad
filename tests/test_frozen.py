"""The installable program: built with PyInstaller, it passes its own self-test offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.frozen


def test_pyinstaller_folder_passes_its_self_test(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--workpath",
            str(tmp_path / "build"),
            "--distpath",
            str(tmp_path / "dist"),
            str(ROOT / "packaging" / "kiemtra.spec"),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
        timeout=900,
    )
    folder = tmp_path / "dist" / "kiemtra"
    program = folder / ("kiemtra.exe" if os.name == "nt" else "kiemtra")
    assert (folder / ("KiemTra.exe" if os.name == "nt" else "KiemTra")).exists()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "KIEMTRA_HOME"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(tmp_path / "user")  # a user with nothing in their data folders
    result = subprocess.run(
        [str(program), "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert result.stdout.count("OK ") == 6
    # Scanned forms: the frozen program prints a form, and reads it back from a 150 dpi
    # picture (OpenCV, zxing-cpp and reportlab's QR widgets are all inside the folder).
    data = ["--db", str(tmp_path / "scan.sqlite3")]
    form = tmp_path / "phieu.pdf"
    printed = subprocess.run(
        [
            str(program),
            *data,
            "export",
            "form",
            "--checklist",
            "451-cv-lmhtx-2021",
            "-o",
            str(form),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert printed.returncode == 0, printed.stderr
    import cv2
    import pypdfium2

    page = pypdfium2.PdfDocument(str(form))[0].render(scale=150 / 72, grayscale=True).to_numpy()
    cv2.imwrite(str(tmp_path / "quet.png"), page if page.ndim == 2 else page[:, :, 0])
    read = subprocess.run(
        [str(program), *data, "import", "scan", str(tmp_path / "quet.png"), "--dry-run", "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "Traceback" not in read.stderr, read.stderr
    (found,) = json.loads(read.stdout)["forms"]  # a blank form, read; its unit not chosen
    assert found["pages"] == [1] and [row["code"] for row in found["rows"]] == ["1", "2", "3"]
    internal = folder / "_internal"
    assert (internal / "checklists" / "themes.yaml").is_file()
    assert (internal / "models" / "migrations" / "env.py").is_file()
    assert (internal / "resources" / "translations" / "kiemtra_en.qm").is_file()
    assert (internal / "resources" / "fonts" / "LiberationSerif-Regular.ttf").is_file()
    assert (internal / "resources" / "guide" / "huong-dan.md").is_file()  # F1, with pictures
    assert (internal / "resources" / "guide" / "guide" / "answering.png").is_file()
    qt = " ".join(p.name for p in internal.rglob("*Qt6*"))
    assert "WebEngine" not in qt and "Quick" not in qt and "Qml" not in qt
