"""Staff decisions on applications: status changes one by one or many at once, decision e-mails,
duplicates, notes, and the program's wording of the decision e-mails. Every one goes to the audit log.

Status changes go through `tandem.applications.services.change_status`, which checks the move against
`TRANSITIONS`, records who, when and why (StatusChange) and logs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.applications.models import Application, StatusChange
from tandem.applications.services import InvalidStatusChange, change_status
from tandem.audit.services import log_action
from tandem.programs.models import Program
from tandem.screening.decisions import DecisionTexts
from tandem.screening.emails import send_decision_email
from tandem.screening.models import DecisionKind, DecisionTemplate, Note

if TYPE_CHECKING:
    from tandem.accounts.models import User

Status = Application.Status
DECISIONS = frozenset(DecisionKind.values)


class ScreeningError(ValueError):
    """A decision that cannot be made now; `str()` says why in the active language."""


def sends_email(to: str) -> bool:
    """Whether moving to status `to` has a decision e-mail."""
    return to in DECISIONS


# --- One application ---------------------------------------------------------------------------------


@transaction.atomic
def decide(
    application: Application, to: str, *, by: User, reason: str, send_email: bool, now: datetime
) -> StatusChange:
    """Move one application to `to` and, for a decision, e-mail the applicant in their language.

    Raises InvalidStatusChange when the move is not allowed; then nothing is stored or sent.
    """
    change = change_status(application, to, by=by, reason=reason, now=now)
    if send_email and sends_email(to):
        send_decision_email(application, to)
    return change


# --- Many applications at once ------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    application: Application
    status: str  # the status that does not allow the move


@dataclass
class BulkResult:
    to: str
    moved: list[Application] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    emails: int = 0

    def skipped_by_status(self) -> dict[str, list[Application]]:
        groups: dict[str, list[Application]] = {}
        for item in self.skipped:
            groups.setdefault(item.status, []).append(item.application)
        return groups


@transaction.atomic
def bulk_change_status(
    program: Program,
    application_ids: Iterable[int],
    to: str,
    *,
    by,
    reason: str,
    send_email: bool,
    now: datetime,
) -> BulkResult:
    """Move the program's applications among `application_ids` to `to`, all in one transaction.

    Those whose status does not allow the move are skipped and listed, never half-changed. If anything
    fails on the way (someone else changed one of them a moment ago, say), nothing at all is stored or
    sent: the caller gets the error and can try again. Ids of other programs are ignored.
    """
    applications = list(
        Application.objects.filter(program=program, pk__in=list(application_ids))
        .select_related("program__organisation", "form")
        .order_by("submitted_at", "id")
    )
    result = BulkResult(to=to)
    texts = DecisionTexts(program, to) if send_email and sends_email(to) else None
    for application in applications:
        if to not in application.allowed_statuses():
            result.skipped.append(Skipped(application, application.status))
            continue
        change_status(application, to, by=by, reason=reason, now=now)
        result.moved.append(application)
        if texts is not None:
            send_decision_email(application, to, texts=texts)
            result.emails += 1
    log_action(
        "application.bulk_status_changed",
        actor=by,
        program=program,
        data={
            "to": to,
            "moved": [a.pk for a in result.moved],
            "skipped": [s.application.pk for s in result.skipped],
            "emails": result.emails,
        },
        now=now,
    )
    return result


# --- Possible duplicates ------------------------------------------------------------------------------


@transaction.atomic
def merge_duplicate(application: Application, *, by: User, now: datetime) -> StatusChange:
    """The newer application of a pair with the same e-mail is withdrawn, with the reason saying which
    earlier one it duplicates; the earlier one stays as it is."""
    original = application.duplicate_of
    if original is None:
        raise ScreeningError(_("This application is not marked as a possible duplicate."))
    reason = _("Merged: the same person applied earlier with %(reference)s.") % {
        "reference": original.reference
    }
    try:
        change = change_status(application, Status.WITHDRAWN, by=by, reason=reason, now=now)
    except InvalidStatusChange as error:
        raise ScreeningError(str(error)) from error
    log_action(
        "application.duplicate_merged",
        actor=by,
        program=application.program,
        target=application,
        data={"kept": original.pk, "withdrawn": application.pk},
        now=now,
    )
    return change


@transaction.atomic
def keep_both(application: Application, *, by: User, now: datetime) -> None:
    """Two applications with the same e-mail are two people (or two roles): clear the flag."""
    original_id = application.duplicate_of_id
    if original_id is None:
        raise ScreeningError(_("This application is not marked as a possible duplicate."))
    application.duplicate_of = None
    application.save(update_fields=["duplicate_of", "updated_at"])
    log_action(
        "application.duplicate_kept",
        actor=by,
        program=application.program,
        target=application,
        data={"duplicate_of": original_id},
        now=now,
    )


# --- Notes and views ------------------------------------------------------------------------------------


@transaction.atomic
def add_note(application: Application, *, by: User, text: str, now: datetime) -> Note:
    note = Note.objects.create(application=application, author=by, text=text, created_at=now)
    log_action(
        "application.note_added",
        actor=by,
        program=application.program,
        target=application,
        data={"note": note.pk},
        now=now,
    )
    return note


def record_viewed(application: Application, *, by: User, now: datetime) -> None:
    """Looking at an applicant's whole record is itself written down (who and when; ids only)."""
    log_action("application.viewed", actor=by, program=application.program, target=application, now=now)


# --- The program's wording of the decision e-mails ------------------------------------------------------


@transaction.atomic
def save_decision_template(
    program: Program, kind: str, language: str, *, subject: str, body: str, by, now: datetime
) -> DecisionTemplate:
    template, _created = DecisionTemplate.objects.update_or_create(
        program=program,
        kind=kind,
        language=language,
        defaults={"subject": subject, "body": body, "updated_at": now, "updated_by": by},
    )
    log_action(
        "decision_template.saved",
        actor=by,
        program=program,
        target=template,
        data={"kind": kind, "language": language},
        now=now,
    )
    return template


@transaction.atomic
def reset_decision_template(program: Program, kind: str, language: str, *, by: User, now: datetime) -> bool:
    """Back to our default wording; False when the program had not changed it."""
    deleted, _rows = DecisionTemplate.objects.filter(program=program, kind=kind, language=language).delete()
    if deleted:
        log_action(
            "decision_template.reset",
            actor=by,
            program=program,
            data={"kind": kind, "language": language},
            now=now,
        )
    return bool(deleted)
