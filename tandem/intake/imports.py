"""The import channel: many applications from one file, checked row by row, stored all or nothing.

Every row is checked by the same fields as the public form (see `columns.py`); only a file without a
single problem is imported, all rows in one short transaction, through `applications.bulk` with channel
"import": requirement profile, duplicate flags, status history and audit log as `submit_application`
gives a single application (the confirmation e-mails only if the coordinator asks for them). What needs
no lock (building and checking the applications, rendering e-mails) is done before the transaction
opens. The worker runs both steps (`tasks.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tandem.applications import bulk
from tandem.applications.builtins import Builtin
from tandem.applications.models import Application, ApplicationForm, ConsentText, Question
from tandem.applications.services import current_consent
from tandem.audit.services import log_action
from tandem.intake import tables
from tandem.intake.answers import answer_field, staff_submission
from tandem.intake.columns import (
    LANGUAGE,
    Target,
    applicant_language,
    raw_value,
    spoken_languages,
)
from tandem.programs.models import Program

SHOWN_PROBLEMS = 500
PROGRESS_EVERY = 250  # rows between two progress reports while checking (see `check_rows`)


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
    progress: Callable[[int], None] | None = None,
) -> CheckedFile:
    """Read the stored file again and check every row against the mapping (`mapping[i]`: the target
    key of column i, or "" to ignore it). Problems carry the row number and the field's label.
    `progress(n)` is told every PROGRESS_EVERY rows how many rows have been checked.

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
        for count, (number, cells) in enumerate(found, start=1):
            _check_row(checked, number, cells, columns, fields, default_language)
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
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


@dataclass(frozen=True)
class PreparedImport:
    """The rows of a file as applications, built and checked but not stored (`prepare_import`)."""

    prepared: bulk.PreparedApplications
    by: Any
    now: datetime
    send_confirmation: bool


def import_applications(
    form: ApplicationForm,
    questions: list[Question],
    rows: list[ImportRow],
    *,
    consent_text: str,
    consent_language: str,
    by,
    now: datetime,
    send_confirmation: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Store every row as an application (channel "import", entered by `by`), all or nothing.

    The coordinator's confirmation of consent is stored as a new program-level ConsentText, and every
    imported application points at it. Each applicant gets the confirmation e-mail only if
    `send_confirmation` (people who never filled in a form themselves may be surprised by it). Staff
    import past the form's dates and cap (see services.STAFF_CHANNELS); raises services.FormClosed
    (and stores nothing) if the form is not published.

    `prepare_import` then `store_import` in one short transaction (the worker, `tasks.py`, calls the two
    itself, to finish the job in the same transaction). `progress(n)` is told every
    bulk.PROGRESS_EVERY rows how many rows are prepared (nothing is stored before the end).
    """
    prepared = prepare_import(
        form, questions, rows, by=by, now=now, send_confirmation=send_confirmation, progress=progress
    )
    with transaction.atomic():
        return store_import(prepared, consent_text=consent_text, consent_language=consent_language)


def prepare_import(
    form: ApplicationForm,
    questions: list[Question],
    rows: list[ImportRow],
    *,
    by,
    now: datetime,
    send_confirmation: bool = False,
    progress: Callable[[int], None] | None = None,
) -> PreparedImport:
    """Everything that needs no lock, before the transaction: the rows as applications, checked
    against the requirement profile, their e-mails rendered (see `bulk.prepare_applications`)."""
    submissions = [
        staff_submission(
            questions,
            row.values,
            language=row.language,
            consent=None,  # the coordinator's confirmation, stored by `store_import`
            channel=Application.Channel.IMPORT,
            by=by,
        )
        for row in rows
    ]
    prepared = bulk.prepare_applications(
        form, submissions, now=now, send_confirmation=send_confirmation, progress=progress
    )
    return PreparedImport(prepared, by, now, send_confirmation)


@transaction.atomic
def store_import(prepared: PreparedImport, *, consent_text: str, consent_language: str) -> ImportResult:
    """Store the prepared rows, all or nothing, with the coordinator's confirmation of consent (see
    `import_applications`). Bulk INSERTs: the queries grow with rows ÷ batch size only, and the write
    lock is held briefly (about a second for 5,000 rows, see bench/import_bench.py)."""
    form, by, now = prepared.prepared.form, prepared.by, prepared.now
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
    applications = bulk.store_applications(prepared.prepared, now=now, consent=consent)
    duplicates = sum(application.duplicate_of_id is not None for application in applications)
    log_action(
        "applications.imported",
        actor=by,
        program=program,
        target=form,
        data={
            "role": form.role,
            "count": len(applications),
            "duplicates": duplicates,
            "consent_text": consent.pk,
            "confirmation_emails": prepared.send_confirmation,
        },
        now=now,
    )
    return ImportResult(imported=len(applications), duplicates=duplicates, consent=consent)
