"""The participant's page behind the link in the introduction e-mail: accept or decline the pair.

No login: the random token in the link is the key, one per pair and side. The page speaks the
participant's own language (Arabic right to left).
"""

from __future__ import annotations

from contextlib import suppress

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from tandem.lib.language import visitor_language
from tandem.pairs.emails import participant_language
from tandem.pairs.forms import AnswerForm
from tandem.pairs.models import Pair
from tandem.pairs.publishing import AnswerClosed, answer_introduction
from tandem.pairs.reasons import participant_reasons


def _pair_for(token: str) -> tuple[Pair | None, str]:
    pair = (
        Pair.objects.select_related("program", "mentee__form", "mentor__form")
        .filter(Q(mentee_token=token) | Q(mentor_token=token))
        .first()
    )
    if pair is None:
        return None, ""
    return pair, "mentee" if pair.mentee_token == token else "mentor"


def _state(pair: Pair, side: str, now) -> str:
    if pair.answer_of(side):
        return "answered"
    if pair.status != Pair.Status.AWAITING:
        return "closed"
    if now >= pair.answer_deadline:
        return "overdue"
    return "open"


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    pair, side = _pair_for(token)
    if pair is None:  # a broken link: in the browser's language, Arabic too
        language = visitor_language(request)
        with translation.override(language):
            response = render(request, "pairs/answer_closed.html", {"state": "unknown"}, status=404)
        response.headers["Content-Language"] = language
        return response
    language = participant_language(pair.person(side))
    with translation.override(language):
        response = _answer(request, pair, side, token)
    response.headers["Content-Language"] = language
    return response


def _answer(request: HttpRequest, pair: Pair, side: str, token: str) -> HttpResponse:
    now = timezone.now()
    form = AnswerForm(request.POST or None)
    asks_again = False
    if request.method == "POST" and form.is_valid() and _state(pair, side, now) == "open":
        declining = form.cleaned_data["answer"] == "decline"
        asks_again = declining and not form.cleaned_data["confirmed"]
    if request.method == "POST" and form.is_valid() and _state(pair, side, now) == "open" and not asks_again:
        with suppress(AnswerClosed):  # e.g. a double submit: the page shows what was answered
            answer_introduction(
                pair,
                side,
                accept=form.cleaned_data["answer"] == "accept",
                reason=form.cleaned_data["reason"],
                now=now,
            )
        return redirect("pair_answer:answer", token=token)
    state = "confirm_decline" if asks_again else _state(pair, side, now)
    person, other = pair.person(side), pair.person(pair.other_side(side))
    context = {
        "pair": pair,
        "side": side,
        "state": state,
        "form": form,
        "first_name": person.first_name,
        "other_first_name": other.first_name,
        "program": pair.program,
        "reasons": participant_reasons(pair.reasons, side),
        "answer": pair.answer_of(side),
        "answered_at": pair.answered_at(side),
        "contact_email": person.form.contact_email if person.form else "",
    }
    status = 410 if state in ("closed", "overdue") else 200
    return render(request, "pairs/answer.html", context, status=status)
