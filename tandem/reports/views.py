"""The reports' pages. Access through tandem.policy: everyone on the program reads the dashboard (figures
only, no names); outsiders get 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tandem import policy
from tandem.policy import Access
from tandem.reports import services


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.VIEW)
    program = access.program
    figures = services.dashboard(program, today=timezone.localdate())
    return render(
        request, "reports/dashboard.html", {"program": program, "d": figures, "can_edit": access.can_edit}
    )
