"""Staff pages only after the second factor: a signed-in person whose session has not passed it is sent
to the code page, or (admins and coordinators without one) to the set-up page.

The check costs nothing once the session is verified (one session key). For people without a second
factor and without the need for one, the answer is kept in the session for a minute, so that a
new role (coordinator of a program) is noticed soon without queries on every request.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from tandem.lib.htmx import redirect_page
from tandem.mfa.services import State, is_verified, state_of

CHECKED_KEY = "tandem_mfa_checked"  # [user id, time] when the person was found to need nothing
RECHECK_SECONDS = 60


def _open_paths() -> tuple[str, ...]:
    """Pages a person between the password and the code may use: these, log-out, static files."""
    return (
        reverse("mfa:verify"),
        reverse("mfa:set_up"),
        reverse("mfa:recovery_codes"),
        reverse("mfa:recovery_codes_download"),
        reverse("mfa:recovery_codes_done"),
        reverse("accounts:logout"),
        reverse("set_language"),
        "/" + settings.STATIC_URL.lstrip("/"),
    )


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_verified(request.session, user):
            return self.get_response(request)
        if request.path.startswith(_open_paths()):
            return self.get_response(request)
        checked = request.session.get(CHECKED_KEY)
        if checked and checked[0] == user.pk and time.time() - checked[1] < RECHECK_SECONDS:
            return self.get_response(request)
        state = state_of(user)
        if state is State.NOTHING:
            request.session[CHECKED_KEY] = [user.pk, time.time()]
            return self.get_response(request)
        target = "mfa:verify" if state is State.VERIFY else "mfa:set_up"
        next_path = request.get_full_path() if request.method == "GET" else ""
        if request.headers.get("HX-Request"):  # the part htmx asked for is no page to come back to
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            next_path = current.path + (f"?{current.query}" if current.query else "")
        url = reverse(target)
        if next_path and next_path != "/":
            url = f"{url}?{urlencode({'next': next_path})}"
        return redirect_page(request, url)
