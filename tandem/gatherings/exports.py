"""The printable attendance list (PDF, with a signature column) and the XLSX export of a meeting."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import arabic_reshaper  # type: ignore[import-untyped]
from bidi import get_display  # type: ignore[import-untyped]
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tandem.gatherings.models import Gathering
from tandem.intake.sheet import BOLD, LINE_GREY, REGULAR, has_rtl, register_fonts

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MARGIN = 16 * mm
ROW = 9 * mm


def _visual(text: str) -> str:
    """Arabic letters joined and in display order; other text as written."""
    return get_display(arabic_reshaper.reshape(text)) if has_rtl(text) else text


def _people(gathering: Gathering) -> list:
    return list(gathering.invitations.exclude(answer="no").order_by("name", "id"))


def _when(gathering: Gathering) -> str:
    return gathering.starts_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def attendance_pdf(gathering: Gathering) -> bytes:
    """One row per person who has not said no, with a box to tick and a line to sign; empty rows at the
    end for walk-ins."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{gathering.shown_title} – {gathering.program.name}")
    canvas.setCreator("Tandem")
    width, height = A4
    columns = (
        MARGIN,
        MARGIN + 70 * mm,
        MARGIN + 100 * mm,
        MARGIN + 112 * mm,
    )  # name, role, present, signature

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
        for x, label in zip(columns, (_("Name"), _("Role"), _("Present"), _("Signature")), strict=True):
            canvas.drawString(x, y, label)
        return y - 3 * mm

    def row(y: float, name: str, role: str, present: bool) -> None:
        canvas.setFont(REGULAR, 10)
        canvas.drawString(columns[0], y - 6 * mm, _visual(name)[:45])
        canvas.drawString(columns[1], y - 6 * mm, role)
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
