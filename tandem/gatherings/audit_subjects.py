"""How the audit log finds and shows the people invited to common meetings (registered in
`GatheringsConfig.ready()`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.audit import subjects
from tandem.gatherings.models import Invitation


def find_invitations(organisation_id: int, text: str) -> Sequence[int]:
    text = text.strip()
    if "@" in text:
        matches = Q(email__iexact=text)
    else:
        matches = Q()
        for word in text.split()[:5]:
            matches &= Q(name__icontains=word)
    return list(
        Invitation.objects.filter(matches, gathering__program__organisation_id=organisation_id)
        .order_by("id")
        .values_list("id", flat=True)[: subjects.MAX_MATCHES]
    )


def describe_invitations(ids: Sequence[int]) -> Mapping[int, str]:
    return dict(Invitation.objects.filter(pk__in=ids).values_list("id", "name"))


def register() -> None:
    subjects.register(
        subjects.SubjectSource(
            kind=subjects.INVITATION,
            label=_("invited to a common meeting"),
            target_type="gatherings.invitation",
            find=find_invitations,
            describe=describe_invitations,
        )
    )
