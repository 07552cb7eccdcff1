"""Staff decisions on applications: status changes one by one or many at once, decision e-mails,
duplicates, notes, and the program's wording of the decision e-mails. Every one goes to the audit log.

Status changes go through `tandem.applications.services.change_status`, which checks the move against
`TRANSITIONS`, records who, when and why (StatusChange) and logs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.applications.models import Application, StatusChange
from tandem.applications.services import InvalidStatusChange, change_status
from tandem.audit.services import audit_event, log_action, log_actions
from tandem.jobs.services import between_chunks
from tandem.outbox.services import queue_prepared
from tandem.programs.models import Program
from tandem.screening.decisions import DecisionTexts
from tandem.screening.emails import build_decision_email, send_decision_email
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


BULK_CHUNK = 200  # applications decided per transaction


@dataclass
class BulkResult:
    """What a bulk decision did: ids only (the job stores it; the page words it)."""

    to: str
    moved: list[int] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=dict)  # status → ids that status kept
    emails: int = 0

    def as_json(self) -> dict:
        return {"to": self.to, "moved": len(self.moved), "skipped": self.skipped, "emails": self.emails}


def bulk_change_status(
    program: Program,
    application_ids: Iterable[int],
    to: str,
    *,
    by,
    reason: str,
    send_email: bool,
    now: datetime,
    report: Callable[[int, BulkResult], None] | None = None,
) -> BulkResult:
    """Move the program's applications among `application_ids` to `to`, a chunk at a time.

    Runs in the worker (see `screening.jobs`). Each chunk is one short transaction: its decision e-mails
    are rendered before it opens, then the statuses, their history, the audit events and the e-mails are
    stored together. So every application is either moved completely (e-mail included) or not at all,
    also when the job stops half-way; `report(done, result)` is told after each chunk. Applications
    whose status does not allow the move (now, not when the coordinator looked) are skipped and listed;
    ids of other programs are ignored.
    """
    ids = list(application_ids)
    texts = DecisionTexts(program, to) if send_email and sends_email(to) else None
    result = BulkResult(to=to)
    for start in range(0, len(ids), BULK_CHUNK):
        chunk = ids[start : start + BULK_CHUNK]
        found = Application.objects.filter(program=program, pk__in=chunk).select_related(
            "program__organisation", "form"
        )
        order = {pk: index for index, pk in enumerate(chunk)}
        applications = sorted(found, key=lambda application: order[application.pk])
        if start:
            between_chunks()
        prepared = {}
        if texts is not None:
            prepared = {
                a.pk: build_decision_email(a, to, texts=texts)
                for a in applications
                if to in a.allowed_statuses()
            }
        with transaction.atomic():
            moved = _move(applications, to, by=by, reason=reason, now=now, result=result)
            messages = [prepared[pk] for pk in moved if pk in prepared]
            queue_prepared(messages)
            result.emails += len(messages)
            if report is not None:
                report(min(start + BULK_CHUNK, len(ids)), result)
    return result


def _move(
    applications: list[Application], to: str, *, by, reason: str, now: datetime, result: BulkResult
) -> list[int]:
    """Inside the chunk's transaction: the statuses as they are now decide (locked on PostgreSQL)."""
    current = dict(
        Application.objects.select_for_update()
        .filter(pk__in=[a.pk for a in applications])
        .values_list("pk", "status")
    )
    by_status: dict[str, list[int]] = {}
    for application in applications:
        status = current.get(application.pk)
        if status is None:
            continue
        application.status = status
        if to in application.allowed_statuses():
            by_status.setdefault(status, []).append(application.pk)
        else:
            result.skipped.setdefault(status, []).append(application.pk)
    moved: list[int] = []
    for status, pks in by_status.items():
        Application.objects.filter(pk__in=pks, status=status).update(status=to, updated_at=now)
        moved.extend(pks)
    StatusChange.objects.bulk_create(
        StatusChange(application_id=pk, from_status=status, to_status=to, by=by, at=now, reason=reason)
        for status, pks in by_status.items()
        for pk in pks
    )
    moved_set = set(moved)
    program = applications[0].program if applications else None
    events = [
        audit_event(
            "application.status_changed",
            actor=by,
            program=program,
            target=application,
            data={"from": current[application.pk], "to": to, "by_applicant": False},
            now=now,
        )
        for application in applications
        if application.pk in moved_set
    ]
    skipped = [a.pk for a in applications if a.pk not in moved_set and a.pk in current]
    events.append(
        audit_event(
            "application.bulk_status_changed",
            actor=by,
            program=program,
            data={"to": to, "moved": moved, "skipped": skipped},
            now=now,
        )
    )
    log_actions(events)
    result.moved.extend(moved)
    return moved


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
