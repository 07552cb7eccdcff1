"""Who may see what in the participants' space (the lead folds this into tandem/policy.py later).

A participant sees the mentorships whose mentee or mentor applied with their e-mail address, and nothing
else: any other mentorship is a 404, as if it did not exist. A visitor without a participant session is sent
to the sign-in page. Staff never reach the space through these helpers (a staff login is no participant
session); they read a pair through the coordinators' pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from tandem.mentoring.models import Mentorship, Participant, Side
from tandem.mentoring.signin import current_participant


@dataclass(frozen=True)
class SpaceAccess:
    participant: Participant
    mentorship: Mentorship
    side: str  # "mentee" or "mentor"

    @property
    def other_side(self) -> str:
        return Side.MENTOR if self.side == Side.MENTEE else Side.MENTEE

    @property
    def me(self):
        return self.mentorship.pair.person(self.side)

    @property
    def other(self):
        return self.mentorship.pair.person(self.other_side)


def side_of(participant: Participant, mentorship: Mentorship) -> str | None:
    pair = mentorship.pair
    if pair.mentee.email.strip().lower() == participant.email:
        return Side.MENTEE
    if pair.mentor.email.strip().lower() == participant.email:
        return Side.MENTOR
    return None


def get_mentorship_for_participant(request: HttpRequest, pk: int) -> SpaceAccess:
    """The mentorship if the signed-in participant is its mentee or mentor; 404 otherwise."""
    participant = current_participant(request)
    if participant is None:
        raise Http404
    mentorship = (
        Mentorship.objects.select_related(
            "pair__program__organisation", "pair__mentee__form", "pair__mentor__form"
        )
        .filter(pk=pk)
        .first()
    )
    side = side_of(participant, mentorship) if mentorship is not None else None
    if mentorship is None or side is None:
        raise Http404
    return SpaceAccess(participant, mentorship, side)


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
