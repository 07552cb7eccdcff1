"""A job's progress page: how far it has come, then what happened, in the reader's language."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tandem import policy
from tandem.jobs.kinds import KINDS, kind_of
from tandem.jobs.models import Job
from tandem.jobs.services import CRASHED, INTERRUPTED, mark_interrupted


def error_message(job: Job) -> str:
    """Why the job failed, in the reader's language (the job stores only the code)."""
    if job.status != Job.Status.FAILED:
        return ""
    if job.error_code == INTERRUPTED:
        return _("The job was interrupted (the worker stopped). Start it again.")
    if job.error_code != CRASHED and (worded := kind_of(job).error(job.error_code)):
        return worded
    return _("Something went wrong. Start again, and tell your administrator if it happens again.")


@login_required
@require_GET
def job_status(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    """The job's progress, then its result. The page asks again every 2 seconds (htmx, or a refresh
    without JavaScript) while the job runs; htmx gets the changing part only."""
    program = policy.access_program(request, pk, policy.Access.EDIT).program
    found = get_object_or_404(Job.objects.filter(kind__in=list(KINDS)), pk=job, program=program)
    now = timezone.now()
    if found.is_stale(now):
        mark_interrupted(found, now=now)
    kind = kind_of(found)
    running = found.is_running(now)
    back_url, back_text = kind.back(found)
    context = {
        "program": program,
        "job": found,
        "title": kind.title(found),
        "running": running,
        "outcome": [] if running else kind.outcome(found),
        "links": kind.links(found, request.user) if found.status == Job.Status.DONE else [],
        "error_message": error_message(found),
        "back_url": back_url,
        "back_text": back_text,
    }
    if request.headers.get("HX-Request"):
        response = render(request, "jobs/job_update.html", context)
        if not running:
            response.status_code = 286  # htmx stops asking
        return response
    return render(request, "jobs/job.html", context)
