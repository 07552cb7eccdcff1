"""How the audit log finds and shows e-mails to a person (registered in `OutboxConfig.ready()`): by the
recipient's address only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext_lazy as _

from tandem.audit import subjects
from tandem.outbox.models import OutboxMessage


def find_messages(organisation_id: int, text: str) -> Sequence[int]:
    text = text.strip()
    if "@" not in text:
        return []
    return list(
        OutboxMessage.objects.filter(organisation_id=organisation_id, to__icontains=text)
        .order_by("id")
        .values_list("id", flat=True)[: subjects.MAX_MATCHES]
    )


def describe_messages(ids: Sequence[int]) -> Mapping[int, str]:
    rows = OutboxMessage.objects.filter(pk__in=ids).values_list("id", "to", "subject")
    return {pk: f"{', '.join(to)}: {subject}" for pk, to, subject in rows}


def register() -> None:
    subjects.register(
        subjects.SubjectSource(
            kind=subjects.OUTBOX_MESSAGE,
            label=_("e-mail"),
            target_type="outbox.outboxmessage",
            find=find_messages,
            describe=describe_messages,
        )
    )
