"""The organisation admins' search of the audit log: who, whom, what, when.

"Whom" is a name, e-mail address or reference number: the log stores no personal data, so it is turned
into the ids of the people it matches when the search runs (`tandem.audit.subjects.find_subjects`), and
the events are those whose target is one of them or that list one of them as a subject (a page of many
people is one event with many subjects).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.audit import subjects as subject_registry
from tandem.audit.actions import label
from tandem.audit.models import AuditEvent, AuditSubject

REPORT_LIMIT = 5000  # events in one breach report (printed or exported); the page says when there are more


@dataclass(frozen=True)
class AuditQuery:
    actor_id: int | None = None
    whom: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None


@dataclass
class Found:
    """The events a query selects, and the people its "whom" matched ({kind: ids})."""

    events: QuerySet[AuditEvent]
    people: dict[str, list[int]] = field(default_factory=dict)

    @property
    def matched_nobody(self) -> bool:
        return not any(self.people.values())


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events_of(organisation_id: int, query: AuditQuery) -> Found:
    """The organisation's events that match `query`, newest first (with each one's number of subjects)."""
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if query.actor_id is not None:
        events = events.filter(actor_id=query.actor_id)
    if query.action:
        events = events.filter(action=query.action)
    if query.since is not None:
        events = events.filter(created_at__gte=_start_of(query.since))
    if query.until is not None:
        events = events.filter(created_at__lt=_start_of(query.until + timedelta(days=1)))
    people: dict[str, list[int]] = {}
    if query.whom.strip():
        people = subject_registry.find_subjects(organisation_id, query.whom)
        events = events.filter(concerning(people))
    events = events.select_related("actor", "program").annotate(subject_count=Count("subjects"))
    return Found(events=events.order_by("-created_at", "-id"), people=people)


def concerning(people: dict[str, list[int]]) -> Q:
    """Events whose target is one of `people` or that list one of them as a subject."""
    condition = Q(pk__in=[])
    for kind, ids in people.items():
        if not ids:
            continue
        source = subject_registry.SOURCES[kind]
        condition |= Q(target_type=source.target_type, target_id__in=[str(i) for i in ids])
        condition |= Q(pk__in=AuditSubject.objects.filter(kind=kind, object_id__in=ids).values("event_id"))
    return condition


@dataclass(frozen=True)
class Row:
    """One event as the admins' page and the export show it."""

    event: AuditEvent
    action: str
    whom: str
    others: int  # further people the event concerns beyond the one shown


def rows_for(events: Sequence[AuditEvent]) -> list[Row]:
    """The events made readable: the action's label, and the person each concerns (one query per kind
    of person on the page)."""
    targets: dict[int, tuple[str, int]] = {}
    for event in events:
        kind = subject_registry.kind_of_target(event.target_type)
        if kind is not None and event.target_id.isdigit():
            targets[event.pk] = (kind, int(event.target_id))
    shown = subject_registry.describe(targets.values())
    rows = []
    for event in events:
        target = targets.get(event.pk)
        whom = shown.get(target, "") if target else ""
        count = getattr(event, "subject_count", 0)
        rows.append(Row(event=event, action=label(event.action), whom=whom, others=count))
    return rows


@dataclass(frozen=True)
class Looker:
    """A staff member who saw the person: how often, first and last."""

    actor_id: int | None
    name: str
    email: str
    events: int
    first: datetime
    last: datetime


def lookers(events: Sequence[AuditEvent]) -> list[Looker]:
    """Who saw the person, for the breach report: one line per staff member, most events first."""
    by_actor: dict[int | None, list[AuditEvent]] = {}
    for event in events:
        by_actor.setdefault(event.actor_id, []).append(event)
    found = []
    for actor_id, theirs in by_actor.items():
        actor = theirs[0].actor
        found.append(
            Looker(
                actor_id=actor_id,
                name=actor.get_full_name() if actor is not None else "",
                email=actor.email if actor is not None else "",
                events=len(theirs),
                first=min(event.created_at for event in theirs),
                last=max(event.created_at for event in theirs),
            )
        )
    return sorted(found, key=lambda looker: (-looker.events, looker.email))


def people_found(people: dict[str, list[int]]) -> list[tuple[str, str]]:
    """The people a "whom" matched, as (kind's label, what to show), for the report's heading."""
    shown = subject_registry.describe((kind, i) for kind, ids in people.items() for i in ids)
    return [
        (str(subject_registry.SOURCES[kind].label), text)
        for (kind, _id), text in sorted(shown.items(), key=lambda item: item[1])
    ]
