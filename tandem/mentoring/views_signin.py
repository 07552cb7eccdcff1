"""Signing in to the space without a password: ask for a link, open it, press "Sign in", sign out.

The page that asks for a link answers the same whether the address is known or not, and the work that
differs (looking the address up, writing the e-mail) is the worker's, so the answer also takes the same time.
Opening a link (GET) only shows a button: mail scanners open links, and only the POST uses it up.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_POST

from tandem.mentoring import signin, tasks
from tandem.mentoring.forms import SignInRequestForm
from tandem.pairs.emails import PARTICIPANT_LANGUAGES

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English", "ar": "العربية"}


def _page_language(request: HttpRequest) -> str:
    """The language asked for with ?lang=, else the one the browser and cookie chose (Swedish at worst)."""
    asked = request.GET.get("lang") or request.POST.get("lang") or ""
    if asked in PARTICIPANT_LANGUAGES:
        return asked
    current = translation.get_language() or "sv"
    return current if current in PARTICIPANT_LANGUAGES else "sv"


def _in_language(language: str, render_page) -> HttpResponse:
    with translation.override(language):
        response = render_page()
    response.headers["Content-Language"] = language
    return response


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """ "Send me a sign-in link": the same answer for every address."""
    language = _page_language(request)
    next_path = signin.safe_next(request.GET.get("next") or request.POST.get("next") or "")

    def page() -> HttpResponse:
        form = SignInRequestForm(request.POST or None)
        sent = False
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if signin.allow_link_request(request.META.get("REMOTE_ADDR", ""), email):
                tasks.send_sign_in_link(email, language, next_path)
            sent = True
        context = {
            "form": form,
            "sent": sent,
            "next": next_path,
            "page_language": language,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in PARTICIPANT_LANGUAGES],
        }
        return render(request, "mentoring/space/sign_in.html", context)

    return _in_language(language, page)


@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: GET shows one button, POST signs in. A link that does not work gets a page
    that says why and offers a new one (200 for an unknown link, 410 for a used or expired one)."""
    now = timezone.now()
    try:
        link = signin.check_link(token, now=now)
        participant = signin.redeem(token, now=now) if request.method == "POST" else link.participant
    except signin.LinkRefused as refused:
        language = refused.participant.language if refused.participant else _page_language(request)
        status = 200 if refused.reason == "unknown" else 410
        context = {"reason": refused.reason, "form": SignInRequestForm(), "page_language": language}
        return _in_language(
            language, lambda: render(request, "mentoring/space/link_refused.html", context, status=status)
        )
    if request.method == "POST":
        signin.sign_in(request, participant)
        return redirect(link.next_path or "space:index")
    language = participant.language
    return _in_language(
        language,
        lambda: render(request, "mentoring/space/sign_in_link.html", {"page_language": language}),
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    participant = signin.current_participant(request)
    language = participant.language if participant else _page_language(request)
    signin.sign_out(request)
    return redirect(f"{reverse('space:sign_in')}?lang={language}&signed_out=1")
