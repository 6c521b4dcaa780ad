"""The same directives typed in Word and saved as PDF by LibreOffice: the other way offices
make their PDFs (a header table of two columns, justified paragraphs with a first-line
indent, Times-like type), for the tests and the PDF library comparison."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

from tests.directive_papers import Paper

_REF = re.compile(r"\[\^\d+\]")


def paper_docx(paper: Paper) -> bytes:
    """The paper as a .docx: header columns in a borderless table, the body justified."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(13)
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    rows = max(len(paper.left), len(paper.right))
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, lines in ((0, paper.left), (1, paper.right)):
        for row, line in enumerate(lines):
            cell = table.cell(row, column)
            cell.width = Cm(6.5) if column == 0 else Cm(9.5)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(line)
            run.font.size = Pt(12.5)
            run.bold = line.isupper() and row > 0
    for n, line in enumerate(paper.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(14 if n == 0 else 13)
    for line in paper.recipients:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(3)
    for text in paper.body:
        paragraph = document.add_paragraph(_REF.sub("", text).replace("*", ""))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(3)
    closing = document.add_table(
        rows=max(len(paper.closing_left), len(paper.closing_right)), cols=2
    )
    for column, lines in ((0, paper.closing_left), (1, paper.closing_right)):
        for row, line in enumerate(lines):
            paragraph = closing.cell(row, column).paragraphs[0]
            if column == 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(line)
            run.font.size = Pt(11 if column == 0 and row else 13)
            run.bold = column == 1 or row == 0
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def office_pdf(paper: Paper) -> bytes:
    """LibreOffice's PDF of the paper's .docx (soffice must be installed)."""
    with tempfile.TemporaryDirectory(prefix="kiemtra-office-") as folder:
        source = Path(folder) / "van-ban.docx"
        source.write_bytes(paper_docx(paper))
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(folder) / "van-ban.pdf").read_bytes()
