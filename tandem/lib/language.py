"""Which language to speak to a visitor who is not logged in, on pages that have no record of theirs to
ask: a broken link, an expired session, a page that is not there, a server error."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

# Addresses applicants and participants land on without logging in.
PUBLIC_PREFIXES = ("/apply/", "/pair-answer/", "/accessibility/")


def is_public_path(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


def visitor_language(request: HttpRequest) -> str:
    """On a public page: the language in its address (/apply/<form>/<language>/…), else the first of the
    browser's languages that applicants can have (Arabic too), else Swedish. Elsewhere: the language
    the site already chose for the visitor (their setting, cookie or browser)."""
    codes = [code for code, _name in settings.APPLICANT_LANGUAGES]
    if not is_public_path(request.path):
        return translation.get_language() or settings.LANGUAGE_CODE
    parts = request.path.split("/")
    if parts[1] == "apply" and len(parts) > 3 and parts[3] in codes:
        return parts[3]
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in codes:
            return code
    return settings.LANGUAGE_CODE
