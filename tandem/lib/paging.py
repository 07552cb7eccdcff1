"""One page of a long list: 50 rows, a page number that cannot go wrong, and the links to the others.

A number that is not a whole number, below 1 or past the end gives the last page (never an error): a
bookmarked page of a list that has since shrunk still shows rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(
    rows: QuerySet[Any] | Sequence[Any], number: str | int | None, *, per_page: int = PAGE_SIZE
) -> Page:
    """The page ``number`` of ``rows``: for a queryset two queries (the count, then the page's rows)."""
    paginator = Paginator(rows, per_page)
    try:
        wanted = int(number) if number not in (None, "") else 1
    except (TypeError, ValueError):
        wanted = paginator.num_pages
    if not 1 <= wanted <= paginator.num_pages:
        wanted = paginator.num_pages
    return paginator.page(wanted)


@dataclass(frozen=True)
class PageLinks:
    """A page and the addresses of its neighbours, with every other GET parameter kept."""

    page: Page
    first: str | None
    previous: str | None
    next: str | None
    last: str | None


def page_links(request: HttpRequest, page: Page, *, param: str = "page") -> PageLinks:
    def to(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}"

    last = page.paginator.num_pages
    return PageLinks(
        page=page,
        first=to(1) if page.number > 2 else None,
        previous=to(page.number - 1) if page.has_previous() else None,
        next=to(page.number + 1) if page.has_next() else None,
        last=to(last) if page.number < last - 1 else None,
    )


def paginate(request: HttpRequest, rows: QuerySet[Any] | Sequence[Any], *, param: str = "page") -> PageLinks:
    """The page of ``rows`` the request asks for (GET ``param``), with its links."""
    return page_links(request, page_of(rows, request.GET.get(param)), param=param)
