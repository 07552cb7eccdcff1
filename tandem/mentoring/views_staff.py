"""The coordinators' mentoring pages: a program's mentorships, one pair's page with what a coordinator
does about it, a program's themes by month, and the organisation's library of themes and exercises.

The pair page shows status, goals, planned and logged meetings, help requests and follow-up notes, never
a private note. Reading it is audited: it shows what a pair wrote in confidence. Each block of the page
is an include of its own (templates/mentoring/staff/pair/), so more blocks merge cleanly.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem import policy
from tandem.accounts.models import User
from tandem.audit import subjects
from tandem.audit.services import log_view
from tandem.mentoring import follow_up, meetings
from tandem.mentoring import themes as theme_services
from tandem.mentoring.forms import MeetingLogForm
from tandem.mentoring.forms_staff import (
    FollowUpForm,
    HandledForm,
    LibraryFilterForm,
    PickForm,
    StaffEndForm,
    StaffPauseForm,
    ThemeItemForm,
)
from tandem.mentoring.models import HelpRequest, Mentorship, Phase, Side, ThemeItem
from tandem.mentoring.services import MentoringError
from tandem.policy import Access

PAGE_SIZE = 50


# --- A program's mentorships ------------------------------------------------------------------------


@login_required
def mentorship_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The program's mentorships, 50 a page, filtered by status; the filters' counts in one query.

    Queries: the session and the user (2), the program and its access (3: program, admin?, role), the
    quiet weeks setting (1), the counts (1), the page's count and its rows (2)."""
    program = policy.get_program_for_view(request, pk)
    today = timezone.localdate()
    quiet = follow_up.quiet_weeks(program)
    status = request.GET.get("status", "")
    if status not in follow_up.FILTERS:
        status = ""
    counts = follow_up.counts(program, today=today, quiet=quiet)
    paginator = Paginator(follow_up.filtered(program, status, today=today, quiet=quiet), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    if shown:  # the names of the page's pairs: one event, the people as its subjects
        log_view(
            "mentorship.list_viewed",
            actor=request.user,
            program=program,
            subjects={subjects.APPLICATION: [i for m in shown for i in (m.pair.mentee_id, m.pair.mentor_id)]},
            now=timezone.now(),
        )
    labels = {
        "": _("All"),
        "running": _("Running"),
        "paused": _("Paused"),
        "ended": _("Ended"),
        "behind": _("Behind plan"),
        "silent": _("Silent"),
        "help": _("With open help requests"),
    }
    filters = [(name, label, counts[name or "all"], name == status) for name, label in labels.items()]
    context = {
        "program": program,
        "page": page,
        "filters": filters,
        "status": status,
        "query": f"status={status}" if status else "",
        "quiet_weeks": quiet,
        "today": today,
    }
    return render(request, "mentoring/staff/mentorship_list.html", context)


# --- One pair ---------------------------------------------------------------------------------------


def _pair_page(
    request: HttpRequest, access: policy.ProgramAccess, mentorship: Mentorship, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    log_view(
        "mentorship.viewed",
        actor=request.user,
        program=access.program,
        target=mentorship,
        subjects={subjects.APPLICATION: [mentorship.pair.mentee_id, mentorship.pair.mentor_id]},
        data={"mentorship": mentorship.pk},
        now=now,
    )
    goals = [
        goal for goal in mentorship.goals.prefetch_related("ratings", "comments") if goal.removed_at is None
    ]
    help_requests = list(mentorship.help_requests.select_related("handled_by"))
    context = {
        "program": access.program,
        "can_edit": access.can_edit,
        "can_see_people": access.can_see_people,
        "mentorship": mentorship,
        "pair": mentorship.pair,
        "goals": [(goal, list(goal.ratings.all())) for goal in goals],
        "planned": mentorship.planned_meetings.filter(dropped_at__isnull=True),
        # Only the fields a coordinator may see: never private notes (PrivateNote is not read here).
        "logged": mentorship.meeting_logs.prefetch_related("themes"),
        "help_requests": help_requests,
        "notes": mentorship.follow_up_notes.select_related("created_by"),
        "theme_uses": mentorship.theme_uses.select_related("item"),
        "handled_form": forms.get("handled_form") or HandledForm(),
        "handled_for": forms.get("handled_for"),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(),
        "pause_form": forms.get("pause_form") or StaffPauseForm(),
        "end_form": forms.get("end_form") or StaffEndForm(),
    }
    return render(request, "mentoring/staff/pair.html", context)


@login_required
def pair(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    access, found = policy.get_mentorship_for_staff(request, pk, mentorship, Access.VIEW)
    return _pair_page(request, access, found)


def _back(found: Mentorship) -> HttpResponse:
    return redirect("mentoring:pair", pk=found.pair.program_id, mentorship=found.pk)


@login_required
@require_POST
def help_handled(request: HttpRequest, pk: int, mentorship: int, help_request: int) -> HttpResponse:
    """Mark a help request handled, with what was done."""
    access, found = policy.get_mentorship_for_staff(request, pk, mentorship, Access.EDIT)
    item = HelpRequest.objects.filter(pk=help_request, mentorship=found).first()
    if item is None:
        raise Http404
    form = HandledForm(request.POST)
    if not form.is_valid():
        return _pair_page(request, access, found, handled_form=form, handled_for=item.pk)
    follow_up.handle_help_request(item, note=form.cleaned_data["note"], by=request.user, now=timezone.now())
    messages.success(request, _("The help request is marked as handled."))
    return _back(found)


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    access, found = policy.get_mentorship_for_staff(request, pk, mentorship, Access.EDIT)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _pair_page(request, access, found, follow_up_form=form)
    follow_up.add_follow_up_note(found, text=form.cleaned_data["text"], by=request.user, now=timezone.now())
    messages.success(request, _("The follow-up note is saved."))
    return _back(found)


@login_required
@require_POST
def pause(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    """Pause the pair with a reason, or (action=resume) let it run again."""
    access, found = policy.get_mentorship_for_staff(request, pk, mentorship, Access.EDIT)
    now = timezone.now()
    try:
        if request.POST.get("action") == "resume":
            follow_up.resume_by_staff(found, by=request.user, now=now)
            messages.success(request, _("The mentorship is running again."))
        else:
            form = StaffPauseForm(request.POST)
            if not form.is_valid():
                return _pair_page(request, access, found, pause_form=form)
            follow_up.pause_by_staff(found, reason=form.cleaned_data["reason"], by=request.user, now=now)
            messages.success(request, _("The mentorship is paused."))
    except MentoringError as error:
        messages.error(request, str(error))
    return _back(found)


@login_required
@require_POST
def end(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    """End the pair early with a reason; the mentee is back in the matching pool."""
    access, found = policy.get_mentorship_for_staff(request, pk, mentorship, Access.EDIT)
    form = StaffEndForm(request.POST)
    if not form.is_valid():
        return _pair_page(request, access, found, end_form=form)
    try:
        follow_up.end_by_staff(
            found,
            reason=form.cleaned_data["reason"],
            text=form.cleaned_data["text"],
            by=request.user,
            now=timezone.now(),
        )
    except MentoringError as error:
        messages.error(request, str(error))
        return _back(found)
    messages.success(request, _("The mentorship has ended. The mentee is back in the matching pool."))
    return _back(found)


# --- A program's themes by month --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def program_themes(request: HttpRequest, pk: int) -> HttpResponse:
    """The items picked for the program, by month, and the organisation's library to pick from."""
    access = policy.access_program(request, pk, Access.EDIT if request.method == "POST" else Access.VIEW)
    program = access.program
    if request.method == "POST":
        form = PickForm(request.POST)
        now = timezone.now()
        if not form.is_valid():
            messages.error(request, _("Choose a month from 1 to 24."))
            return redirect("mentoring:themes", pk=pk)
        item = ThemeItem.objects.filter(
            pk=form.cleaned_data["item"], organisation_id=program.organisation_id
        ).first()
        if item is None:
            raise Http404
        try:
            if request.POST.get("action") == "unpick":
                theme_services.unpick_item(program, item, by=request.user, now=now)
                messages.success(request, _("“%(title)s” is no longer offered.") % {"title": item.title})
            else:
                month = form.cleaned_data["month"]
                theme_services.pick_item(program, item, month=month, by=request.user, now=now)
                messages.success(request, _("“%(title)s” is offered to the pairs.") % {"title": item.title})
        except theme_services.ThemeError as error:
            messages.error(request, str(error))
        return redirect("mentoring:themes", pk=pk)
    theme_services.install_starter_library(program.organisation, now=timezone.now())
    picks = list(program.themes.select_related("item"))
    picked_ids = {pick.item_id for pick in picks}
    library = ThemeItem.objects.filter(organisation_id=program.organisation_id, archived_at__isnull=True)
    context = {
        "program": program,
        "can_edit": access.can_edit,
        "picks": picks,
        "unpicked": [item for item in library if item.pk not in picked_ids],
    }
    return render(request, "mentoring/staff/program_themes.html", context)


# --- The organisation's library ---------------------------------------------------------------------


@login_required
def library(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation's themes and exercises by phase, filtered by kind and phase (the starter library
    is copied in on the first visit)."""
    access = policy.access_theme_library(request, pk, Access.VIEW)
    organisation = access.organisation
    theme_services.install_starter_library(organisation, now=timezone.now())
    form = LibraryFilterForm(request.GET or None)
    items = ThemeItem.objects.filter(organisation=organisation)
    if form.is_valid():
        if form.cleaned_data["kind"]:
            items = items.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["phase"]:
            items = items.filter(phase=form.cleaned_data["phase"])
        if not form.cleaned_data["archived"]:
            items = items.filter(archived_at__isnull=True)
    else:
        items = items.filter(archived_at__isnull=True)
    by_phase = [(label, [item for item in items if item.phase == value]) for value, label in Phase.choices]
    context = {
        "organisation": organisation,
        "can_edit": access.can_edit,
        "form": form,
        "by_phase": [(label, rows) for label, rows in by_phase if rows],
    }
    return render(request, "mentoring/staff/library.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def library_item(request: HttpRequest, pk: int, item: int | None = None) -> HttpResponse:
    """Add an item, or change one, with its English and Arabic texts."""
    access = policy.access_theme_library(request, pk, Access.EDIT)
    organisation = access.organisation
    instance = ThemeItem(organisation=organisation)
    if item is not None:
        found = ThemeItem.objects.filter(pk=item, organisation=organisation).first()
        if found is None:
            raise Http404
        instance = found
    form = ThemeItemForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = theme_services.save_item(
            form.save(commit=False), translations=form.translations(), by=request.user, now=timezone.now()
        )
        messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
        return redirect(reverse("themes:library", args=[organisation.pk]))
    context = {"organisation": organisation, "form": form, "item": instance if item is not None else None}
    return render(request, "mentoring/staff/library_item.html", context)


@login_required
@require_POST
def library_item_archive(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    access = policy.access_theme_library(request, pk, Access.EDIT)
    found = ThemeItem.objects.filter(pk=item, organisation=access.organisation).first()
    if found is None:
        raise Http404
    restore = request.POST.get("action") == "restore"
    theme_services.archive_item(found, by=request.user, now=timezone.now(), restore=restore)
    if restore:
        messages.success(request, _("“%(title)s” is back in the library.") % {"title": found.title})
    else:
        messages.success(request, _("“%(title)s” is archived.") % {"title": found.title})
    return redirect("themes:library", pk=access.organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def log_meeting(request: HttpRequest, pk: int, mentorship: int) -> HttpResponse:
    """A coordinator logs a pair's meeting after a phone call (marked as logged by the organisers; no
    private note, nobody asked to confirm). Viewers get 403."""
    access, found = policy.get_mentorship_for_staff(request, pk, mentorship, Access.EDIT)
    program = access.program
    form = MeetingLogForm(
        request.POST or None,
        themes=meetings.program_themes(found),
        private=False,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meetings.log_meeting(
                found,
                side=Side.STAFF,
                by=cast(User, request.user),  # login_required let only a signed-in user in
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
