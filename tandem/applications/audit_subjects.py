"""How the audit log finds and shows applicants (registered in `ApplicationsConfig.ready()`): by name,
e-mail address or reference number, within one organisation's programs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.applications.models import Application
from tandem.audit import subjects


def name_or_contact(text: str, *, name: str, first: str = "", last: str = "", email: str = "") -> Q:
    """Who `text` may mean: an e-mail address exactly, or every word of it in the name."""
    text = text.strip()
    if "@" in text and email:
        return Q(**{f"{email}__iexact": text})
    condition = Q()
    for word in text.split()[:5]:
        if first and last:
            condition &= Q(**{f"{first}__icontains": word}) | Q(**{f"{last}__icontains": word})
        else:
            condition &= Q(**{f"{name}__icontains": word})
    return condition


def find_applications(organisation_id: int, text: str) -> Sequence[int]:
    matches = name_or_contact(text, name="", first="first_name", last="last_name", email="email") | Q(
        reference__iexact=text.strip()
    )
    return list(
        Application.objects.filter(matches, program__organisation_id=organisation_id)
        .order_by("id")
        .values_list("id", flat=True)[: subjects.MAX_MATCHES]
    )


def describe_applications(ids: Sequence[int]) -> Mapping[int, str]:
    rows = Application.objects.filter(pk__in=ids).values_list("id", "first_name", "last_name", "reference")
    return {pk: f"{first} {last} ({reference})" for pk, first, last, reference in rows}


def register() -> None:
    subjects.register(
        subjects.SubjectSource(
            kind=subjects.APPLICATION,
            label=_("applicant"),
            target_type="applications.application",
            find=find_applications,
            describe=describe_applications,
        )
    )
