"""The organisation admins' pages over the audit log: a search (who, whom, what, when) and the breach
report "who saw this person between two dates" (printable, and as a spreadsheet that is itself audited).

Views: access helper (tandem.policy) → form → queries (tandem.audit.search) → page.
"""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tandem import policy
from tandem.audit import search
from tandem.audit.forms import AuditSearchForm, BreachReportForm
from tandem.audit.services import log_view
from tandem.lib.paging import paginate


@login_required
@require_GET
def audit_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation's events, newest first, 50 a page. Queries: the session, the user, the
    membership, the form's staff members and actions, (the people a "whom" names: one per kind,) the
    count, the page, and one per kind of person shown on it."""
    organisation = policy.get_organisation_for_admin(request, pk)
    form = AuditSearchForm(request.GET or None, organisation_id=organisation.pk)
    valid = form.is_valid() or not request.GET  # no filter yet: every event
    query = form.query() if request.GET and valid else search.AuditQuery()
    found = search.events_of(organisation.pk, query)
    if not valid:  # a date that is no date: the form says so, the list stays empty
        found.events = found.events.none()
    pages = paginate(request, found.events)
    rows = search.rows_for(list(pages.page.object_list))
    context = {
        "organisation": organisation,
        "form": form,
        "pages": pages,
        "rows": rows,
        "searched_person": bool(query.whom.strip()),
        "matched_nobody": found.matched_nobody,
    }
    return render(request, "audit/search.html", context)


def _report(request: HttpRequest, pk: int):
    organisation = policy.get_organisation_for_admin(request, pk)
    form = BreachReportForm(request.GET or None)
    if not form.is_valid():
        return organisation, form, None, [], []
    found = search.events_of(organisation.pk, form.query())
    events = list(found.events[: search.REPORT_LIMIT + 1])
    return organisation, form, found, events, search.people_found(found.people)


@login_required
@require_GET
def breach_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Who saw this person between two dates: the people the search found, each staff member who saw
    them (how often, first and last time), then every event. Printable; the look-up is audited."""
    organisation, form, found, events, people = _report(request, pk)
    context = {"organisation": organisation, "form": form, "people": people}
    if found is not None:
        log_view(
            "audit.report_viewed",
            actor=request.user,
            organisation=organisation,
            subjects=found.people,
            data={"since": str(form.cleaned_data["since"]), "until": str(form.cleaned_data["until"])},
            now=timezone.now(),
        )
        shown = events[: search.REPORT_LIMIT]
        context.update(
            {
                "found": True,
                "lookers": search.lookers(shown),
                "rows": search.rows_for(shown),
                "cut_off": len(events) > search.REPORT_LIMIT,
                "limit": search.REPORT_LIMIT,
                "export_query": request.GET.urlencode(),
            }
        )
    return render(request, "audit/report.html", context)


@login_required
@require_GET
def breach_report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The breach report as a spreadsheet; exporting it is itself an audited event."""
    organisation, form, found, events, people = _report(request, pk)
    if found is None:
        return render(request, "audit/report.html", {"organisation": organisation, "form": form}, status=400)
    shown = events[: search.REPORT_LIMIT]
    log_view(
        "audit.report_exported",
        actor=request.user,
        organisation=organisation,
        subjects=found.people,
        data={"since": str(form.cleaned_data["since"]), "until": str(form.cleaned_data["until"])},
        now=timezone.now(),
    )
    content = _report_workbook(form, people, search.lookers(shown), search.rows_for(shown))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="audit-report.xlsx"'
    return response


def _cell(value: str) -> str:
    """Text as a spreadsheet shows it, never as a formula (a name may begin with "=")."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _report_workbook(form: BreachReportForm, people, lookers, rows) -> bytes:
    from openpyxl import Workbook  # imported here: slow to import and only needed for exports

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Who saw the person")[:31]
    data = form.cleaned_data
    sheet.append([_("Person searched for"), _cell(data["whom"])])
    sheet.append([_("From"), str(data["since"]), _("To"), str(data["until"])])
    for kind_label, text in people:
        sheet.append([kind_label, _cell(text)])
    sheet.append([])
    sheet.append([_("Staff member"), _("E-mail address"), _("Events"), _("First"), _("Last")])
    for looker in lookers:
        sheet.append(
            [_cell(looker.name), _cell(looker.email), looker.events, _when(looker.first), _when(looker.last)]
        )
    events = workbook.create_sheet(_("Events")[:31])
    events.append(
        [_("When"), _("Staff member"), _("What"), _("Program"), _("Person"), _("People on the page")]
    )
    for row in rows:
        event = row.event
        events.append(
            [
                _when(event.created_at),
                _cell(event.actor.email if event.actor else ""),
                row.action,
                _cell(event.program.name if event.program else ""),
                _cell(row.whom),
                row.others,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
