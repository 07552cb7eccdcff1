"""Sending the whole page elsewhere, also from a request htmx made for a part of a page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def redirect_page(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect; for an htmx request an empty answer with HX-Redirect, so that htmx loads `url` as the
    whole page instead of putting that page into the part it asked for (e.g. the log-in page after a
    session timed out)."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
