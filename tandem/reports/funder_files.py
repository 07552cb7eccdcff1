"""The funder report as a PDF (ReportLab, a clean A4 layout) and as XLSX (openpyxl: dates as dates,
money as numbers). Both are written in the active language."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from bidi import get_display  # type: ignore[import-untyped]
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tandem.intake.sheet import BOLD, REGULAR, has_rtl, register_fonts, shape
from tandem.intake.template_files import inert
from tandem.lib.templatetags.tandem_format import format_sek
from tandem.reports.funder_services import FunderFigures, cost_totals

GOALS_NOTE = gettext_lazy(
    "Measured by the follow-up's goal and effect evaluations; a result is shown from five answers."
)


def _visual(text: str) -> str:
    return get_display(shape(text)) if has_rtl(text) else text


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


def period_text(figures: FunderFigures) -> str:
    report = figures.report
    return f"{_date(report.period_start)} – {_date(report.period_end)}"


def funder_pdf(figures: FunderFigures) -> bytes:
    register_fonts()
    report = figures.report
    program = report.program
    buffer = io.BytesIO()
    title = f"{figures.definition.name} – {program.name}"
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=program.organisation.name,
        creator="Tandem",
    )
    h1 = ParagraphStyle("h1", fontName=BOLD, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", fontName=BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13)
    small = ParagraphStyle("small", fontName=REGULAR, fontSize=9, leading=11, textColor=colors.grey)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(_visual(str(text))), style)

    def table(
        header: list[str], rows: list[list], numeric_from: int = 1, widths: list[float] | None = None
    ) -> Table:
        data = [[p(h, ParagraphStyle("th", parent=body, fontName=BOLD)) for h in header]]
        data += [[p(cell) if i < numeric_from else str(cell) for i, cell in enumerate(row)] for row in rows]
        others = (104 * mm) / max(len(header) - 1, 1)
        t = Table(data, colWidths=widths or [70 * mm] + [others] * (len(header) - 1))
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR, 10),
                    ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    story: list = [
        p(program.organisation.name, small),
        p(title, h1),
        p(f"{report.funding_source} · {period_text(figures)}"),
        Spacer(1, 4 * mm),
    ]
    if report.text:
        story += [p(_("Summary"), h2)] + [p(part) for part in report.text.split("\n") if part.strip()]
    story += [
        p(_("Participants"), h2),
        p(
            _("%(all)s participants: %(mentees)s mentees and %(mentors)s mentors.")
            % {"all": figures.participants, "mentees": figures.mentees, "mentors": figures.mentors}
        ),
    ]
    for t in figures.tables:
        story.append(p(t.title, h2))
        if not t.collected:
            story.append(p(_("Not collected in this program.")))
            continue
        if not t.rows:
            story.append(p(_("No participants in this period.")))
            continue
        story.append(table([t.title, _("Mentees"), _("Mentors"), _("All")], [list(r) for r in t.rows]))
    a = figures.activities
    story += [
        p(_("Activities"), h2),
        table(
            [_("Activity"), _("Number")],
            [
                [_("Pair meetings held"), a.pair_meetings],
                [_("Common meetings held"), a.common_meetings],
                [_("Attendances at common meetings"), a.common_attendances],
                [_("Participant hours"), formats.number_format(a.participant_hours, 1, use_l10n=True)],
            ],
        ),
        p(_("Costs against budget"), h2),
    ]
    planned, used, share = cost_totals(figures.costs)
    story.append(
        table(
            [_("Cost item"), _("Budget"), _("Actual costs"), _("The funder's share")],
            [
                [
                    figures.cost_labels.get(c.cost_item, c.cost_item),
                    format_sek(c.planned),
                    format_sek(c.actual),
                    format_sek(c.funder_share),
                ]
                for c in figures.costs
            ]
            + [[_("Total"), format_sek(planned), format_sek(used), format_sek(share)]],
        )
    )
    story.append(p(_("Results against the program's goals"), h2))
    if figures.goals:
        story.append(
            table(
                [_("Goal and indicator"), _("Measured by"), _("Result"), _("Target"), _("Reached")],
                [
                    [f"{r.goal} – {r.indicator}", r.measured_by, r.result, r.target, r.reached]
                    for r in figures.goal_rows()
                ],
                numeric_from=5,  # all text, wrapped within its column
                widths=[56 * mm, 42 * mm, 28 * mm, 24 * mm, 24 * mm],
            )
        )
        story.append(p(str(GOALS_NOTE)))
    else:
        story.append(p(_("The program has no measurable goals.")))
    doc.build(story)
    return buffer.getvalue()


def add(sheet, row: list) -> None:
    """A row of cells; text that would start a formula is kept as text (tandem.intake's `inert`)."""
    sheet.append([inert(cell) if isinstance(cell, str) else cell for cell in row])


def funder_xlsx(figures: FunderFigures) -> bytes:
    from openpyxl import Workbook  # slow to import; only exports need it
    from openpyxl.styles import Font

    report = figures.report
    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    add(sheet, [report.program.organisation.name])
    add(sheet, [str(figures.definition.name), report.program.name])
    add(sheet, [_("Funding source"), str(report.funding_source)])
    add(sheet, [_("From"), report.period_start])
    add(sheet, [_("To"), report.period_end])
    for row in (4, 5):
        sheet.cell(row=row, column=2).number_format = "yyyy-mm-dd"
    add(sheet, [_("Summary"), report.text])
    add(sheet, [_("Participants"), figures.participants])
    add(sheet, [_("Mentees"), figures.mentees])
    add(sheet, [_("Mentors"), figures.mentors])

    people = book.create_sheet(_("Participants")[:31])
    for t in figures.tables:
        add(people, [t.title, _("Mentees"), _("Mentors"), _("All")])
        if not t.collected:
            add(people, [_("Not collected in this program.")])
        elif not t.rows:
            add(people, [_("No participants in this period.")])
        for line in t.rows:
            add(people, list(line))
        add(people, [])

    a = figures.activities
    acts = book.create_sheet(_("Activities")[:31])
    add(acts, [_("Activity"), _("Number")])
    add(acts, [_("Pair meetings held"), a.pair_meetings])
    add(acts, [_("Common meetings held"), a.common_meetings])
    add(acts, [_("Attendances at common meetings"), a.common_attendances])
    add(acts, [_("Participant hours"), float(a.participant_hours)])

    costs = book.create_sheet(_("Costs")[:31])
    add(costs, [_("Cost item"), _("Budget"), _("Actual costs"), _("The funder's share")])
    for c in figures.costs:
        add(costs, [figures.cost_labels.get(c.cost_item, c.cost_item), c.planned, c.actual, c.funder_share])
    add(costs, [_("Total"), *cost_totals(figures.costs)])
    for cell in costs[costs.max_row]:
        cell.font = Font(bold=True)
    for row in costs.iter_rows(min_row=2, min_col=2, max_col=4):
        for cell in row:
            cell.number_format = "#,##0.00"

    goals = book.create_sheet(_("Goals")[:31])
    add(goals, [_("Goal"), _("Indicator"), _("Measured by"), _("Answers"), _("Result"), _("Target")])
    for result, goal_line in zip(figures.goals, figures.goal_rows(), strict=True):
        value = None if result.value is None else float(result.value)
        target = None if result.goal.target_value is None else float(result.goal.target_value)
        add(
            goals,
            [goal_line.goal, goal_line.indicator, goal_line.measured_by, result.respondents, value, target],
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def participant_xlsx(labels: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Participants")[:31]
    add(sheet, labels)
    for row in rows:
        add(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
