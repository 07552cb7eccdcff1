"""Tandem's own error pages, in the visitor's language (Arabic too on the public pages): a page that is
not there or a broken link (404), a page the visitor may not use (403: `PermissionDenied`; a page that
answers 403 itself, with its own content, keeps it), an expired session (the CSRF check, 403) and a
server error (500; a full disk gets `lib.views.full_disk_page`, 503).

They render without the database and without the logged-in user, so that they work when those are
what failed; an applicant or participant sees no staff menu.
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from tandem.lib.language import is_public_path, visitor_language
from tandem.lib.views import full_disk_page, is_full_disk


def _error_page(request: HttpRequest, template: str, status: int, **context) -> HttpResponse:
    language = visitor_language(request)
    with translation.override(language):
        body = loader.get_template(template).render(
            {"public": is_public_path(request.path), "path": request.path, **context}
        )
    response = HttpResponse(body, status=status)
    response.headers["Content-Language"] = language
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "errors/404.html", 404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "errors/403.html", 403)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if is_full_disk(sys.exc_info()[1]):
        return full_disk_page(request)
    return _error_page(request, "errors/500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form was sent with an expired or missing security token: mostly a page left open for hours
    (the session ended) or cookies turned off. Nothing was saved; loading the page again fixes it."""
    return _error_page(request, "errors/csrf.html", 403, again=request.path)
