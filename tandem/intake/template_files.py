"""The import template: a CSV or Excel file with the form's headings in the staff member's language and
one example row, written the way the import reads it back."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from tandem.applications.builtins import Builtin
from tandem.applications.models import Question
from tandem.applications.public_forms import wording
from tandem.intake.columns import CHOICES, LANGUAGE, Target
from tandem.intake.tables import FORMULA_STARTS
from tandem.reference.choices import Role


def _example(target: Target, role: str, language: str) -> str:
    """A believable answer for one column (a made-up person; never real data)."""
    key = target.builtin
    if target.key == LANGUAGE:
        return "sv"
    if key in CHOICES:
        value = {
            Builtin.GENDER: "woman",
            Builtin.EMPLOYMENT_STATUS: "job_seeking" if role == Role.MENTEE else "employed",
            Builtin.SWEDISH_LEVEL: "B1",
            Builtin.MEETING_FORMAT: "either",
            Builtin.MENTOR_GENDER_WISH: "any",
        }[key]
        return str(CHOICES[key](value).label)
    examples = {
        Builtin.FIRST_NAME: "Amira",
        Builtin.LAST_NAME: "Haddad",
        Builtin.EMAIL: "amira.haddad@example.org",
        Builtin.PHONE: "070-123 45 67",
        Builtin.BIRTH_YEAR: "1988",
        Builtin.CURRENT_EMPLOYER: "Göteborgs Stad",
        Builtin.OCCUPATION_NOW: "2411",
        Builtin.OCCUPATION_WANTED: "2411",
        Builtin.EXPERIENCE_YEARS: "8",
        Builtin.EDUCATION: _("Bachelor in economics"),
        Builtin.EDUCATION_COUNTRY: _("Syria"),
        Builtin.OTHER_LANGUAGES: "ar: C2; en: B2",
        Builtin.MUNICIPALITY: "Göteborg",
        Builtin.YEARS_IN_SWEDEN: "3",
        Builtin.AVAILABILITY: _("Weekday evenings"),
        Builtin.MENTEE_CAPACITY: "1",
    }
    if key in examples:
        return examples[key]
    if key:
        return _("A few sentences in the person's own words.")
    question = target.question
    assert question is not None
    choices = wording(question, language).choices
    kind = question.custom_type
    if kind == Question.CustomType.SINGLE_CHOICE:
        return choices[0] if choices else ""
    if kind == Question.CustomType.MULTIPLE_CHOICE:
        return "; ".join(choices[:2])
    if kind == Question.CustomType.SCALE:
        return str(question.scale_max)
    if kind == Question.CustomType.YES_NO:
        return _("yes")
    return _("A short answer")


def inert(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading = + - @ (or tab, CR) would start a
    formula (a question label like "=HYPERLINK(…)"), so it gets a ' first. The import reads it back
    without the '."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def template_rows(targets: list[Target], role: str, language: str) -> tuple[list[str], list[str]]:
    """The heading row and one example row."""
    header = [inert(str(target.label)) for target in targets]
    return header, [inert(_example(target, role, language)) for target in targets]


def template_csv(targets: list[Target], role: str, language: str) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens å, ä, ö and Arabic right; semicolons in Swedish
    (what Swedish Excel expects), commas otherwise."""
    header, example = template_rows(targets, role, language)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";" if language == "sv" else ",", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(example)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def template_xlsx(targets: list[Target], role: str, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, example = template_rows(targets, role, language)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Applications")[:31]
    sheet.append(header)
    sheet.append(example)
    for row in sheet.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.data_type = "s"  # openpyxl would take a text beginning with = for a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, heading in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
            14, len(heading) + 2
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
