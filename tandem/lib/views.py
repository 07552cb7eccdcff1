"""A full disk gets a clear page of its own (503), never a bare 500."""

from __future__ import annotations

import errno

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

FULL_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
# How SQLite and PostgreSQL say that the disk is full.
FULL_DISK_WORDS = ("database or disk is full", "could not extend file", "no space left on device")


def is_full_disk(error: BaseException | None) -> bool:
    """The error, or one it came from, says that the disk (or the quota) is full."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OSError) and error.errno in FULL_DISK_ERRNOS:
            return True
        if isinstance(error, DatabaseError) and any(w in str(error).lower() for w in FULL_DISK_WORDS):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def full_disk_page(request: HttpRequest) -> HttpResponse:
    """A full disk: 503 and a page in the person's language (an applicant's page names its language in
    the address). `tandem.errors.server_error` (handler500) sends full-disk errors here."""
    match = getattr(request, "resolver_match", None)
    wanted = (match.kwargs.get("lang") if match else None) or translation.get_language()
    known = {code for code, _name in settings.APPLICANT_LANGUAGES} | {
        code for code, _name in settings.LANGUAGES
    }
    language = wanted if wanted in known else settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string(
            "disk_full.html", {"language": language, "bidi": translation.get_language_bidi()}
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "600"
    response["Content-Language"] = language
    return response
