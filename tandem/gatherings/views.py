"""The working group's pages of common meetings. Access through tandem.policy: everyone on the program
reads, coordinators and partner coordinators change, viewers get 403 on changes, outsiders 404."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tandem import policy
from tandem.audit import subjects
from tandem.audit.services import log_action, log_view
from tandem.gatherings import exports, services, tasks
from tandem.gatherings.forms import GatheringForm, WalkInForm
from tandem.gatherings.models import Gathering, Invitation
from tandem.policy import Access


@login_required
def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    access = policy.access_program(request, pk, Access.VIEW)
    program = access.program
    gatherings = list(program.gatherings.all())
    counts = {g.pk: services.counts_for(g) for g in gatherings}
    upcoming_plans, past_plans = services.plans_waiting(program, now=timezone.now())
    context = {
        "program": program,
        "can_edit": access.can_edit,
        "rows": [(g, counts[g.pk]) for g in gatherings],
        "waiting_plans": len(upcoming_plans),
        "past_plans": len(past_plans),
        "has_start": program.start_date is not None,
        "now": timezone.now(),
    }
    return render(request, "gatherings/list.html", context)


@login_required
@require_POST
def from_plan(request: HttpRequest, pk: int) -> HttpResponse:
    program = policy.access_program(request, pk, Access.EDIT).program
    if program.start_date is None:
        messages.error(request, _("The program needs a start date before its common meetings can be made."))
        return redirect("gatherings:list", pk=program.pk)
    now = timezone.now()
    _upcoming, past = services.plans_waiting(program, now=now)
    made = services.create_from_plan(program, by=request.user, now=now)  # type: ignore[arg-type]
    if past:
        messages.info(
            request,
            ngettext(
                "%(count)s planned common meeting was not created because its date has passed. "
                "If it was held, add it with “Add a common meeting”.",
                "%(count)s planned common meetings were not created because their dates have passed. "
                "If they were held, add them with “Add a common meeting”.",
                len(past),
            )
            % {"count": len(past)},
        )
    if made:
        messages.success(
            request,
            ngettext(
                "%(count)s common meeting was created from the plan. Set its time and place.",
                "%(count)s common meetings were created from the plan. Set their time and place.",
                len(made),
            )
            % {"count": len(made)},
        )
    elif not past:
        messages.info(request, _("Every planned common meeting has already been created."))
    return redirect("gatherings:list", pk=program.pk)


@login_required
def new(request: HttpRequest, pk: int) -> HttpResponse:
    program = policy.access_program(request, pk, Access.EDIT).program
    now = timezone.now()
    form = GatheringForm(request.POST or None, now=now, initial={"kind": "other"})
    if request.method == "POST" and form.is_valid():
        gathering = services.create_gathering(program, by=request.user, now=now, **form.meeting_fields())  # type: ignore[arg-type]
        messages.success(request, _("The common meeting was added."))
        return redirect("gatherings:detail", pk=program.pk, gathering=gathering.pk)
    return render(request, "gatherings/edit.html", {"program": program, "form": form, "gathering": None})


@login_required
def detail(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, access = policy.access_gathering(request, pk, gathering, Access.VIEW)
    now = timezone.now()
    notes = list(found.invitations.exclude(note="").exclude(answer=Invitation.Answer.NO))
    invitations = list(found.invitations.all())
    _audit_view(request, found, invitations)
    context = {
        "program": access.program,
        "gathering": found,
        "can_edit": access.can_edit,
        "counts": services.counts_for(found),
        "over_capacity": services.over_capacity(found),
        "notes": notes,
        "waiting": services.waiting_invitations(found) if not found.is_cancelled else 0,
        "is_over": found.is_over(now),
        "invitations": invitations,
    }
    return render(request, "gatherings/detail.html", context)


@login_required
def edit(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, access = policy.access_gathering(request, pk, gathering, Access.EDIT)
    now = timezone.now()
    if found.is_cancelled:
        messages.error(request, _("This common meeting is cancelled and can no longer be changed."))
        return redirect("gatherings:detail", pk=pk, gathering=found.pk)
    yes_count = found.invitations.filter(answer=Invitation.Answer.YES).count()
    form = GatheringForm(request.POST or None, instance=found, now=now, yes_count=yes_count)
    if request.method == "POST" and form.is_valid():
        fields = form.meeting_fields()
        found.refresh_from_db()  # the form changed it in memory; the service compares with the database
        sent = services.update_gathering(found, by=request.user, now=now, **fields)  # type: ignore[arg-type]
        if form.capacity_warning:
            messages.warning(request, form.capacity_warning)
        if sent:
            messages.success(
                request,
                ngettext(
                    "Saved. An update went to %(count)s invited person.",
                    "Saved. An update went to %(count)s invited people.",
                    sent,
                )
                % {"count": sent},
            )
        else:
            messages.success(request, _("Saved."))
        return redirect("gatherings:detail", pk=pk, gathering=found.pk)
    return render(
        request, "gatherings/edit.html", {"program": access.program, "form": form, "gathering": found}
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, _access = policy.access_gathering(request, pk, gathering, Access.EDIT)
    sent = services.cancel_gathering(found, by=request.user, now=timezone.now())  # type: ignore[arg-type]
    messages.success(
        request,
        ngettext(
            "The meeting is cancelled. %(count)s invited person was told.",
            "The meeting is cancelled. %(count)s invited people were told.",
            sent,
        )
        % {"count": sent},
    )
    return redirect("gatherings:detail", pk=pk, gathering=found.pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, _access = policy.access_gathering(request, pk, gathering, Access.EDIT)
    now = timezone.now()
    if found.is_cancelled or found.is_over(now):
        messages.error(request, _("Invitations cannot be sent for a cancelled meeting or one that is over."))
        return redirect("gatherings:detail", pk=pk, gathering=found.pk)
    if not services.has_a_place(found):
        messages.error(
            request, _("Add a place or a video link first: the invitation has to say where to come.")
        )
        return redirect("gatherings:edit", pk=pk, gathering=found.pk)
    if services.waiting_invitations(found) >= services.BACKGROUND_FROM:
        tasks.invite_in_background(found.pk)
        messages.success(
            request, _("The invitations are being sent. Reload this page in a minute to see them.")
        )
    else:
        sent = services.invite(found, by=request.user, now=now)  # type: ignore[arg-type]
        messages.success(
            request,
            ngettext("%(count)s invitation was sent.", "%(count)s invitations were sent.", sent)
            % {"count": sent},
        )
    return redirect("gatherings:detail", pk=pk, gathering=found.pk)


@login_required
def check_in_page(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, access = policy.access_gathering(request, pk, gathering, Access.EDIT)
    query = request.GET.get("q", "").strip()
    people = found.invitations.exclude(answer=Invitation.Answer.NO)
    if query:
        people = found.invitations.filter(Q(name__icontains=query) | Q(email__icontains=query))
    shown = list(people.order_by("name", "id"))
    _audit_view(request, found, shown)
    context = {
        "program": access.program,
        "gathering": found,
        "query": query,
        "people": shown,
        "counts": services.counts_for(found),
        "is_over": found.is_over(timezone.now()),  # attendance entered afterwards from the printed list
        "walk_in_form": WalkInForm(),  # not prefilled from the search: a search word is rarely a whole name
    }
    return render(request, "gatherings/check_in.html", context)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int, gathering: int, invitation: int) -> HttpResponse:
    found, _access = policy.access_gathering(request, pk, gathering, Access.EDIT)
    person = policy.get_invitation_at_door(request, found, invitation)
    now = timezone.now()
    if request.POST.get("undo"):
        services.undo_check_in(person, by=request.user, now=now)  # type: ignore[arg-type]
        messages.info(request, _("%(name)s is no longer marked present.") % {"name": person.name})
    else:
        services.check_in(person, by=request.user, now=now)  # type: ignore[arg-type]
        messages.success(request, _("%(name)s is checked in.") % {"name": person.name})
    return _back_to_check_in(request, pk, found)


@login_required
@require_POST
def walk_in(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, _access = policy.access_gathering(request, pk, gathering, Access.EDIT)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the name of the person who came (the e-mail address is optional)."))
        return _back_to_check_in(request, pk, found)
    person = services.add_walk_in(found, by=request.user, now=timezone.now(), **form.cleaned_data)  # type: ignore[arg-type]
    if person.walk_in:
        messages.success(
            request, _("%(name)s was added as a walk-in and checked in.") % {"name": person.name}
        )
    else:
        messages.success(request, _("%(name)s was invited and is now checked in.") % {"name": person.name})
    return _back_to_check_in(request, pk, found)


def _back_to_check_in(request: HttpRequest, pk: int, gathering: Gathering) -> HttpResponse:
    response = redirect("gatherings:check_in", pk=pk, gathering=gathering.pk)
    query = request.POST.get("q", "").strip()
    if query:
        response["Location"] += "?" + urlencode({"q": query})
    return response


def _audit_view(request: HttpRequest, gathering: Gathering, shown: list[Invitation]) -> None:
    """The names on a meeting's page: one event for the page, the people as its subjects."""
    if shown:
        log_view(
            "gathering.viewed",
            actor=request.user,
            program=gathering.program,
            target=gathering,
            subjects={subjects.INVITATION: [person.pk for person in shown]},
            now=timezone.now(),
        )


def _audit_export(request: HttpRequest, gathering: Gathering, kind: str) -> None:
    log_action(
        "gathering.exported",
        actor=request.user,
        program=gathering.program,
        target=gathering,
        data={"gathering": gathering.pk, "format": kind},
        now=timezone.now(),
    )


@login_required
def attendance_pdf(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, _access = policy.access_gathering(request, pk, gathering, Access.VIEW)
    _audit_export(request, found, "pdf")
    response = HttpResponse(exports.attendance_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="meeting-{found.pk}.pdf"'
    return response


@login_required
def attendance_xlsx(request: HttpRequest, pk: int, gathering: int) -> HttpResponse:
    found, _access = policy.access_gathering(request, pk, gathering, Access.VIEW)
    _audit_export(request, found, "xlsx")
    response = HttpResponse(
        exports.attendance_xlsx(found),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{found.pk}.xlsx"'
    return response
