"""The handbook as a PDF (ReportLab, A4), with its text extractable; Arabic shaped and ordered for
display (arabic-reshaper + python-bidi) as the other PDFs of Tandem do.

ReportLab draws glyphs left to right as it is given them, so an Arabic handbook is laid out here rather
than by ReportLab: every text is broken into lines in reading order first, then each line is put in
display order on its own (reordering a whole paragraph first would put its end on the first line), right
aligned, with the bullets on the right. The program's own texts (purpose, goals, titles, sections) are
usually Swedish: alone on a line they take the direction of their first letter, and inside an Arabic
line they are an embedded left-to-right island, so their punctuation stays where it was written."""

from __future__ import annotations

import io
import unicodedata
from xml.sax.saxutils import escape

from bidi.algorithm import get_display  # type: ignore[import-untyped]
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from tandem.handbook.services import Handbook
from tandem.intake.sheet import BOLD, REGULAR, has_rtl, register_fonts, shape
from tandem.lib.templatetags.tandem_format import list_separator

# LEFT-TO-RIGHT EMBEDDING and POP DIRECTIONAL FORMATTING: python-bidi's algorithm (the one that mirrors
# brackets) knows embeddings, not isolates.
LRE, POP = "\u202a", "\u202c"
NBSP = "\u00a0"
BULLET_WIDTH = 5 * mm


def island(text: str) -> str:
    """The program's own text inside an Arabic line: a left-to-right island unless it is Arabic itself."""
    return f"{LRE}{text}{POP}" if text and not has_rtl(text) else text


def visual(line: str, base: str | None) -> str:
    """One line in display order: Arabic letters joined, brackets mirrored; `base` "R" for our Arabic
    texts, None for the program's own (the direction of its first letter)."""
    if has_rtl(line):
        line = get_display(shape(line), base_dir=base)
    elif base == "R" and line.strip():
        line = get_display(line, base_dir="R")
    return line.replace(LRE, "").replace(POP, "")


def break_lines(text: str, font: str, size: float, width: float, base: str | None) -> list[str]:
    """`text` in lines in reading order that fit `width` once in display order. An island cut by a line
    break is closed at the end of its line and opened again on the next."""
    lines: list[str] = []
    for paragraph in unicodedata.normalize("NFC", text).splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):  # not at a no-break space
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(visual(candidate, base), font, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    balanced: list[str] = []
    open_island = False
    for line in lines:
        if open_island:
            line = LRE + line
        open_island = line.rfind(LRE) > line.rfind(POP)
        balanced.append(line + POP if open_island else line)
    return balanced


def handbook_pdf(handbook: Handbook) -> bytes:
    """The handbook's PDF in the handbook's language."""
    register_fonts()
    program = handbook.program
    buffer = io.BytesIO()
    with translation.override(handbook.language):
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=_("Handbook for %(program)s") % {"program": program.name},
            author=program.organisation.name,
            creator="Tandem",
        )
        rtl = translation.get_language_bidi()
        align = {"alignment": TA_RIGHT} if rtl else {}
        h1 = ParagraphStyle("h1", fontName=BOLD, fontSize=18, leading=22, spaceAfter=2, **align)
        name = ParagraphStyle("name", fontName=BOLD, fontSize=14, leading=18, spaceAfter=6, **align)
        h2 = ParagraphStyle(
            "h2", fontName=BOLD, fontSize=13, leading=16, spaceBefore=12, spaceAfter=4, **align
        )
        h3 = ParagraphStyle(
            "h3", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=2, **align
        )
        body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=3, **align)
        separator = list_separator()

        def p(text: str, style: ParagraphStyle = body, *, own: bool = False, width: float = 0) -> Paragraph:
            """A paragraph of our text, or of the program's own (`own`: its direction from itself)."""
            text = str(text)
            if not rtl:
                return Paragraph(escape(text), style)
            base = None if own else "R"
            # the frame's padding (6 pt a side) and a point to spare for rounding
            lines = break_lines(text, style.fontName, style.fontSize, (width or doc.width) - 13, base)
            return Paragraph("<br/>".join(escape(visual(line, base)) for line in lines), style)

        def bullets(items: list[str], owns: list[bool] | None = None) -> Flowable:
            """A bulleted list; `owns` says which items are the program's own texts."""
            owns = owns or [False] * len(items)
            if not rtl:
                return ListFlowable(
                    [ListItem(p(item), leftIndent=10) for item in items],
                    bulletType="bullet",
                    start="•",
                    leftIndent=10,
                )
            width = doc.width - BULLET_WIDTH
            table = Table(
                [[p(item, own=own, width=width), p("•")] for item, own in zip(items, owns, strict=True)],
                colWidths=[width, BULLET_WIDTH],
            )
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            return table

        def own_text(text: str) -> str:
            return island(text) if rtl else text

        # The title: the handbook, then the program's name on a line of its own (in an Arabic handbook
        # a Swedish name and an Arabic word would otherwise share and swap lines).
        story: list[Flowable] = [
            p(_("The program handbook"), h1),
            p(program.name, name, own=True),
            p(program.organisation.name, own=True),
        ]
        story += [p(_("Purpose and goals"), h2)]
        if handbook.purpose:
            story += [p(part, own=True) for part in handbook.purpose.split("\n") if part.strip()]
        goal_lines = []
        for goal in handbook.goals:
            line = goal.description + (f" – {goal.indicator}" if goal.indicator else "")
            if goal.target:
                target = f"({_('target')}: {goal.target})"
                # the target stays on one line: its brackets would otherwise pair across lines
                line = f"{own_text(line)} {target.replace(' ', NBSP) if rtl else target}"
            goal_lines.append(line)
        if goal_lines and rtl:
            story.append(bullets(goal_lines, [not goal.target for goal in handbook.goals]))
        else:
            story += [p(f"• {line}") for line in goal_lines]
        story += [p(_("What is expected of a mentor"), h2), bullets(handbook.mentor_expectations)]
        story += [p(_("What is expected of a mentee"), h2), bullets(handbook.mentee_expectations)]
        story += [p(_("The meeting plan"), h2)]
        story += [p(line) for line in handbook.meeting_plan] or [
            p(_("The working group has not set a meeting plan yet."))
        ]
        story += [p(_("Common meetings"), h2)]
        for meeting in handbook.common_meetings:
            place = f"{separator}{own_text(meeting.place)}" if meeting.place else ""
            story.append(p(f"{own_text(meeting.title)}: {meeting.when}{place}"))
        if not handbook.common_meetings:
            story.append(p(_("No common meetings are planned yet.")))
        story += [p(_("How to run a good meeting"), h2), bullets(handbook.good_meeting)]
        story += [p(_("Themes and exercises"), h2)]
        for phase in handbook.phases:
            story.append(p(phase.name, h3))
            for theme in phase.themes:
                story.append(p(f"{own_text(theme.title)} ({theme.kind}): {own_text(theme.short_text)}"))
        if not handbook.phases:
            story.append(p(_("The working group has not picked any themes yet.")))
        story += [p(_("Who to contact in the working group"), h2)]
        story += [p(f"{own_text(c.name)}{separator}{c.role}: {own_text(c.email)}") for c in handbook.contacts]
        story += [p(_("How and when the program is evaluated"), h2), p(handbook.evaluation_text)]
        story += [p(f"{r.name}: {r.when}") for r in handbook.rounds]
        for section in handbook.own_sections:
            story.append(p(section.title, h2, own=True))
            story += [p(part, own=True) for part in section.paragraphs]
        story.append(Spacer(1, 6 * mm))
        doc.build(story)
    return buffer.getvalue()
