"""The handbook in the participant's space: the page and the PDF of their own pair's program, in their
language. Access through tandem.policy (another pair's mentorship: 404)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from tandem.handbook import services
from tandem.handbook.pdf import handbook_pdf
from tandem.mentoring.models import Side
from tandem.mentoring.signin import participant_required
from tandem.policy import get_mentorship_for_participant


@participant_required
def page(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_mentorship_for_participant(request, pk)
    program = space.mentorship.pair.program
    handbook = services.build_handbook(program, translation.get_language() or "sv")
    return render(
        request,
        "handbook/space.html",
        {
            "space": space,
            "mentorship": space.mentorship,
            "program": program,
            "side": space.side,
            "is_mentee": space.side == Side.MENTEE,
            "active": "handbook",
            "handbook": handbook,
        },
    )


@participant_required
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_mentorship_for_participant(request, pk)
    program = space.mentorship.pair.program
    language = translation.get_language() or "sv"
    response = HttpResponse(
        handbook_pdf(services.build_handbook(program, language)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="handbook-{language}.pdf"'
    return response
