"""A small writer for printable forms on A4: text that wraps, lines to write on, boxes to tick.

Right-to-left languages (Arabic, Persian) are laid out mirrored: text is right-aligned, boxes stand
to the right of their labels. ReportLab draws glyphs one by one, so Arabic is first shaped (letters
joined, `arabic_reshaper`) and then put in display order (`bidi`) line by line, after the line breaks
were chosen in reading order. One font, DejaVu Sans (shipped in `fonts/`), covers every language.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import cache
from pathlib import Path

import arabic_reshaper  # type: ignore[import-untyped]
from bidi import get_display
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).with_name("fonts")
REGULAR, BOLD = "TandemSans", "TandemSans-Bold"
GREY = Color(0.35, 0.35, 0.35)
LINE_GREY = Color(0.6, 0.6, 0.6)
MARGIN = 18 * mm
BOX = 3.6 * mm
RTL_CHARACTERS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def has_rtl(text: str) -> bool:
    return bool(RTL_CHARACTERS.search(text))


# Arabic letters joined, but "الله" kept as its letters: the font has no glyph for the ligature U+FDF2
# (arabic_reshaper's default), so a name such as عبد الله would print with a hole. Every PDF of Tandem
# joins Arabic letters with `shape`.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"ARABIC LIGATURE ALLAH": False})


def shape(text: str) -> str:
    """Arabic letters in their joined forms, as the PDF fonts have them (display order is bidi's job)."""
    return _RESHAPER.reshape(text)


class Sheet:
    """Writes from the top of the page down; starts a new page when the next block does not fit."""

    def __init__(self, *, rtl: bool, title: str, footer: str, language: str):
        register_fonts()
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setSubject(footer)
        self.canvas.setCreator("Tandem")
        self.rtl, self.footer, self.language = rtl, footer, language
        self.width, self.height = A4
        self.left, self.right = MARGIN, self.width - MARGIN
        self.page_number = 1
        self.y = self.height - MARGIN

    # --- text ----------------------------------------------------------------------------------

    def _visual(self, text: str) -> str:
        """The line as it is drawn: Arabic letters joined and the characters in display order."""
        if not has_rtl(text):
            return text  # e.g. a name or an untranslated English line on an Arabic form: as written
        return get_display(shape(text), base_dir="R" if self.rtl else "L")

    def _width(self, text: str, font: str, size: float) -> float:
        return pdfmetrics.stringWidth(self._visual(text), font, size)

    def wrap(
        self, text: str, *, font: str = REGULAR, size: float = 10, width: float | None = None
    ) -> list[str]:
        """Lines in reading order that fit `width` (the whole text width by default)."""
        width = width or (self.right - self.left)
        lines: list[str] = []
        for paragraph in unicodedata.normalize("NFC", text).splitlines() or [""]:
            current = ""
            for word in paragraph.split():
                candidate = f"{current} {word}" if current else word
                if current and self._width(candidate, font, size) > width:
                    lines.append(current)
                    current = word
                else:
                    current = candidate
            lines.append(current)
        return lines

    def _draw(self, text: str, x_start: float, x_end: float, y: float, font: str, size: float, color) -> None:
        """One line between x_start and x_end: from the left, or from the right in RTL."""
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(color)
        if self.rtl:
            self.canvas.drawRightString(x_end, y, self._visual(text))
        else:
            self.canvas.drawString(x_start, y, self._visual(text))
        self.canvas.setFillColor(black)

    def text(
        self,
        text: str,
        *,
        size: float = 10,
        bold: bool = False,
        color=black,
        indent: float = 0,
        space_after: float = 2,
    ) -> None:
        font = BOLD if bold else REGULAR
        leading = size * 1.3
        lines = self.wrap(text, font=font, size=size, width=self.right - self.left - indent)
        for line in lines:
            self.ensure(leading)
            self.y -= leading
            if self.rtl:
                self._draw(line, self.left, self.right - indent, self.y, font, size, color)
            else:
                self._draw(line, self.left + indent, self.right, self.y, font, size, color)
        self.y -= space_after

    def text_height(self, text: str, *, size: float = 10, bold: bool = False) -> float:
        lines = self.wrap(text, font=BOLD if bold else REGULAR, size=size)
        return len(lines) * size * 1.3 + 2

    # --- places to write and tick ----------------------------------------------------------------

    def write_lines(self, count: int = 1, *, label: str = "", gap: float = 8 * mm) -> None:
        """`count` ruled lines to write on; with `label`, the label stands before the first line."""
        for index in range(count):
            self.ensure(gap)
            self.y -= gap
            start, end = self.left, self.right
            if label and index == 0:
                label_width = self._width(label, REGULAR, 9) + 2 * mm
                self._draw(label, self.left, self.right, self.y + 1, REGULAR, 9, GREY)
                if self.rtl:
                    end -= label_width
                else:
                    start += label_width
            self.canvas.setStrokeColor(LINE_GREY)
            self.canvas.setLineWidth(0.5)
            self.canvas.line(start, self.y, end, self.y)
        self.y -= 2 * mm

    def _box(self, x: float, y: float) -> None:
        self.canvas.setStrokeColor(black)
        self.canvas.setLineWidth(0.8)
        self.canvas.rect(x, y - 0.6 * mm, BOX, BOX, stroke=1, fill=0)

    def tick_boxes(self, options: list[str], *, inline: bool = False) -> None:
        """A box to tick before each option: one option per line, or all on one line (`inline`)."""
        size, leading = 10, 6.5 * mm
        if inline:
            self.ensure(leading)
            self.y -= leading
            position = 0.0
            for option in options:
                label_width = self._width(option, REGULAR, size)
                needed = BOX + 2 * mm + label_width + 6 * mm
                if position + needed > self.right - self.left:
                    self.ensure(leading)
                    self.y -= leading
                    position = 0.0
                self._option(option, position, size)
                position += needed
            self.y -= 1 * mm
            return
        for option in options:
            for number, line in enumerate(
                self.wrap(option, size=size, width=self.right - self.left - BOX - 3 * mm)
            ):
                self.ensure(leading)
                self.y -= leading if number == 0 else size * 1.3
                if number == 0:
                    self._option(line, 0.0, size)
                else:
                    self._draw(
                        line,
                        self.left + BOX + 2 * mm,
                        self.right - BOX - 2 * mm,
                        self.y,
                        REGULAR,
                        size,
                        black,
                    )
        self.y -= 1 * mm

    def _option(self, label: str, position: float, size: float) -> None:
        if self.rtl:
            box_x = self.right - position - BOX
            self._draw(label, self.left, box_x - 2 * mm, self.y, REGULAR, size, black)
        else:
            box_x = self.left + position
            self._draw(label, box_x + BOX + 2 * mm, self.right, self.y, REGULAR, size, black)
        self._box(box_x, self.y)

    def rule(self) -> None:
        self.ensure(4 * mm)
        self.y -= 2 * mm
        self.canvas.setStrokeColor(LINE_GREY)
        self.canvas.setLineWidth(0.3)
        self.canvas.line(self.left, self.y, self.right, self.y)
        self.y -= 2 * mm

    def space(self, height: float) -> None:
        self.y -= height

    # --- pages -----------------------------------------------------------------------------------

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` still fits above the bottom margin (and footer)."""
        if self.y - height < MARGIN + 8 * mm:
            self.new_page()

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page_number += 1
        self.y = self.height - MARGIN

    def _footer(self) -> None:
        y = MARGIN - 4 * mm
        self._draw(f"{self.footer} · {self.page_number}", self.left, self.right, y, REGULAR, 8, GREY)

    def finish(self) -> bytes:
        self._footer()
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()
