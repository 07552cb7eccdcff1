"""The printable attendance list (PDF, with a signature column) and the XLSX export of a meeting."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from bidi import get_display  # type: ignore[import-untyped]
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tandem.gatherings.models import Gathering
from tandem.intake.sheet import BOLD, LINE_GREY, REGULAR, has_rtl, register_fonts, shape

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MARGIN = 16 * mm
ROW = 9 * mm
NAME_WIDTH = 70 * mm
GAP = 3 * mm  # between a column's text and the next column


def _visual(text: str) -> str:
    """Arabic letters joined and in display order; other text as written."""
    return get_display(shape(text)) if has_rtl(text) else text


def _people(gathering: Gathering) -> list:
    return list(gathering.invitations.exclude(answer="no").order_by("name", "id"))


def _when(gathering: Gathering) -> str:
    return gathering.starts_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` ready to draw and no wider than `width`: shortened with an ellipsis at its logical end
    (before the letters are joined and ordered, so an Arabic name keeps its beginning)."""
    if stringWidth(_visual(text), font, size) <= width:
        return _visual(text)
    while text and stringWidth(_visual(text + "…"), font, size) > width:
        text = text[:-1]
    return _visual(text.rstrip() + "…")


def _columns(labels: tuple[str, str, str, str]) -> tuple[float, float, float, float]:
    """Where the name, role, present and signature columns start: the role and present columns as wide
    as their heading in the reader's language needs (Swedish "Närvarande" is wider than its box), the
    signature column the rest of the line."""
    role = max(28 * mm, stringWidth(labels[1], BOLD, 9) + GAP)
    present = max(6 * mm, stringWidth(labels[2], BOLD, 9)) + GAP
    name = MARGIN
    return name, name + NAME_WIDTH, name + NAME_WIDTH + role, name + NAME_WIDTH + role + present


def attendance_pdf(gathering: Gathering) -> bytes:
    """One row per person who has not said no, with a box to tick and room to sign; empty rows at the
    end for walk-ins. The column headings are repeated on every page."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{gathering.shown_title} – {gathering.program.name}")
    canvas.setCreator("Tandem")
    width, height = A4
    labels = (_("Name"), _("Role"), _("Present"), _("Signature"))
    columns = _columns(labels)

    def header() -> float:
        y = height - MARGIN
        canvas.setFont(BOLD, 14)
        canvas.drawString(MARGIN, y, _visual(gathering.shown_title))
        y -= 6 * mm
        canvas.setFont(REGULAR, 10)
        canvas.drawString(
            MARGIN, y, _visual(f"{gathering.program.name} · {_when(gathering)} · {gathering.place}")
        )
        y -= 10 * mm
        canvas.setFont(BOLD, 9)
        for x, label in zip(columns, labels, strict=True):
            canvas.drawString(x, y, label)
        return y - 3 * mm

    def row(y: float, name: str, role: str, present: bool) -> None:
        canvas.setFont(REGULAR, 10)
        canvas.drawString(columns[0], y - 6 * mm, _fit(name, REGULAR, 10, columns[1] - columns[0] - GAP))
        canvas.drawString(columns[1], y - 6 * mm, _fit(role, REGULAR, 10, columns[2] - columns[1] - GAP))
        canvas.rect(columns[2], y - 7 * mm, 4 * mm, 4 * mm, fill=1 if present else 0)
        canvas.setStrokeColor(LINE_GREY)
        canvas.line(columns[0], y - ROW, width - MARGIN, y - ROW)
        canvas.setStrokeColorRGB(0, 0, 0)

    y = header()
    people = [(p.name, str(p.get_role_display()), p.checked_in_at is not None) for p in _people(gathering)]
    people += [("", "", False)] * 8  # walk-ins write themselves in
    for name, role, present in people:
        if y - ROW < MARGIN:
            canvas.showPage()
            y = header()
        row(y, name, role, present)
        y -= ROW
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def attendance_xlsx(gathering: Gathering) -> bytes:
    from openpyxl import Workbook  # imported here: slow to import and only needed for exports

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Attendance")[:31]
    sheet.append([gathering.shown_title, gathering.program.name, _when(gathering), gathering.place])
    sheet.append([])
    sheet.append(
        [
            _("Name"),
            _("E-mail address"),
            _("Role"),
            pgettext("the answer given", "Answer"),
            _("Note"),
            _("Walk-in"),
            _("Checked in"),
        ]
    )
    for person in gathering.invitations.order_by("name", "id"):
        sheet.append(
            [
                person.name,
                person.email,
                str(person.get_role_display()),
                str(person.get_answer_display()) if person.answer else "",
                person.note,
                _("yes") if person.walk_in else "",
                person.checked_in_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
                if person.checked_in_at
                else "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
