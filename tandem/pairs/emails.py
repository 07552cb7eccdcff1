"""E-mails to the two people in a pair, one function each, in the recipient's own language.

Each e-mail carries the recipient's personal link to answer (a random token per pair and side); once the
pair is confirmed, a sign-in link to their space instead (made by tandem.mentoring, see `set_space_link`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from tandem.outbox.emails import build_templated_email
from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import queue_prepared
from tandem.pairs.models import Pair
from tandem.pairs.reasons import participant_reasons

PARTICIPANT_LANGUAGES = ("sv", "en", "ar")
"""Languages our participant e-mails and answer page are written in; anyone else reads Swedish."""


def participant_language(application) -> str:
    language = (application.language or "").lower()
    return language if language in PARTICIPANT_LANGUAGES else "sv"


_space_link: Callable[..., str] | None = None


def set_space_link(maker: Callable[..., str]) -> None:
    """tandem.mentoring registers here, when the app is ready, ``maker(application, now)`` → the absolute
    sign-in link to that person's space. pairs must not import mentoring (mentoring builds on pairs)."""
    global _space_link
    _space_link = maker


def space_url(application, now: datetime | None = None) -> str:
    """A fresh sign-in link to the person's space, or "" when no space is installed."""
    return _space_link(application, now or timezone.now()) if _space_link is not None else ""


def answer_url(pair: Pair, side: str) -> str:
    return settings.SITE_URL + reverse("pair_answer:answer", args=[pair.token_of(side)])


def _send(template: str, pair: Pair, side: str, **extra) -> None:
    queue_prepared([_build(template, pair, side, **extra)])


def _build(template: str, pair: Pair, side: str, **extra) -> OutboxMessage:
    person, other = pair.person(side), pair.person(pair.other_side(side))
    language = participant_language(person)
    with translation.override(language):
        reasons = participant_reasons(pair.reasons, side)
    form = person.form
    return build_templated_email(
        template,
        to=person.email,
        context={
            "side": side,
            "first_name": person.first_name,
            "other_first_name": other.first_name,
            "program_name": pair.program.name,
            "reasons": reasons,
            "deadline": pair.answer_deadline,
            "answer_url": answer_url(pair, side),
            "contact_email": form.contact_email if form else "",
            **extra,
        },
        language=language,
        program=pair.program,
    )


def send_introduction(pair: Pair, side: str) -> None:
    """You have been paired with …: who, why, and the link to accept or decline by the deadline."""
    _send("pairs/emails/introduction", pair, side)


def build_introduction(pair: Pair, side: str) -> OutboxMessage:
    """The introduction, rendered but not stored (publishing stores many at once)."""
    return _build("pairs/emails/introduction", pair, side)


def send_reminder(pair: Pair, side: str) -> None:
    """The deadline is near and we have not heard from you."""
    _send("pairs/emails/reminder", pair, side)


def send_pair_confirmed(pair: Pair, side: str) -> None:
    """Both said yes: here is how to reach each other."""
    other = pair.person(pair.other_side(side))
    _send(
        "pairs/emails/confirmed",
        pair,
        side,
        other_full_name=other.full_name,
        other_email=other.email,
        space_url=space_url(pair.person(side)),
    )


def send_pair_cancelled(pair: Pair, side: str) -> None:
    """The other person could not take part, so the introduction is off; the organisers will be in touch."""
    _send("pairs/emails/cancelled", pair, side)
