"""Funder reports: everyone on the program reads them and downloads them (figures, no names); coordinators
create them and write their summary. Every creation and download is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem import policy
from tandem.lib.paging import page_links, page_of
from tandem.policy import Access
from tandem.reports import funder_files, funder_services
from tandem.reports.forms import ActualCostForm, ConfirmExportForm, NewFunderReportForm, ReportTextForm
from tandem.reports.models import ActualCost, FunderReport


@login_required
def report_list(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.VIEW)
    program = access.program
    form = NewFunderReportForm(request.POST or None, program=program)
    if request.method == "POST":
        if not access.can_edit:
            policy.access_program(request, program, Access.EDIT)  # 403
        if form.is_valid():
            report = funder_services.create_report(
                program, by=request.user, now=timezone.now(), **form.cleaned_data
            )
            messages.success(request, _("The report was made. Write a short summary and download it."))
            if funder_services.outside_program(program, report.period_start, report.period_end):
                messages.warning(
                    request,
                    _(
                        "The period lies wholly outside the program's dates: the report has no participants, "
                        "activities or costs. Check the dates."
                    ),
                )
            return redirect("reports:funder_report", pk=program.pk, report=report.pk)
    reports = program.funder_reports.select_related("funding_source")
    return render(
        request,
        "reports/funder_list.html",
        {"program": program, "form": form, "reports": reports, "can_edit": access.can_edit},
    )


def _report(request: HttpRequest, pk: int, report: int, needed: Access) -> tuple[FunderReport, bool]:
    access = policy.access_program(request, pk, needed)
    found = get_object_or_404(
        FunderReport.objects.select_related("funding_source", "program__organisation"),
        pk=report,
        program=access.program,
    )
    return found, access.can_edit


@login_required
def report_detail(request: HttpRequest, pk: int, report: int) -> HttpResponse:
    found, can_edit = _report(request, pk, report, Access.VIEW)
    form = ReportTextForm(request.POST or None, instance=found)
    if request.method == "POST":
        found, can_edit = _report(request, pk, report, Access.EDIT)
        form = ReportTextForm(request.POST, instance=found)
        if form.is_valid():
            funder_services.save_text(found, form.cleaned_data["text"], by=request.user, now=timezone.now())
            messages.success(request, _("The summary was saved."))
            return redirect("reports:funder_report", pk=pk, report=found.pk)
    figures = funder_services.figures_for(found)
    planned, used, share = funder_services.cost_totals(figures.costs)
    return render(
        request,
        "reports/funder_report.html",
        {
            "program": found.program,
            "report": found,
            "f": figures,
            "form": form,
            "can_edit": can_edit,
            "cost_rows": [
                (figures.cost_labels.get(c.cost_item, c.cost_item), c.planned, c.actual, c.funder_share)
                for c in figures.costs
            ],
            "totals": (planned, used, share),
        },
    )


@login_required
def report_file(request: HttpRequest, pk: int, report: int, file_format: str) -> HttpResponse:
    found, _can_edit = _report(request, pk, report, Access.VIEW)
    figures = funder_services.figures_for(found)
    name = slugify(f"{found.program.name}-{found.definition}-{found.period_start}-{found.period_end}")
    if file_format == "pdf":
        content, kind = funder_files.funder_pdf(figures), "application/pdf"
    elif file_format == "xlsx":
        content = funder_files.funder_xlsx(figures)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    funder_services.log_download(found, file_format, by=request.user)
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@login_required
def costs(request: HttpRequest, pk: int) -> HttpResponse:
    """Costs booked per budget line: everyone on the program reads them; booking one is part of the host's
    financing (`ProgramAccess.can_edit_setup`): 403 for viewers, and for partner coordinators with the
    page and the reason unless the host allows them."""
    posted = request.method == "POST"
    access = policy.access_program(request, pk, Access.EDIT if posted else Access.VIEW)
    program = access.program
    may_book = access.can_edit_setup
    form = ActualCostForm(request.POST if posted and may_book else None, program=program)
    if posted and may_book and form.is_valid():
        funder_services.add_actual_cost(program, by=request.user, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("The cost was booked."))
        return redirect("reports:costs", pk=program.pk)
    entries = ActualCost.objects.filter(budget_line__program=program).select_related(
        "budget_line", "funding_source"
    )
    page = page_of(entries, request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "pages": page_links(request, page),
        "can_edit": may_book,
        "hosts_own": access.can_edit and not may_book,
        "refused": posted and not may_book,
        "undated": funder_services.undated_recorded(program),
    }
    return render(request, "reports/costs.html", context, status=403 if posted and not may_book else 200)


@login_required
def participant_list(request: HttpRequest, pk: int, report: int) -> HttpResponse:
    """The participant list a funder requires: a warning first, then the file, with only its fields.
    Personal data: not for viewers (403)."""
    found, _can_edit = _report(request, pk, report, Access.EDIT)
    labels, rows = funder_services.participant_list(found)
    form = ConfirmExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        funder_services.log_participant_export(found, len(rows), by=request.user, now=timezone.now())
        response = HttpResponse(
            funder_files.participant_xlsx(labels, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = slugify(f"{found.program.name}-participants-{found.period_start}-{found.period_end}")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return render(
        request,
        "reports/participant_list.html",
        {"program": found.program, "report": found, "labels": labels, "count": len(rows), "form": form},
    )
