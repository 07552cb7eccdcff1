"""Many applications at once, entered by staff (the import): every effect of `services.submit_application`
for each of them, with the database's write lock held briefly.

`prepare_applications` does all that needs no lock, before the transaction opens: it builds the
Application objects (with their reference numbers and withdraw links), checks each against the
requirement profile and renders the confirmation e-mails. `store_applications`, inside the caller's
transaction, locks the form, checks that it still takes staff entries, reads the earlier applications'
e-mail addresses in one query (for `duplicate_of`) and stores applications, answers, status changes,
audit events and e-mails with bulk INSERTs: the number of queries grows with rows ÷ batch size, not
with rows. (Applications get their ids from the INSERT: PostgreSQL, and SQLite from 3.35.)

One application at a time (the public form, paper, interview) stays with `submit_application`;
tests/test_bulk.py checks that both give the same result.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from tandem.applications.emails import prepare_application_received
from tandem.applications.models import (
    Answer,
    Application,
    ApplicationForm,
    ConsentText,
    StatusChange,
    new_reference,
)
from tandem.applications.services import (
    STAFF_CHANNELS,
    Availability,
    FormClosed,
    Submission,
    count_towards_cap,
    form_availability,
    new_application,
    received_event_data,
    staff_may_enter,
)
from tandem.audit.services import audit_event, log_actions
from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import queue_prepared
from tandem.requirements.evaluation import evaluate
from tandem.requirements.models import Criterion, RequirementProfile

Status = Application.Status
BATCH_SIZE = 500  # rows per INSERT (SQLite's limit of 999 parameters makes it fewer for wide tables)
PROGRESS_EVERY = 250  # rows between two progress reports while preparing


@dataclass
class PreparedApplications:
    """Applications built and checked but not stored (`prepare_applications`), in the given order."""

    form: ApplicationForm
    applications: list[Application]
    answers: list[dict[int, Any]]  # the custom answers of each application, by question id
    emails: list[OutboxMessage]  # the confirmation of each application, or none at all


def submit_applications(
    form: ApplicationForm,
    submissions: Sequence[Submission],
    *,
    now: datetime,
    send_confirmation: bool = False,
    consent: ConsentText | None = None,
) -> list[Application]:
    """Store many applications entered by staff, all or nothing (prepared first, then stored in one
    short transaction). See `prepare_applications` and `store_applications`."""
    prepared = prepare_applications(form, submissions, now=now, send_confirmation=send_confirmation)
    with transaction.atomic():
        return store_applications(prepared, now=now, consent=consent)


def prepare_applications(
    form: ApplicationForm,
    submissions: Sequence[Submission],
    *,
    now: datetime,
    send_confirmation: bool = False,
    progress: Callable[[int], None] | None = None,
) -> PreparedApplications:
    """Build an Application for each submission as `submit_application` does, check it against the
    requirement profile for the role, and render its confirmation e-mail if `send_confirmation`; store
    nothing. Run it before the transaction opens: it reads (the form, the profile) and takes no lock.

    Only staff channels (services.STAFF_CHANNELS): the public form sends one application at a time.
    Raises FormClosed if the form does not take staff entries now (checked again under the lock by
    `store_applications`). `progress(n)` is told every PROGRESS_EVERY rows how many are prepared.
    """
    if any(submission.channel not in STAFF_CHANNELS for submission in submissions):
        raise ValueError("Only applications entered by staff are stored in bulk")
    form = ApplicationForm.objects.select_related("program__organisation").get(pk=form.pk)
    availability = form_availability(form, now=now)
    if not staff_may_enter(availability):
        raise FormClosed(availability)
    criteria = _profile_criteria(form)
    today = timezone.localdate(now)
    references: set[str] = set()
    prepared = PreparedApplications(form, [], [], [])
    for count, submission in enumerate(submissions, start=1):
        application = new_application(form, submission, now=now)
        while application.reference in references:  # unique within the batch too (31⁸ to choose from)
            application.reference = new_reference()
        references.add(application.reference)
        _evaluate(application, criteria, today=today, now=now, answers=submission.answers)
        prepared.applications.append(application)
        prepared.answers.append(dict(submission.answers))
        if send_confirmation:
            prepared.emails.append(prepare_application_received(application))
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    return prepared


def store_applications(
    prepared: PreparedApplications, *, now: datetime, consent: ConsentText | None = None
) -> list[Application]:
    """Store prepared applications in the caller's transaction, with everything `submit_application`
    stores for each: the duplicate flag, the status change "received", the audit event and, if
    prepared, the confirmation e-mail (the worker is kicked once, after the commit).

    `consent`: the consent text every application points at, when it is made inside the transaction
    (the import stores the coordinator's confirmation there); otherwise each submission's own.
    Locks the form as `submit_application` does; raises FormClosed (and the caller's transaction
    should roll back) if it no longer takes staff entries. Returns the applications, with their ids.
    """
    form = (
        ApplicationForm.objects.select_for_update()
        .select_related("program__organisation")
        .get(pk=prepared.form.pk)
    )
    availability = form_availability(form, now=now)
    if not staff_may_enter(availability):
        raise FormClosed(availability)
    program = form.program
    applications = prepared.applications
    not_open = _reasons_not_open(form, availability, len(applications))
    for application in applications:
        application.program, application.form = program, form
        if consent is not None:
            application.consent, application.consented_at = consent, now
    within_batch = _flag_duplicates(applications)
    Application.objects.bulk_create(applications, batch_size=BATCH_SIZE)
    if within_batch:
        for application, first in within_batch:
            application.duplicate_of_id = first.pk
        Application.objects.bulk_update(
            [application for application, _first in within_batch], ["duplicate_of"], batch_size=BATCH_SIZE
        )
    Answer.objects.bulk_create(
        [
            Answer(application=application, question_id=question_id, value=value)
            for application, answers in zip(applications, prepared.answers, strict=True)
            for question_id, value in answers.items()
        ],
        batch_size=BATCH_SIZE,
    )
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                application=application,
                from_status="",
                to_status=Status.RECEIVED,
                by=application.entered_by,
                at=now,
            )
            for application in applications
        ],
        batch_size=BATCH_SIZE,
    )
    log_actions(
        [
            audit_event(
                "application.received",
                actor=application.entered_by,
                program=program,
                target=application,
                data=received_event_data(application, reason),
                now=now,
            )
            for application, reason in zip(applications, not_open, strict=True)
        ]
    )
    if prepared.emails:
        queue_prepared(prepared.emails)
    return applications


def _profile_criteria(form: ApplicationForm) -> list[Criterion] | None:
    """The criteria of the requirement profile for the form's role; None without a profile."""
    profile = (
        RequirementProfile.objects.filter(program_id=form.program_id, role=form.role)
        .prefetch_related("criteria")
        .first()
    )
    return None if profile is None else list(profile.criteria.all())


def _evaluate(
    application: Application, criteria: list[Criterion] | None, *, today, now: datetime, answers
) -> None:
    """What `services.apply_evaluation` fills in, with the profile read once for all applications."""
    if criteria is None:
        application.passes_requirements = None
        application.requirement_flags = []
        application.requirement_score = None
        return
    result = evaluate(criteria, application.facts(answers), today=today)
    application.passes_requirements = result.passes
    application.requirement_flags = result.flags()
    application.requirement_score = result.score
    application.evaluated_at = now


def _reasons_not_open(form: ApplicationForm, availability: Availability, rows: int) -> list[str]:
    """Why the public form was not open when each row was stored ("" when it was), as
    `submit_application` records it row by row: a form with a cap fills up part-way."""
    if not availability.is_open:
        return [availability.reason] * rows
    if form.cap is None:
        return [""] * rows
    taken = count_towards_cap(form)
    return ["full" if taken + row >= form.cap else "" for row in range(rows)]


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _email_key(email: str) -> str:
    """The e-mail address as the database's case-insensitive `email__iexact` compares it."""
    if connection.vendor == "sqlite":
        return email.translate(_ASCII_LOWER)  # LIKE ignores the case of ASCII letters only
    return email.upper()  # PostgreSQL: UPPER(email) = UPPER(%s)


def _flag_duplicates(applications: list[Application]) -> list[tuple[Application, Application]]:
    """Set `duplicate_of` as `services.first_application_with_email` does row by row: the earliest
    application (by time sent, then id) with the same e-mail address, case aside, for the same program
    and role, the rows before it in this batch included. One query reads the earlier applications.

    Returns the (application, earlier application in the batch) pairs: those get their flag once the
    batch is stored and has ids.
    """
    if not applications:
        return []
    first = applications[0]
    earliest: dict[str, tuple[datetime, int]] = {}
    for pk, email, submitted_at in (
        Application.objects.filter(program_id=first.program_id, role=first.role)
        .order_by("submitted_at", "id")
        .values_list("id", "email", "submitted_at")
    ):
        earliest.setdefault(_email_key(email), (submitted_at, pk))
    first_in_batch: dict[str, Application] = {}
    within_batch = []
    for application in applications:
        key = _email_key(application.email)
        stored = earliest.get(key)
        first_here = first_in_batch.setdefault(key, application)
        # An application stored before sorts first unless it was sent later than this batch (the
        # batch's ids come after every stored one, so a tie in time goes to the stored one).
        if stored is not None and (first_here is application or stored[0] <= application.submitted_at):
            application.duplicate_of_id = stored[1]
        elif first_here is not application:
            application.duplicate_of_id = None
            within_batch.append((application, first_here))
        else:
            application.duplicate_of_id = None
    return within_batch
