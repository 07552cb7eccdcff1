"""Write to the audit trail. Every staff decision that later issues add goes through here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeAlias, cast

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.audit.models import AuditEvent, AuditSubject

if TYPE_CHECKING:  # for the types only: audit imports no other app at run time
    from django.contrib.auth.models import AnonymousUser

    from tandem.accounts.models import Organisation, User
    from tandem.programs.models import Program

# What `data` may hold: what JSON can say (ids and codes; never names or e-mail addresses).
JSON: TypeAlias = "str | int | float | bool | None | Sequence[JSON] | Mapping[str, JSON]"

BATCH_SIZE = 500  # rows per INSERT in `log_actions` (SQLite's limit on parameters may make it fewer)


def log_action(
    action: str,
    *,
    actor: User | AnonymousUser | None = None,
    organisation: Organisation | None = None,
    program: Program | None = None,
    target: models.Model | None = None,
    data: Mapping[str, JSON] | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    """Record one decision, e.g. ``log_action("program.state_changed", actor=user, program=p,
    data={"from": "draft", "to": "recruiting"})``. Keep `data` free of names and e-mail addresses."""
    event = audit_event(
        action, actor=actor, organisation=organisation, program=program, target=target, data=data, now=now
    )
    event.save(force_insert=True)
    return event


def audit_event(
    action: str,
    *,
    actor: User | AnonymousUser | None = None,
    organisation: Organisation | None = None,
    program: Program | None = None,
    target: models.Model | None = None,
    data: Mapping[str, JSON] | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    """The event `log_action` would record, not stored yet: give many of them to `log_actions`."""
    if organisation is None and program is not None:
        organisation = program.organisation
    return AuditEvent(
        created_at=now or timezone.now(),
        # A view may pass AnonymousUser: the event then has no actor.
        actor=cast("User | None", actor if getattr(actor, "is_authenticated", False) else None),
        organisation=organisation,
        program=program,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
    )


def log_actions(events: Sequence[AuditEvent]) -> list[AuditEvent]:
    """Record many decisions made by `audit_event` at once (a bulk import): the same rows as
    `log_action`, in a few INSERTs."""
    return AuditEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)


def log_view(
    action: str,
    *,
    actor: User | AnonymousUser | None,
    subjects: Mapping[str, Iterable[int]],
    organisation: Organisation | None = None,
    program: Program | None = None,
    target: models.Model | None = None,
    data: Mapping[str, JSON] | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    """Record that a staff member saw (or exported) personal data: one event, whatever the number of
    people on the page, and one row per person in `AuditSubject` (`subjects`: {kind: ids}, kinds from
    `tandem.audit.subjects`), written in one INSERT. So a list page costs two queries, not one per row."""
    event = log_action(
        action,
        actor=actor,
        organisation=organisation,
        program=program,
        target=target,
        data=data,
        now=now,
    )
    rows = [
        AuditSubject(event=event, kind=kind, object_id=object_id)
        for kind, ids in subjects.items()
        for object_id in dict.fromkeys(ids)
    ]
    if rows:
        AuditSubject.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return event


def purge_old_events(*, now: datetime, batch: int = 5000) -> int:
    """Delete events older than AUDIT_RETENTION_DAYS (and their subjects), a batch at a time so that
    no transaction grows large. Returns how many events went."""
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    removed = 0
    while True:
        ids = list(
            AuditEvent.objects.filter(created_at__lt=cutoff)
            .order_by("id")
            .values_list("id", flat=True)[:batch]
        )
        if not ids:
            return removed
        AuditSubject.objects.filter(event_id__in=ids).delete()
        AuditEvent.objects.filter(id__in=ids).delete()
        removed += len(ids)
