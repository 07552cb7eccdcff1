"""The program's lists of people as files: the page that starts an export (a worker job) and the
download of the finished file. Personal data: editors only (403 viewers), and each file only for the
person who asked for it (`policy.get_export_file`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tandem import policy
from tandem.policy import Access
from tandem.reports import export_jobs, exports
from tandem.reports.forms import StartExportForm


@login_required
@require_http_methods(["GET", "POST"])
def export_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The lists, with the warning before personal data leaves Tandem; a button starts the export and
    leads to the job's page, which offers the file when it is made."""
    program = policy.access_program(request, pk, Access.EDIT).program
    choices = exports.choices(program)
    form = StartExportForm(
        request.POST if request.method == "POST" else None, choices=choices, formats=export_jobs.FORMATS
    )
    if request.method == "POST" and form.is_valid():
        choice, file_format = form.chosen()
        job = export_jobs.start_export(program, choice, file_format, by=request.user, now=timezone.now())
        return redirect("jobs:job", pk=program.pk, job=job.pk)
    return render(
        request,
        "reports/exports.html",
        {
            "program": program,
            "choices": choices,
            "form": form,
            "files": export_jobs.files_of(program, request.user),
            "kept_days": export_jobs.KEPT_FOR.days,
        },
    )


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    """The file an export job made, for the person who asked (404 for everyone else); audited."""
    found = policy.get_export_file(request, pk, job)
    export_jobs.log_download(found, by=request.user, now=timezone.now())
    response = HttpResponse(bytes(found.content), content_type=export_jobs.CONTENT_TYPES[found.file_format])
    response["Content-Disposition"] = f'attachment; filename="{found.name}"'
    return response
