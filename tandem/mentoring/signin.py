"""Participants sign in with a one-time link sent to the e-mail address on their application.

These are our own links, not django-sesame's: sesame signs in a Django user, and participants have no
Django user — they are `Participant` rows, known by their e-mail address, and their session holds the
participant's id under its own key (`SESSION_KEY`), never Django's auth user. So a signed-in participant is
not authenticated for staff pages, and a staff login is not a participant session.

A link is a random token; only its sha256 hash is stored (`models.hash_token`), it works once, and for a
short time: 30 minutes when asked for on the sign-in page, 72 hours when it comes in an e-mail Tandem sends
(`space_link`). Mail scanners open links, so opening a link shows a page with one button and only the POST
redeems it (`views_signin`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.applications.ratelimit import allow_attempt
from tandem.mentoring import emails
from tandem.mentoring.models import Mentorship, Participant, SignInLink, hash_token, new_secret
from tandem.pairs.emails import PARTICIPANT_LANGUAGES, participant_language
from tandem.pairs.models import Pair

SESSION_KEY = "tandem_participant_id"
REQUESTED_LINK_VALID = timedelta(minutes=30)
SPACE_LINK_VALID = timedelta(hours=72)
LINKS_PER_HOUR = 5  # per e-mail address and per client address


class LinkRefused(Exception):
    """A sign-in link that does not work: ``reason`` is "unknown", "used" or "expired"."""

    def __init__(self, reason: str, participant: Participant | None = None):
        super().__init__(reason)
        self.reason = reason
        self.participant = participant


def pairs_of_email(email: str):
    """The pairs whose mentee or mentor applied with this address (any letter case)."""
    email = email.strip()
    return Pair.objects.filter(Q(mentee__email__iexact=email) | Q(mentor__email__iexact=email))


def known_application(email: str):
    """The application behind a participant's space: the mentee's or mentor's of a waiting or active pair,
    or of a mentorship that is running or paused. None for any other address."""
    pair = (
        pairs_of_email(email)
        .filter(
            Q(status__in=Pair.LIVE)
            | Q(mentorship__status__in=[Mentorship.Status.RUNNING, Mentorship.Status.PAUSED])
        )
        .select_related("mentee", "mentor")
        .order_by("-published_at", "-id")
        .first()
    )
    if pair is None:
        return None
    return pair.mentee if pair.mentee.email.strip().lower() == email.strip().lower() else pair.mentor


def participant_for(application) -> Participant:
    """The participant with this application's address, made on first use, speaking its language."""
    participant, _ = Participant.objects.get_or_create(
        email=application.email.strip().lower(),
        defaults={"language": participant_language(application)},
    )
    return participant


def allow_link_request(ip_address: str, email: str) -> bool:
    """Count one request for a link; False when the address or the client asked too often this hour."""
    return allow_attempt("sign-in-link", ip_address, email, LINKS_PER_HOUR)


def request_sign_in_link(email: str, *, language: str, now: datetime, next_path: str = "") -> bool:
    """Send a 30-minute link if the address belongs to a participant; send nothing otherwise.

    Returns whether a link went out — for tests and the worker's log only: the page says the same either
    way. `language` is the page's language, which the e-mail is written in when we write that language."""
    application = known_application(email)
    if application is None:
        return False
    with transaction.atomic():
        participant = participant_for(application)
        url = _link_url(participant, now=now, valid=REQUESTED_LINK_VALID, next_path=next_path)
        emails.send_sign_in_link(participant, url=url, language=_language(language, participant))
    return True


def space_link(participant: Participant, *, now: datetime, next_path: str = "") -> str:
    """An absolute URL that signs the participant in once within 72 hours: for every e-mail we send them."""
    return _link_url(participant, now=now, valid=SPACE_LINK_VALID, next_path=next_path)


def space_link_for_application(application, now: datetime) -> str:
    """`space_link` for the person behind an application (the pairs' e-mails ask for it this way)."""
    return space_link(participant_for(application), now=now)


def _link_url(participant: Participant, *, now: datetime, valid: timedelta, next_path: str = "") -> str:
    token = new_secret()
    SignInLink.objects.create(
        participant=participant,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + valid,
        next_path=safe_next(next_path),
    )
    return settings.SITE_URL + reverse("space:sign_in_link", args=[token])


def _language(language: str, participant: Participant) -> str:
    return language if language in PARTICIPANT_LANGUAGES else participant.language


def safe_next(path: str) -> str:
    """Only a path inside the space is followed after sign-in."""
    if path and path.startswith("/space/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return path[:200]
    return ""


def check_link(token: str, *, now: datetime) -> SignInLink:
    """The link behind a token if it still works (without using it); LinkRefused otherwise."""
    link = SignInLink.objects.select_related("participant").filter(token_hash=hash_token(token)).first()
    if link is None:
        raise LinkRefused("unknown")
    if link.used_at is not None:
        raise LinkRefused("used", link.participant)
    if now >= link.expires_at:
        raise LinkRefused("expired", link.participant)
    return link


def redeem(token: str, *, now: datetime) -> Participant:
    """Use a link once: returns its participant, or raises LinkRefused (the link's ``next_path`` is read
    with `check_link` before)."""
    with transaction.atomic():
        link = check_link(token, now=now)
        used = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now)
        if not used:  # a second POST at the same moment
            raise LinkRefused("used", link.participant)
        Participant.objects.filter(pk=link.participant_id).update(last_signed_in_at=now)
    link.participant.last_signed_in_at = now
    return link.participant


# --- The participant's session -------------------------------------------------------------------


def sign_in(request: HttpRequest, participant: Participant) -> None:
    """Start a participant session on this device: a new session key, the participant's id under our own
    key (never Django's auth user), alive for PARTICIPANT_SESSION_DAYS."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = participant.pk
    request.session.set_expiry(settings.PARTICIPANT_SESSION_DAYS * 24 * 60 * 60)
    request._participant = participant  # type: ignore[attr-defined]


def current_participant(request: HttpRequest) -> Participant | None:
    if not hasattr(request, "_participant"):
        pk = request.session.get(SESSION_KEY)
        request._participant = Participant.objects.filter(pk=pk).first() if pk else None  # type: ignore[attr-defined]
    return request._participant  # type: ignore[attr-defined]


def sign_out(request: HttpRequest) -> None:
    """End the participant session (a staff login in the same browser stays)."""
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    request._participant = None  # type: ignore[attr-defined]


def sign_in_url(next_path: str = "") -> str:
    url = reverse("space:sign_in")
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


def participant_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send a visitor without a participant session to the sign-in page; render the view in the
    participant's language (the language of their application)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        participant = current_participant(request)
        if participant is None:
            return redirect(sign_in_url(request.get_full_path()))
        with translation.override(participant.language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response.headers["Content-Language"] = participant.language
        return response

    return wrapper
