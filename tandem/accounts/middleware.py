"""Use a signed-in person's saved language unless they just chose another one, and remember choices;
log staff out after a time without activity and after the session's whole lifetime."""

from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from tandem.accounts.language import SESSION_KEY, chosen_language
from tandem.accounts.services import remember_language
from tandem.lib.htmx import redirect_page


class UserLanguageMiddleware:
    """Puts the saved language in the language cookie's place for LocaleMiddleware to pick up.

    Runs before AuthenticationMiddleware, so it reads the user lazily through the session. On the
    way out, when a response sets the language cookie for a signed-in person (the navbar's language
    switch, the settings page), the choice is saved on the user for their next log-in anywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            language = request.session.get(SESSION_KEY)
            if language:
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
        response = self.get_response(request)
        language = chosen_language(response)
        user = getattr(request, "user", None)
        if language and user is not None and user.is_authenticated:
            remember_language(user, language)
            request.session[SESSION_KEY] = language
        return response


# Session keys of the staff session's clock: when the person logged in, and when they were last seen.
STARTED_KEY = "tandem_session_started"
SEEN_KEY = "tandem_session_seen"
# "Last seen" is written at most this often, so that not every request saves the session.
SEEN_GRANULARITY_SECONDS = 60


class StaffSessionTimeoutMiddleware:
    """Logs a staff member out after `SESSION_IDLE_TIMEOUT` minutes without a request, and
    `SESSION_ABSOLUTE_LIFETIME` hours after they logged in, whatever they do (0 turns either off).

    The next page is the log-in page, with a message that says why. Participants' sessions in their
    space are not staff sessions (no user is signed in) and keep their own lifetime.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        on = settings.SESSION_IDLE_TIMEOUT or settings.SESSION_ABSOLUTE_LIFETIME
        if on and user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                return self._log_out(request, expired)
        return self.get_response(request)

    def _expired(self, request) -> str:
        now = time.time()
        session = request.session
        started = session.get(STARTED_KEY)
        seen = session.get(SEEN_KEY)
        if started is None or seen is None:  # a session from before this check: its clock starts now
            session[STARTED_KEY] = started or now
            session[SEEN_KEY] = now
            return ""
        idle = settings.SESSION_IDLE_TIMEOUT * 60
        lifetime = settings.SESSION_ABSOLUTE_LIFETIME * 60 * 60
        if lifetime and now - started > lifetime:
            return "lifetime"
        if idle and now - seen > idle:
            return "idle"
        if now - seen >= SEEN_GRANULARITY_SECONDS:
            session[SEEN_KEY] = now
        return ""

    def _log_out(self, request, why: str):
        language = request.session.get(SESSION_KEY)
        logout(request)
        if language:
            request.session[SESSION_KEY] = language
        if why == "idle":
            text = _(
                "You were logged out because you had not used Tandem for %(minutes)s minutes. "
                "Log in again to go on."
            ) % {"minutes": settings.SESSION_IDLE_TIMEOUT}
        else:
            text = _(
                "You were logged out because you logged in %(hours)s hours ago. Log in again to go on."
            ) % {"hours": settings.SESSION_ABSOLUTE_LIFETIME}
        messages.info(request, text)
        login_url = resolve_url(settings.LOGIN_URL)
        next_path = request.get_full_path() if request.method == "GET" else ""
        if request.headers.get("HX-Request"):  # the part htmx asked for is no page to come back to
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            next_path = current.path + (f"?{current.query}" if current.query else "")
        if next_path:
            login_url = f"{login_url}?{urlencode({'next': next_path})}"
        return redirect_page(request, login_url)


def start_session_clock(session) -> None:
    """Start the staff session's clock at log-in (the log-in view and the test helpers call this)."""
    now = time.time()
    session[STARTED_KEY] = now
    session[SEEN_KEY] = now
