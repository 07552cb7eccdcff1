"""The coordinators' page of one pair: /programs/<pk>/mentoring/<mentorship>/ (engineer C extends it).

Status, goals with their latest rating, and help requests. Private notes never appear here. Reading the
page is audited: it shows what a pair wrote in confidence.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem import policy
from tandem.audit.services import log_action
from tandem.mentoring import meetings
from tandem.mentoring.forms import MeetingLogForm
from tandem.mentoring.models import Mentorship, Side
from tandem.mentoring.services import MentoringError


@login_required
def pair(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    program = policy.get_program_for_view(request, pk)
    found = (
        Mentorship.objects.select_related("pair__mentee", "pair__mentor")
        .prefetch_related("goals__ratings", "help_requests")
        .filter(pk=mentorship, pair__program=program)
        .first()
    )
    if found is None:
        raise Http404
    log_action(
        "mentorship.viewed",
        actor=request.user,
        program=program,
        target=found,
        data={"mentorship": found.pk},
        now=timezone.now(),
    )
    goals = [goal for goal in found.goals.all() if goal.removed_at is None]
    context = {
        "program": program,
        "mentorship": found,
        "pair": found.pair,
        "goals": [(goal, next(iter(goal.ratings.all()), None)) for goal in goals],
        "help_requests": found.help_requests.all(),
    }
    return render(request, "mentoring/staff/pair.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def log_meeting(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    """A coordinator logs a pair's meeting after a phone call (marked as logged by the organisers; no
    private note, nobody asked to confirm). Viewers get 403."""
    program = policy.get_program_for_edit(request, pk)
    found = (
        Mentorship.objects.select_related("pair__program")
        .filter(pk=mentorship, pair__program=program)
        .first()
    )
    if found is None:
        raise Http404
    themes = meetings.program_themes(found)
    form = MeetingLogForm(
        request.POST or None, themes=themes, private=False, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meetings.log_meeting(
                found,
                side=Side.STAFF,
                by=request.user,
                held_on=data["held_on"],
                minutes=data["minutes"],
                format=data["format"],
                themes=[item.pk for item in data["themes"]],
                shared_note=data["shared_note"],
                submission_key=data["submission_key"],
                now=timezone.now(),
            )
        except MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("mentoring:pair", pk=program.pk, mentorship=found.pk)
    context = {"program": program, "mentorship": found, "pair": found.pair, "form": form}
    return render(request, "mentoring/staff/log_meeting.html", context)
