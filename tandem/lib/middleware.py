"""Headers every response of Tandem carries: a Permissions-Policy, and `Cache-Control: no-store` on
everything but the static files (pages and files may hold personal data; no browser or proxy keeps them).

Static files are answered by WhiteNoise before this middleware runs, so they keep their own caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PrivacyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers["Cache-Control"] = "no-store"
        return response
