"""The handbook as a PDF (ReportLab, A4), with its text extractable; Arabic shaped and ordered for
display (arabic-reshaper + python-bidi) as the other PDFs of Tandem do."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import arabic_reshaper  # type: ignore[import-untyped]
from bidi import get_display  # type: ignore[import-untyped]
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from tandem.handbook.services import Handbook
from tandem.intake.sheet import BOLD, REGULAR, has_rtl, register_fonts


def _visual(text: str) -> str:
    return get_display(arabic_reshaper.reshape(text)) if has_rtl(text) else text


def handbook_pdf(handbook: Handbook) -> bytes:
    """The handbook's PDF in the handbook's language."""
    register_fonts()
    program = handbook.program
    buffer = io.BytesIO()
    with translation.override(handbook.language):
        title = _("Handbook for %(program)s") % {"program": program.name}
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=title,
            author=program.organisation.name,
            creator="Tandem",
        )
        rtl = handbook.language == "ar"
        align = {"alignment": TA_RIGHT} if rtl else {}
        h1 = ParagraphStyle("h1", fontName=BOLD, fontSize=18, leading=22, spaceAfter=6, **align)
        h2 = ParagraphStyle(
            "h2", fontName=BOLD, fontSize=13, leading=16, spaceBefore=12, spaceAfter=4, **align
        )
        h3 = ParagraphStyle(
            "h3", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=2, **align
        )
        body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=3, **align)

        def p(text: str, style=body) -> Paragraph:
            return Paragraph(escape(_visual(str(text))), style)

        def bullets(items: list[str]) -> ListFlowable:
            return ListFlowable(
                [ListItem(p(item), leftIndent=10) for item in items],
                bulletType="bullet",
                start="•",
                leftIndent=10,
            )

        story: list = [p(title, h1), p(program.organisation.name)]
        story += [p(_("Purpose and goals"), h2)]
        if handbook.purpose:
            story += [p(part) for part in handbook.purpose.split("\n") if part.strip()]
        for goal in handbook.goals:
            line = goal.description
            if goal.indicator:
                line += f" – {goal.indicator}"
            if goal.target:
                line += f" ({_('target')}: {goal.target})"
            story.append(p(f"• {line}"))
        story += [p(_("What is expected of a mentor"), h2), bullets(handbook.mentor_expectations)]
        story += [p(_("What is expected of a mentee"), h2), bullets(handbook.mentee_expectations)]
        story += [p(_("The meeting plan"), h2)]
        story += [p(line) for line in handbook.meeting_plan] or [
            p(_("The working group has not set a meeting plan yet."))
        ]
        story += [p(_("Common meetings"), h2)]
        for meeting in handbook.common_meetings:
            story.append(
                p(f"{meeting.title}: {meeting.when}" + (f", {meeting.place}" if meeting.place else ""))
            )
        if not handbook.common_meetings:
            story.append(p(_("No common meetings are planned yet.")))
        story += [p(_("How to run a good meeting"), h2), bullets(handbook.good_meeting)]
        story += [p(_("Themes and exercises"), h2)]
        for phase in handbook.phases:
            story.append(p(phase.name, h3))
            for theme in phase.themes:
                story.append(p(f"{theme.title} ({theme.kind}): {theme.short_text}"))
        if not handbook.phases:
            story.append(p(_("The working group has not picked any themes yet.")))
        story += [p(_("Who to contact in the working group"), h2)]
        story += [p(f"{c.name}, {c.role}: {c.email}") for c in handbook.contacts]
        story += [p(_("How and when the program is evaluated"), h2), p(handbook.evaluation_text)]
        story += [p(f"{r.name}: {r.when}") for r in handbook.rounds]
        for section in handbook.own_sections:
            story.append(p(section.title, h2))
            story += [p(part) for part in section.paragraphs]
        story.append(Spacer(1, 6 * mm))
        doc.build(story)
    return buffer.getvalue()
