"""Views: access helper → form → service → redirect.

Staff see the outgoing e-mail of the organisations they administer (superusers: all). A person who
administers no organisation sees an empty list, and 404 for any single message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.audit import subjects
from tandem.audit.services import log_action, log_view
from tandem.outbox.forms import OutboxFilterForm
from tandem.outbox.masking import mask_links
from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import retry_failed_message
from tandem.policy import get_outbox_message_for_staff, outbox_messages_for

if TYPE_CHECKING:
    from tandem.accounts.models import User

    class AuthenticatedHttpRequest(HttpRequest):
        user: User  # what `login_required` lets through


PAGE_SIZE = 50
MAX_PAGE = 1_000_000  # beyond this an offset no longer fits the database's integers: the last page

# The HTML part is shown as a page of its own that may run nothing and load nothing from elsewhere.
HTML_PART_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@login_required
def message_list(request: HttpRequest) -> HttpResponse:
    form = OutboxFilterForm(request.GET or None)
    outbox = outbox_messages_for(request.user).select_related("organisation")
    if form.is_valid() and form.cleaned_data["status"]:
        outbox = outbox.filter(status=form.cleaned_data["status"])
    page = _page_number(request)
    start = (page - 1) * PAGE_SIZE
    rows = list(outbox[start : start + PAGE_SIZE + 1]) if page <= MAX_PAGE else []
    if not rows and page > 1:  # past the end (a huge number too): the last page
        page = max(1, -(-outbox.count() // PAGE_SIZE))
        start = (page - 1) * PAGE_SIZE
        rows = list(outbox[start : start + PAGE_SIZE + 1])  # one more than shown: is there a next page?
    shown = rows[:PAGE_SIZE]
    _audit_list(request, shown)
    context = {"form": form, "outbox": shown, "page": page, "has_next": len(rows) > PAGE_SIZE}
    return render(request, "outbox/message_list.html", context)


def _audit_list(request: HttpRequest, shown: list[OutboxMessage]) -> None:
    """Recipients on the page are personal data: one event per organisation on the page (usually one)."""
    by_organisation: dict[int | None, list[OutboxMessage]] = {}
    for message in shown:
        by_organisation.setdefault(message.organisation_id, []).append(message)
    now = timezone.now()
    for messages_of in by_organisation.values():
        log_view(
            "outbox.list_viewed",
            actor=request.user,
            organisation=messages_of[0].organisation,
            subjects={subjects.OUTBOX_MESSAGE: [message.pk for message in messages_of]},
            now=now,
        )


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise Http404
    return min(int(raw), MAX_PAGE + 1)


@login_required
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_outbox_message_for_staff(request, pk)
    log_action(
        "outbox.message_viewed",
        actor=request.user,
        organisation=message.organisation,
        program=message.program,
        target=message,
        now=timezone.now(),
    )
    context = {"message": message, "body_text": mask_links(message.body_text)}
    return render(request, "outbox/message_detail.html", context)


@login_required
def message_html(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_outbox_message_for_staff(request, pk)
    if not message.body_html:
        raise Http404
    response = HttpResponse(mask_links(message.body_html), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = HTML_PART_POLICY
    return response


@login_required
@require_POST
def message_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = get_outbox_message_for_staff(request, pk)
    if retry_failed_message(message, by=request.user, now=timezone.now()):
        messages.success(request, _("The e-mail is waiting to be sent again."))
    else:
        messages.error(request, _("This e-mail has not failed, so there is nothing to send again."))
    return redirect("outbox:detail", pk=message.pk)
