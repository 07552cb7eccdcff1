"""The people an audit event concerns, and how the log finds and shows them without storing them.

The audit log stores ids only (`AuditEvent.target_*`, `AuditSubject`). The apps that own people tell it,
when Django starts, how to find their people by name, e-mail or reference (for the admins' search: "whom")
and how to show them (a name and a reference on the admins' page): `register(SubjectSource(...))`, e.g.
in applications' `AppConfig.ready()`. The audit log itself imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

# Kinds of subject. Each is registered by the app that owns the people it counts.
APPLICATION = "application"  # an applicant (applications.Application)
INVITATION = "invitation"  # a person invited to a common meeting (gatherings.Invitation)
OUTBOX_MESSAGE = "outbox_message"  # an e-mail to a person (outbox.OutboxMessage)

# At most this many matches per kind when a search names a person: a name like "an" is not a list of
# everybody, and the query stays bounded.
MAX_MATCHES = 200


@dataclass(frozen=True)
class SubjectSource:
    """How the audit log reaches one kind of person.

    `target_type` is the model label events use when the person is their target (``log_action(target=…)``);
    `find(organisation_id, text)` gives the ids of the organisation's people whose name, e-mail or
    reference matches `text` (at most MAX_MATCHES); `describe(ids)` gives what the admins' page shows for
    each id (one query for all of them)."""

    kind: str
    label: str | Promise
    target_type: str
    find: Callable[[int, str], Sequence[int]]
    describe: Callable[[Sequence[int]], Mapping[int, str]]


SOURCES: dict[str, SubjectSource] = {}


def register(source: SubjectSource) -> None:
    SOURCES[source.kind] = source


def find_subjects(organisation_id: int, text: str) -> dict[str, list[int]]:
    """Every registered kind's people matching `text` in the organisation: {kind: [ids]}."""
    text = text.strip()
    if not text:
        return {}
    return {kind: list(source.find(organisation_id, text))[:MAX_MATCHES] for kind, source in SOURCES.items()}


def kind_of_target(target_type: str) -> str | None:
    for source in SOURCES.values():
        if source.target_type == target_type:
            return source.kind
    return None


def describe(wanted: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """What to show for each (kind, id): one query per kind that occurs."""
    by_kind: dict[str, set[int]] = {}
    for kind, object_id in wanted:
        by_kind.setdefault(kind, set()).add(object_id)
    shown: dict[tuple[str, int], str] = {}
    for kind, ids in by_kind.items():
        source = SOURCES.get(kind)
        if source is None:
            continue
        for object_id, text in source.describe(sorted(ids)).items():
            shown[(kind, object_id)] = text
    return shown
