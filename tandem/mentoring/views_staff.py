"""The coordinators' page of one pair: /programs/<pk>/mentoring/<mentorship>/ (engineer C extends it).

Status, goals with their latest rating, and help requests. Private notes never appear here. Reading the
page is audited: it shows what a pair wrote in confidence.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tandem import policy
from tandem.audit.services import log_action
from tandem.mentoring.models import Mentorship


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
