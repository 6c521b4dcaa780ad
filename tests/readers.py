"""The real readers the tests look at our files with: poppler's pdftotext and pdffonts, and
LibreOffice headless converting a workbook or a Word file as an office would open it.

One copy of each call, so every test reads files the same way (and a change of options,
such as LibreOffice's private profile, is made once)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path


def pdftotext(path: Path, *options: str) -> str:
    """The text of a PDF as poppler reads it (``-layout``, ``-bbox``, a crop… as options)."""
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def words(path: Path) -> str:
    """The text with every run of white space as one space (lines wrap where they wrap)."""
    return " ".join(pdftotext(path).split())


def pages(path: Path) -> list[str]:
    """The text of each page."""
    return pdftotext(path).split("\f")[:-1]


def soffice(
    files: Iterable[Path], outdir: Path, fmt: str = "pdf", profile: Path | None = None
) -> list[Path]:
    """Convert files with LibreOffice headless and return the converted files, in order; a
    file LibreOffice did not convert fails the test. Its own profile (beside ``outdir``
    unless given: conversions that share one start faster), so runs never collide."""
    files = list(files)
    outdir.mkdir(parents=True, exist_ok=True)
    profile = profile or outdir.with_name(outdir.name + "-profile")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    outputs = [outdir / f"{f.stem}.{fmt.split(':')[0]}" for f in files]
    missing = [p.name for p in outputs if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return outputs
