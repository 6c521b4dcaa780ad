"""Directives on paper, made for the tests and benchmarks: PDFs laid out the way offices print
them (Nghị định 30/2020/NĐ-CP: issuer and "Số:" left, Quốc hiệu and place/date right, a
centred title, justified paragraphs with a first-line indent, footnotes at the foot of the
page, a running header and page numbers), and scans of them: pages rasterised, turned a
little, speckled and blurred, stamped with the address of the site they were copied from.

Nothing is fetched: the text comes from the five shipped source directives and from plans
written here; reportlab sets it in the shipped Liberation Serif.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts

WIDTH, HEIGHT = 595.27, 841.89
LEFT, RIGHT, TOP, BOTTOM = 85.0, 57.0, 57.0, 62.0
BODY = WIDTH - LEFT - RIGHT
SIZE, LEADING = 13.0, 16.5
NOTE_SIZE, NOTE_LEADING = 10.0, 12.0
_REF = re.compile(r"\[\^(\d+)\]")


@dataclass
class Paper:
    """A directive as it is printed."""

    left: list[str]  # issuer lines, "Số: …", then subject lines ("V/v …") under them
    right: list[str]  # Quốc hiệu, Tiêu ngữ, place and date
    title: list[str] = field(default_factory=list)  # kind and title lines, centred
    recipients: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # paragraphs; "[^1]" cites footnote 1
    footnotes: dict[str, str] = field(default_factory=dict)
    closing_left: list[str] = field(default_factory=list)  # Nơi nhận
    closing_right: list[str] = field(default_factory=list)  # signature block
    running: str | None = None  # running header from page 2
    numbers: str = "top"  # page numbers: "top" (NĐ30: from page 2) or "bottom" ("- 2 -")
    stamp: str | None = None  # a web address printed at the foot of every page


class _Writer:
    def __init__(self, paper: Paper) -> None:
        register_fonts()
        self.paper = paper
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=(WIDTH, HEIGHT), invariant=1)
        self.page = 1
        self.y = HEIGHT - TOP
        self.notes: list[str] = []  # footnotes due at the foot of this page

    def floor(self, extra_notes: list[str] = ()) -> float:  # type: ignore[assignment]
        notes = self.notes + [n for n in extra_notes if n not in self.notes]
        height = sum(len(self.note_lines(n)) * NOTE_LEADING for n in notes)
        return BOTTOM + (height + 10 if notes else 0)

    def note_lines(self, mark: str) -> list[str]:
        return wrap(self.paper.footnotes[mark], REGULAR, NOTE_SIZE, BODY - 8)

    def new_page(self) -> None:
        self.finish_page()
        self.canvas.showPage()
        self.page += 1
        self.y = HEIGHT - TOP
        c = self.canvas
        if self.paper.numbers == "top":
            c.setFont(REGULAR, 12)
            c.drawCentredString(WIDTH / 2, HEIGHT - 35, str(self.page))
        if self.paper.running:
            c.setFont(ITALIC, 10)
            c.drawString(
                LEFT,
                HEIGHT - 35 if self.paper.numbers != "top" else HEIGHT - 48,
                self.paper.running,
            )
            self.y -= 6

    def finish_page(self) -> None:
        c = self.canvas
        if self.notes:
            y = BOTTOM + sum(len(self.note_lines(n)) for n in self.notes) * NOTE_LEADING
            c.setLineWidth(0.5)
            c.line(LEFT, y + 6, LEFT + 120, y + 6)
            for mark in self.notes:
                for i, line in enumerate(self.note_lines(mark)):
                    y -= NOTE_LEADING
                    x = LEFT
                    if i == 0:
                        c.setFont(REGULAR, 7)
                        c.drawString(x, y + 4, mark)
                        x += stringWidth(mark, REGULAR, 7) + 1
                    c.setFont(REGULAR, NOTE_SIZE)
                    c.drawString(x, y, line)
            self.notes = []
        if self.paper.numbers == "bottom":
            c.setFont(REGULAR, 11)
            c.drawCentredString(WIDTH / 2, 30, f"- {self.page} -")
        if self.paper.stamp:
            c.setFont(ITALIC, 9)
            c.drawRightString(WIDTH - RIGHT, 20, self.paper.stamp)

    def columns(
        self,
        left: list[tuple[str, str, float]],
        right: list[tuple[str, str, float]],
        left_centre: float,
        right_centre: float,
    ) -> None:
        for i in range(max(len(left), len(right))):
            for lines, centre in ((left, left_centre), (right, right_centre)):
                if i < len(lines):
                    text, font, size = lines[i]
                    self.canvas.setFont(font, size)
                    self.canvas.drawCentredString(centre, self.y, text)
            self.y -= 15.5

    def header(self) -> None:
        paper = self.paper
        left: list[tuple[str, str, float]] = []
        for n, line in enumerate(paper.left):
            font = BOLD if n == len([x for x in paper.left if x.isupper()]) - 1 else REGULAR
            if line.startswith(("Số", "V/v")):
                font = REGULAR
            for part in wrap(line, font, 12.5, 200):
                left.append((part, font, 12.5))
        right = []
        for n, line in enumerate(paper.right):
            font, size = (BOLD, 12.0) if n == 0 else (BOLD, 13.0) if n == 1 else (ITALIC, 13.0)
            while stringWidth(line, font, size) > 250:
                size -= 0.5
            right.append((line, font, size))
        self.columns(left, right, LEFT + 100, LEFT + 100 + 230)
        self.y -= 12
        for n, line in enumerate(paper.title):
            font, size = (BOLD, 14.0) if n == 0 else (BOLD, 13.0)
            for part in wrap(line, font, size, BODY - 40):
                self.canvas.setFont(font, size)
                self.canvas.drawCentredString(LEFT + BODY / 2, self.y, part)
                self.y -= LEADING
        if paper.title:
            self.y -= 8
        for line in paper.recipients:
            for part in wrap(line, REGULAR, SIZE, BODY - 110):
                self.canvas.setFont(REGULAR, SIZE)
                self.canvas.drawString(LEFT + 90, self.y, part)
                self.y -= LEADING
        self.y -= 6

    def paragraph(self, text: str) -> None:
        heading = _is_heading(text)
        font = BOLD if heading else REGULAR
        words = text.replace("*", "").split()
        lines = _justify_lines(words, font, BODY - 28, BODY)
        for n, line in enumerate(lines):
            refs = _REF.findall(" ".join(line))
            if self.y - LEADING < self.floor(refs):
                self.new_page()
            self.notes += [r for r in refs if r not in self.notes]
            indent = 28 if n == 0 else 0
            last = n == len(lines) - 1
            self.draw_line(line, font, LEFT + indent, BODY - indent, justify=not last)
            self.y -= LEADING
        self.y -= 3

    def draw_line(self, words: list[str], font: str, x: float, width: float, justify: bool) -> None:
        plain = [_REF.sub("", w) for w in words]
        natural = sum(stringWidth(w, font, SIZE) for w in plain)
        marks = sum(stringWidth("".join(_REF.findall(w)), REGULAR, 8) for w in words)
        gaps = len(words) - 1
        space = stringWidth(" ", font, SIZE)
        if justify and gaps:
            space = (width - natural - marks) / gaps
        c = self.canvas
        for word in words:
            parts = _REF.split(word)
            for i, part in enumerate(parts):
                if i % 2 == 0:
                    c.setFont(font, SIZE)
                    c.drawString(x, self.y, part)
                    x += stringWidth(part, font, SIZE)
                else:
                    c.setFont(REGULAR, 8)
                    c.drawString(x + 0.5, self.y + 5, part)
                    x += stringWidth(part, REGULAR, 8) + 0.5
            x += space

    def closing(self) -> None:
        paper = self.paper
        left = [(paper.closing_left[0], BOLD_ITALIC, 12.0)] if paper.closing_left else []
        left += [(line, REGULAR, 11.0) for line in paper.closing_left[1:]]
        right = [(line, BOLD, 13.0) for line in paper.closing_right]
        needed = max(len(left), len(right)) * 15.5 + 10
        if self.y - needed < self.floor():
            self.new_page()
        self.y -= 8
        c = self.canvas
        top = self.y
        for text, font, size in left:
            c.setFont(font, size)
            c.drawString(LEFT, self.y, text)
            self.y -= 14
        self.y = top
        for n, (text, font, size) in enumerate(right):
            c.setFont(font, size)
            c.drawCentredString(LEFT + 330, self.y, text)
            self.y -= 15.5 if n != len(right) - 2 else 50

    def save(self) -> bytes:
        self.finish_page()
        self.canvas.save()
        return self.buffer.getvalue()


def _is_heading(text: str) -> bool:
    rest = re.sub(r"^\S+\s+", "", text)
    letters = [ch for ch in rest if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(rest) < 120


def _justify_lines(words: list[str], font: str, first: float, width: float) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    used = 0.0
    space = stringWidth(" ", font, SIZE)
    for word in words:
        w = stringWidth(_REF.sub("", word), font, SIZE) + 6 * len(_REF.findall(word))
        limit = first if len(lines) == 1 else width
        if lines[-1] and used + space + w > limit:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0) + w
        lines[-1].append(word)
    return lines


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    out: list[str] = [""]
    for word in text.split():
        candidate = f"{out[-1]} {word}".strip()
        if out[-1] and stringWidth(candidate, font, size) > width:
            out.append(word)
        else:
            out[-1] = candidate
    return out


def render(paper: Paper) -> bytes:
    """The directive as a PDF with a text layer."""
    writer = _Writer(paper)
    writer.header()
    for text in paper.body:
        writer.paragraph(text)
    writer.closing()
    return writer.save()


def scan(
    pdf: bytes, *, seed: int = 1, dpi: int = 200, angle: float = 0.8, stamp: str | None = None
) -> bytes:
    """The PDF printed and scanned: a PDF of page pictures, no text layer."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from models import paths

    rng = random.Random(seed)
    font_path = str(paths.resources_dir() / "fonts" / "LiberationSerif-Italic.ttf")
    pages = []
    document = pdfium.PdfDocument(pdf)
    try:
        for number in range(len(document)):
            page = document[number]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            turn = angle * (1 if number % 2 == 0 else -0.7)
            image = image.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=255)
            draw = ImageDraw.Draw(image)
            for _ in range(900):
                x, y = rng.randrange(image.width), rng.randrange(image.height)
                r = rng.choice((0, 0, 1))
                draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(60, 200))
            if stamp:
                font = ImageFont.truetype(font_path, int(dpi * 9 / 72))
                draw.text(
                    (image.width * 0.55, image.height - dpi * 0.45), stamp, fill=90, font=font
                )
            image = image.filter(ImageFilter.GaussianBlur(0.55))
            pages.append(image)
    finally:
        document.close()
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()
