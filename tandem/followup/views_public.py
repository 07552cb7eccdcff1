"""The survey as participants answer it, without a login: by the personal link in the e-mail
(/survey/<token>/) or on site through the round's short link (/f/<code>/), identified (a name picked
from the round's list, which shows only first names and initials, or the code from the invitation) or
anonymous, as the coordinators chose.

Phone-first and without JavaScript; in the person's language (Arabic right to left). Answers are stored
page by page, so a person can leave and come back to the same link. A replayed or edited POST makes no
second response (one per invitation; a sent one is never changed), and a page rendered before the survey
changed is shown again with what was typed and a clear message.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.followup import services
from tandem.followup.emails import language_of
from tandem.followup.forms import AnonymousStartForm, PickNameForm, SurveyPageForm
from tandem.followup.models import (
    Channel,
    Invitation,
    OnSite,
    Response,
    Round,
    hash_secret,
    normal_code,
)
from tandem.lib import throttle
from tandem.lib.clientip import client_ip
from tandem.mentoring.models import Mentorship
from tandem.mentoring.signin import current_participant, pairs_of_email

ONSITE_STARTS_PER_HOUR = 60  # per client address and round: a venue's Wi-Fi is shared, a stuffer is not
SESSION_KEY = "followup_onsite"


# --- The personal link -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = (
        Invitation.objects.select_related("round__program", "round__mentee_survey", "round__mentor_survey")
        .filter(token_hash=hash_secret(token))
        .first()
    )
    if invitation is None:
        return render(request, "followup/public/state.html", {"state": "unknown"}, status=404)
    language = language_of(invitation)
    with translation.override(language):
        response = _survey(
            request,
            round_=invitation.round,
            invitation=invitation,
            response=services.response_for_invitation(invitation),
            role=invitation.role,
            language=language,
            channel=Channel.EMAIL,
            mentorship_id=invitation.mentorship_id,
            name=invitation.name.split(" ")[0],
            wording_language=invitation.language,
        )
    response.headers["Content-Language"] = language
    return response


def _state_page(
    request: HttpRequest, state: str, round_: Round | None, *, post: bool, mentorship_id: int | None = None
) -> HttpResponse:
    status = 410 if post and state == "closed" else 200
    context: dict[str, Any] = {"state": state, "round": round_, "program": round_.program if round_ else None}
    if state == "answered" and round_ is not None:
        context["my_pair"] = _my_pair(request, round_, mentorship_id)
    return render(request, "followup/public/state.html", context, status=status)


def _my_pair(request: HttpRequest, round_: Round, mentorship_id: int | None) -> int | None:
    """The mentorship whose "My pair" the thank-you page leads back to, so that it is no dead end: the
    invitation's (a personal link or the invitation's code), else the one in the round's program of the
    person signed in to the space. None for anyone else (they are told they can close the page)."""
    if mentorship_id is not None:
        return mentorship_id
    participant = current_participant(request)
    if participant is None:
        return None
    return (
        Mentorship.objects.filter(pair__in=pairs_of_email(participant.email), pair__program=round_.program_id)
        .values_list("pk", flat=True)
        .first()
    )


def _survey(
    request: HttpRequest,
    *,
    round_: Round,
    invitation: Invitation | None,
    response: Response | None,
    role: str,
    language: str,
    channel: str,
    mentorship_id: int | None,
    name: str = "",
    wording_language: str = "",
) -> HttpResponse:
    now = timezone.now()
    post = request.method == "POST"
    state = round_.state(now)
    if response is not None and response.is_complete:
        return _state_page(request, "answered", round_, post=post, mentorship_id=mentorship_id)
    if state != "open":
        return _state_page(request, state if state == "closed" else "not_open", round_, post=post)
    survey = round_.survey_for(role)
    if survey is None:
        return _state_page(request, "unknown", round_, post=post)
    version = response.version if response is not None else survey.current_version()
    pages = services.pages_for(
        version,
        role=role,
        language=wording_language or language,
        program_id=round_.program_id,
        mentorship_id=mentorship_id,
    )
    source = request.POST if post else request.GET
    try:
        number = min(max(int(source.get("page", "1")), 1), max(len(pages), 1))
    except ValueError:
        number = 1
    items = pages[number - 1] if pages else []
    notice = ""
    if post:
        action = request.POST.get("action", "next")
        changed = response is None and (
            request.POST.get("version") != str(version.pk)
            or request.POST.get("revision") != str(version.revision)
        )
        if changed:
            notice = _(
                "The survey was changed while you were answering. What you typed is still here: please check "
                "this page and send it again."
            )
            form = SurveyPageForm(items, answers=_typed(items, request.POST))
        else:
            strict = action in ("next", "send")
            form = SurveyPageForm(items, data=request.POST, strict=strict)
            if form.is_valid():
                try:
                    saved = services.save_answers(
                        round_,
                        response=response,
                        invitation=invitation,
                        role=role,
                        version=version,
                        values=form.values(),
                        page=number,
                        channel=channel,
                        language=language,
                        complete=False,
                        now=now,
                    )
                except services.AlreadyAnswered:
                    return _state_page(request, "answered", round_, post=True, mentorship_id=mentorship_id)
                except services.RoundClosed:
                    return _state_page(request, "closed", round_, post=True)
                _remember(request, round_, saved)
                if action == "later":
                    return redirect(f"{request.path}?page={number}&saved=1")
                if action == "back":
                    return redirect(f"{request.path}?page={max(number - 1, 1)}")
                if action == "send" or number >= len(pages):
                    missing = services.missing_required(saved, pages)
                    if missing is not None:
                        return redirect(f"{request.path}?page={missing}&missing=1")
                    services.save_answers(
                        round_,
                        response=saved,
                        invitation=invitation,
                        role=role,
                        version=version,
                        values={},
                        page=number,
                        channel=channel,
                        language=language,
                        complete=True,
                        now=now,
                    )
                    return redirect(f"{request.path}?thanks=1")
                return redirect(f"{request.path}?page={number + 1}")
    else:
        if request.GET.get("thanks"):
            return _state_page(request, "answered", round_, post=False, mentorship_id=mentorship_id)
        form = SurveyPageForm(items, answers=services.answers_of(response))
        if request.GET.get("missing"):
            notice = _("Some required questions on this page have no answer yet.")
    context: dict[str, Any] = {
        "program": round_.program,
        "round": round_,
        "survey": survey,
        "version": version,
        "form": form,
        "page": number,
        "pages": len(pages),
        "notice": notice,
        "saved": request.GET.get("saved") == "1",
        "name": name,
        "closes_on": round_.closes_on - timedelta(days=1),
    }
    return render(request, "followup/public/survey.html", context, status=409 if notice and post else 200)


def _typed(items: list[services.Item], data: Any) -> dict[tuple[str, str], Any]:
    """What was typed on a page rendered before the survey changed, for the fields that remain."""
    typed: dict[tuple[str, str], Any] = {}
    for item in items:
        value = data.getlist(item.name) if item.kind == "multiple" else data.get(item.name)
        if value not in (None, "", []):
            typed[(item.question.key, item.row)] = value
    return typed


def _remember(request: HttpRequest, round_: Round, response: Response) -> None:
    """On site, the session keeps the response it started (an anonymous one has no link to come back by)."""
    if request.resolver_match and request.resolver_match.url_name == "onsite_answer":
        chosen = request.session.get(SESSION_KEY, {}).get(str(round_.pk), {})
        chosen["response"] = response.pk
        request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), str(round_.pk): chosen}


# --- On site ---------------------------------------------------------------------------------------


def _round_by_code(code: str) -> Round | None:
    return (
        Round.objects.select_related("program", "mentee_survey", "mentor_survey")
        .filter(short_code=code.upper())
        .exclude(on_site=OnSite.OFF)
        .first()
    )


@require_http_methods(["GET", "POST"])
def onsite_start(request: HttpRequest, code: str) -> HttpResponse:
    """Who is answering: a name picked from the round's list or a code typed (identified), or just the
    role (anonymous). Counted per client address against stuffing."""
    round_ = _round_by_code(code)
    if round_ is None:
        return render(request, "followup/public/state.html", {"state": "unknown"}, status=404)
    now = timezone.now()
    state = round_.state(now)
    if state != "open":
        return _state_page(
            request, state if state == "closed" else "not_open", round_, post=request.method == "POST"
        )
    identified = round_.on_site == OnSite.IDENTIFIED
    names = services.names_to_pick(round_) if identified else []
    form: PickNameForm | AnonymousStartForm = (
        PickNameForm(request.POST or None, names=names)
        if identified
        else AnonymousStartForm(request.POST or None)
    )
    error, limited = "", False
    if request.method == "POST" and form.is_valid():
        key = f"followup-onsite:{round_.pk}:{throttle.hashed(client_ip(request))}"
        if throttle.count(key, window=timedelta(hours=1), now=now) > ONSITE_STARTS_PER_HOUR:
            limited = True
            error = _("Too many answers have been started from this network. Please try again in a while.")
        elif identified:
            invitation = _picked(round_, form.cleaned_data)
            if invitation is None:
                error = _("We could not find that code in this survey. Please check it and try again.")
            else:
                _choose(
                    request,
                    round_,
                    {"invitation": invitation.pk, "by_code": bool(form.cleaned_data.get("code"))},
                )
                return redirect("survey:onsite_answer", code=round_.short_code)
        else:
            _choose(request, round_, {"role": form.cleaned_data["role"]})
            return redirect("survey:onsite_answer", code=round_.short_code)
    context = {
        "round": round_,
        "program": round_.program,
        "form": form,
        "identified": identified,
        "error": error,
    }
    return render(
        request,
        "followup/public/onsite_start.html",
        context,
        status=429 if limited else 200,
    )


def _picked(round_: Round, cleaned: dict[str, Any]) -> Invitation | None:
    code = (cleaned.get("code") or "").strip()
    invitations = round_.invitations.select_related("round")
    if code:
        return invitations.filter(code_hash=hash_secret(normal_code(code))).first()
    picked = cleaned.get("invitation")
    return invitations.filter(pk=picked).first() if picked else None


def _choose(request: HttpRequest, round_: Round, chosen: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), str(round_.pk): chosen}


@require_http_methods(["GET", "POST"])
def onsite_answer(request: HttpRequest, code: str) -> HttpResponse:
    round_ = _round_by_code(code)
    if round_ is None:
        return render(request, "followup/public/state.html", {"state": "unknown"}, status=404)
    chosen = request.session.get(SESSION_KEY, {}).get(str(round_.pk))
    if not chosen:
        return redirect("survey:onsite_start", code=round_.short_code)
    language = translation.get_language() or "sv"
    if chosen.get("invitation"):
        invitation = round_.invitations.filter(pk=chosen["invitation"]).first()
        if invitation is None:
            return redirect("survey:onsite_start", code=round_.short_code)
        invitation.round = round_
        language = language_of(invitation)
        with translation.override(language):
            page = _survey(
                request,
                round_=round_,
                invitation=invitation,
                response=services.response_for_invitation(invitation),
                role=invitation.role,
                language=language,
                channel=Channel.ON_SITE,
                # a name picked from a list proves nothing: the mentee's own goals only behind the code
                mentorship_id=invitation.mentorship_id if chosen.get("by_code") else None,
                name=invitation.name.split(" ")[0],
                wording_language=invitation.language,
            )
        page.headers["Content-Language"] = language  # the person's language, not the phone's
        return page
    response = None
    if chosen.get("response"):
        response = Response.objects.filter(
            pk=chosen["response"], round=round_, invitation__isnull=True
        ).first()
    return _survey(
        request,
        round_=round_,
        invitation=None,
        response=response,
        role=chosen.get("role", "mentee"),
        language=language,
        channel=Channel.ON_SITE,
        mentorship_id=None,
    )


def onsite_url(round_: Round) -> str:
    return reverse("survey:onsite_start", kwargs={"code": round_.short_code})
