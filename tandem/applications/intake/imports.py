"""The import channel: many applications from one file, checked row by row, stored all or nothing.

Every row is checked by the same fields as the public form (see `columns.py`); only a file without a
single problem is imported, in one transaction, each row through `services.submit_application` with
channel "import", so that requirement profile, duplicate flags, e-mails and audit log work as on the web.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tandem.applications.builtins import Builtin
from tandem.applications.intake import tables
from tandem.applications.intake.answers import answer_field, staff_submission
from tandem.applications.intake.columns import (
    LANGUAGE,
    Target,
    applicant_language,
    raw_value,
    spoken_languages,
)
from tandem.applications.models import Application, ApplicationForm, ConsentText, Question
from tandem.applications.services import current_consent, submit_application
from tandem.audit.services import log_action
from tandem.programs.models import Program

SHOWN_PROBLEMS = 500


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in one cell: the row number as the spreadsheet shows it, and the field."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class ImportRow:
    number: int
    values: dict[str, Any]
    language: str


@dataclass
class CheckedFile:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.problems


def check_rows(
    upload: tables.StoredUpload,
    mapping: list[str],
    targets: list[Target],
    *,
    staff_language: str,
    default_language: str,
) -> CheckedFile:
    """Read the stored file again and check every row against the mapping (`mapping[i]`: the target
    key of column i, or "" to ignore it). Problems carry the row number and the field's label.

    Raises tables.TableError if the file itself cannot be read (it was checked on upload).
    """
    by_key = {target.key: target for target in targets}
    columns = [(index, by_key[key]) for index, key in enumerate(mapping) if key in by_key]
    fields = {
        target.key: answer_field(target.question, staff_language)
        for _index, target in columns
        if target.question is not None and target.builtin != Builtin.OTHER_LANGUAGES
    }
    checked = CheckedFile()
    with upload.open() as file:
        found = tables.rows(file, upload.kind)
        next(found, None)  # the header: the first row with something in it, as on upload
        for number, cells in found:
            _check_row(checked, number, cells, columns, fields, default_language)
    return checked


def _check_row(
    checked: CheckedFile,
    number: int,
    cells: list[str],
    columns: list[tuple[int, Target]],
    fields: dict[str, Any],
    default_language: str,
) -> None:
    values: dict[str, Any] = {}
    language = default_language
    problems = []
    for index, target in columns:
        cell = cells[index] if index < len(cells) else ""
        if target.key == LANGUAGE:
            if cell.strip():
                found = applicant_language(cell)
                if found is None:
                    problems.append(
                        RowProblem(number, target.label, _("Not a language applicants can use here."))
                    )
                else:
                    language = found
        elif target.builtin == Builtin.OTHER_LANGUAGES:
            languages = spoken_languages(cell)
            if languages is None:
                problems.append(
                    RowProblem(
                        number, target.label, _("Write each language and level like this: “ar: C2; en: B2”.")
                    )
                )
            else:
                values[target.key] = languages
        else:
            try:
                values[target.key] = fields[target.key].clean(raw_value(target, cell))
            except ValidationError as error:
                problems.extend(RowProblem(number, target.label, message) for message in error.messages)
    if problems:
        checked.problems.extend(problems)
    else:
        checked.rows.append(ImportRow(number, values, language))


# --- The consent of the people in the file ------------------------------------------------------------


def consent_statement(form: ApplicationForm, language: str) -> str:
    """What the coordinator confirms for everyone in the file, stored as their consent text."""
    consent = current_consent(form, language)
    statement = _(
        "The people in this file have agreed, outside Tandem, to the text below. "
        "I can show how and when each of them agreed."
    )
    return f"{statement}\n\n{consent.text}" if consent else statement


# --- Importing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    imported: int
    duplicates: int
    consent: ConsentText


@transaction.atomic
def import_applications(
    form: ApplicationForm,
    questions: list[Question],
    rows: list[ImportRow],
    *,
    consent_text: str,
    consent_language: str,
    by,
    now: datetime,
) -> ImportResult:
    """Store every row as an application (channel "import", entered by `by`), all or nothing.

    The coordinator's confirmation of consent is stored as a new program-level ConsentText, and every
    imported application points at it. Raises services.FormClosed (and stores nothing) if the form
    stops taking applications part-way, e.g. when its cap is reached.
    """
    program = Program.objects.select_for_update().get(pk=form.program_id)
    version = ConsentText.objects.filter(program=program, form__isnull=True).aggregate(top=Max("version"))[
        "top"
    ]
    consent = ConsentText.objects.create(
        program=program,
        form=None,
        version=(version or 0) + 1,
        language=consent_language,
        text=consent_text,
        created_by=by,
        created_at=now,
    )
    duplicates = 0
    for row in rows:
        submission = staff_submission(
            questions,
            row.values,
            language=row.language,
            consent=consent,
            channel=Application.Channel.IMPORT,
            by=by,
        )
        application = submit_application(form, submission, token="", now=now)
        duplicates += application.duplicate_of_id is not None
    log_action(
        "applications.imported",
        actor=by,
        program=program,
        target=form,
        data={"role": form.role, "count": len(rows), "duplicates": duplicates, "consent_text": consent.pk},
        now=now,
    )
    return ImportResult(imported=len(rows), duplicates=duplicates, consent=consent)
