"""How long a program keeps personal data, what is due, and the nightly run that anonymises it.

The periods (a `RetentionPolicy` per program, created with the defaults when first asked for):
rejected and withdrawn applicants a number of months after the decision, everyone else of the program
(participants, accepted and waiting applicants) a number of months after the program closed. Unsent
drafts (in sessions), old sessions and expired sign-in links go after `WORKING_DATA_DAYS`.
A coordinator may keep one case longer (`extend_case`, with a reason, audited).
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.applications.models import Application, ApplicationForm, StatusChange
from tandem.audit.models import AuditEvent
from tandem.audit.services import log_action
from tandem.intake.models import ImportJob
from tandem.mentoring.models import SignInLink
from tandem.privacy.anonymise import anonymise_applications
from tandem.privacy.consent import consent_addition, earlier_addition, up_to_date
from tandem.privacy.models import Anonymised, Extension, RemovalLog, RetentionPolicy
from tandem.programs.models import Program

WORKING_DATA_DAYS = 2  # unsent drafts, old sessions, expired sign-in links, import problems
BATCH = 100  # people anonymised in one transaction
CLOSED_STATES = (Program.State.CLOSED, Program.State.EVALUATED)
Status = Application.Status


class RetentionError(ValueError):
    """A change the policy refuses; `str()` says why in the active language."""


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


class _Unknown:
    """Not looked up yet (so that None can mean "the program is open")."""


_UNKNOWN = _Unknown()


def policy_for(program: Program) -> RetentionPolicy:
    policy, _created = RetentionPolicy.objects.get_or_create(program=program)
    return policy


def closed_at(program: Program) -> datetime | None:
    """When the program last moved to closed (or evaluated without a recorded close); None while open."""
    if program.state not in CLOSED_STATES:
        return None
    moved = AuditEvent.objects.filter(
        program=program, action="program.state_changed", data__to=Program.State.CLOSED
    ).aggregate(at=Max("created_at"))["at"]
    return moved or program.updated_at


def with_decision(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Applications with `decided_at` (when they got their present status) and `kept_until`."""
    decided = (
        StatusChange.objects.filter(application=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-at")
        .values("at")[:1]
    )
    return applications.annotate(decided_at=Subquery(decided), kept_until=Max("retention_extensions__until"))


def due_by(
    program: Program,
    moment: datetime,
    policy: RetentionPolicy | None = None,
    *,
    closed: datetime | None | _Unknown = _UNKNOWN,
) -> QuerySet[Application]:
    """The program's applications (not anonymised) whose period is over at `moment`, extensions honoured."""
    policy = policy or policy_for(program)
    due = Q(status=Status.REJECTED, decided_at__lte=add_months(moment, -policy.rejected_months)) | Q(
        status=Status.WITHDRAWN, decided_at__lte=add_months(moment, -policy.withdrawn_months)
    )
    if isinstance(closed, _Unknown):
        closed = closed_at(program)
    if closed is not None and add_months(closed, policy.participant_months) <= moment:
        due = Q(pk__isnull=False)
    rows = with_decision(Application.objects.filter(program=program, anonymised__isnull=True))
    return (
        rows.filter(due).exclude(retention_extensions__until__gte=moment.date()).order_by("decided_at", "pk")
    )


@dataclass(frozen=True)
class Upcoming:
    application: Application
    due_on: date
    why: str


def due_date(application: Application, policy: RetentionPolicy, closed: datetime | None) -> datetime | None:
    """When this application's period ends (before any extension)."""
    ends = []
    decided = getattr(application, "decided_at", None)
    if application.status == Status.REJECTED and decided:
        ends.append(add_months(decided, policy.rejected_months))
    if application.status == Status.WITHDRAWN and decided:
        ends.append(add_months(decided, policy.withdrawn_months))
    if closed is not None:
        ends.append(add_months(closed, policy.participant_months))
    return min(ends) if ends else None


def upcoming(
    program: Program, *, now: datetime, days: int = 30, policy: RetentionPolicy | None = None
) -> list[Upcoming]:
    """What the nightly job will anonymise in the next `days` days (and what is due already)."""
    policy = policy or policy_for(program)
    closed = closed_at(program)
    rows = []
    for application in due_by(program, now + timedelta(days=days), policy, closed=closed):
        ends = due_date(application, policy, closed) or now
        kept = getattr(application, "kept_until", None)
        due_on = timezone.localdate(ends)
        if kept is not None and kept >= due_on:
            due_on = kept + timedelta(days=1)
        rows.append(Upcoming(application, max(due_on, timezone.localdate(now)), application.status))
    return sorted(rows, key=lambda row: (row.due_on, row.application.pk))


@transaction.atomic
def save_policy(
    program: Program, *, rejected: int, withdrawn: int, participants: int, by, now: datetime
) -> RetentionPolicy:
    """Change the periods (audited), and write the new periods into every form's consent text."""
    from tandem.applications.editing import current_consent_texts, save_consent_texts

    for months in (rejected, withdrawn, participants):
        if not 1 <= months <= 120:
            raise RetentionError(_("A period is between 1 and 120 months."))
    policy = RetentionPolicy.objects.select_for_update().get(pk=policy_for(program).pk)
    old = {language: consent_addition(program, language) for language in _languages()}
    earlier = {language: earlier_addition(program, language) for language in _languages()}
    policy.rejected_months, policy.withdrawn_months, policy.participant_months = (
        rejected,
        withdrawn,
        participants,
    )
    policy.updated_by, policy.updated_at = by, now
    policy.save()
    program.retention = policy
    for form in program.application_forms.all():
        _version, texts = current_consent_texts(form)
        if not texts:
            continue
        wanted = {
            language: row.text.replace(old.get(language, "") or "\0", "")
            .replace(earlier.get(language, "") or "\0", "")
            .rstrip()
            for language, row in texts.items()
        }
        save_consent_texts(form, wanted, by=by, now=now)
    log_action(
        "retention.changed",
        actor=by,
        program=program,
        target=policy,
        data={"rejected": rejected, "withdrawn": withdrawn, "participants": participants},
        now=now,
    )
    return policy


def _languages() -> list[str]:
    return ["sv", "en", "ar"]


@transaction.atomic
def extend_case(application: Application, *, until: date, reason: str, by, now: datetime) -> Extension:
    """Keep one person's data until `until` (audited; the reason stays with the case)."""
    reason = reason.strip()
    if not reason:
        raise RetentionError(_("Say why the data is kept longer."))
    if until <= timezone.localdate(now):
        raise RetentionError(_("Choose a date in the future."))
    if until > timezone.localdate(now) + timedelta(days=3 * 366):
        raise RetentionError(_("A case may be extended by three years at most."))
    extension = Extension.objects.create(
        application=application, until=until, reason=reason[:1000], created_by=by, created_at=now
    )
    log_action(
        "retention.extended",
        actor=by,
        program=application.program,
        target=application,
        data={"until": until.isoformat()},
        now=now,
    )
    return extension


def log_listed(program: Program, applications: list[Application], *, by, now: datetime) -> None:
    """Staff saw these people on the list of what will be anonymised: audited, ids only."""
    if applications:
        log_action(
            "retention.listed",
            actor=by,
            program=program,
            data={"applications": [a.pk for a in applications]},
            now=now,
        )


def _kind(application: Application) -> str:
    if application.status in (Status.REJECTED, Status.WITHDRAWN):
        return str(application.status)
    return "participant"


def state_periods_in_consent_texts(*, now: datetime) -> int:
    """Forms whose current consent text does not state the retention periods yet (made before this app
    existed) or state them in an earlier wording (privacy/consent.py `EARLIER`) get a new version that does;
    the number of forms. Old versions stay as they were agreed to."""
    from tandem.applications.editing import current_consent_texts, save_consent_texts

    changed = 0
    for form in ApplicationForm.objects.select_related("program").order_by("pk"):
        version, texts = current_consent_texts(form)
        if not texts or "sv" not in texts:
            continue
        wanted = {language: up_to_date(form.program, language, row.text) for language, row in texts.items()}
        if all(wanted[language] == row.text for language, row in texts.items()) and all(
            consent_addition(form.program, language) in text for language, text in wanted.items()
        ):
            continue
        if save_consent_texts(form, wanted, by=None, now=now) != version:
            changed += 1
    return changed


def run_retention(*, now: datetime) -> Counter[str]:
    """Anonymise everything that is due, a batch at a time, and log the counts. Safe to run again."""
    total: Counter[str] = Counter()
    state_periods_in_consent_texts(now=now)
    for program in Program.objects.order_by("pk"):
        kinds: Counter[str] = Counter()
        while True:
            batch = list(due_by(program, now)[:BATCH])
            if not batch:
                break
            for application in batch:
                kinds[_kind(application)] += 1
            counts = anonymise_applications(batch, cause=Anonymised.Cause.RETENTION, now=now)
            kinds["files"] += counts["files"]
            if not counts:  # nothing changed (cannot happen: due_by leaves the done ones out)
                break
        _log(program, kinds, now)
        total += kinds
    working = sweep_working_data(now=now)
    _log(None, working, now)
    return total + working


def sweep_working_data(*, now: datetime) -> Counter[str]:
    """Old sessions (with unsent drafts), expired sign-in links and import problems: gone after two days."""
    cutoff = now - timedelta(days=WORKING_DATA_DAYS)
    counts: Counter[str] = Counter()
    counts["sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    counts["sign_in_links"] = SignInLink.objects.filter(expires_at__lt=cutoff).delete()[0]
    counts["import_problems"] = (
        ImportJob.objects.filter(finished_at__lt=cutoff).exclude(problems=[]).update(problems=[])
    )
    return counts


def _log(program: Program | None, counts: Counter[str], now: datetime) -> None:
    RemovalLog.objects.bulk_create(
        RemovalLog(run_at=now, program=program, kind=kind, count=count)
        for kind, count in sorted(counts.items())
        if count
    )
