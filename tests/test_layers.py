"""The core stays headless: models and reports import and work with Qt made unimportable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in BLOCKED:
            raise ImportError(f'{name} must not be imported here')
sys.meta_path.insert(0, Block())
"""


def run_blocked(blocked: set[str], code: str) -> subprocess.CompletedProcess[str]:
    program = f"BLOCKED = {blocked!r}\n{BLOCKER}\n{code}"
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def modules(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_models_import_without_qt_or_report_libraries():
    code = f"import importlib\nfor m in {modules('models')!r}: importlib.import_module(m)\n"
    result = run_blocked(
        {"PySide6", "shiboken6", "qt_app", "reports", "openpyxl", "reportlab"}, code
    )
    assert result.returncode == 0, result.stderr


def test_reports_import_without_qt():
    code = f"import importlib\nfor m in {modules('reports')!r}: importlib.import_module(m)\n"
    result = run_blocked({"PySide6", "shiboken6", "qt_app"}, code)
    assert result.returncode == 0, result.stderr
