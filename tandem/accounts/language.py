"""Remembering a person's language: the cookie for this browser, User.language for every browser.

- Anonymous visitors: Django's language switch sets the cookie; nothing else is stored.
- Signed-in people: whenever a response sets the language cookie (the navbar switch, the settings
  page), UserLanguageMiddleware saves the choice on the user.
- At log-in the saved language is applied: put in the session and in the cookie of the response.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SESSION_KEY = "tandem_language"


def is_supported(language: str | None) -> bool:
    return bool(language) and language in dict(settings.LANGUAGES)


def current_language() -> str:
    """The active language as one of ours (e.g. "en", never "en-us")."""
    language = (translation.get_language() or "").split("-")[0]
    return language if is_supported(language) else settings.LANGUAGE_CODE


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """The same cookie Django's set_language view sets."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def apply_language(request: HttpRequest, response: HttpResponse, language: str) -> None:
    """Use `language` from now on in this browser: this response, the session and the cookie."""
    if not is_supported(language):
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
    request.session[SESSION_KEY] = language
    set_language_cookie(response, language)


def chosen_language(response: HttpResponse) -> str | None:
    """The language this response stores in the cookie, if it stores one."""
    morsel = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if morsel is None or not is_supported(morsel.value):
        return None
    return morsel.value
