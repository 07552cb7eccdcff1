"""Views: access helper → form → service → redirect."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tandem.programs.models import Program


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    programs = Program.objects.visible_to(request.user).select_related("organisation")
    return render(request, "programs/program_list.html", {"programs": programs})
