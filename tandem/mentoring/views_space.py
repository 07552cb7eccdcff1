"""The participants' space: their mentorships, My pair, Our goals, Meetings, Themes, Help and My settings.

Phone-first and without JavaScript; each page in the participant's language (`access.participant_required`).
Views stay thin: access helper → form → service → redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.mentoring import ics, meetings, services
from tandem.mentoring import themes as theme_services
from tandem.mentoring.forms import (
    CommentForm,
    ConfirmForm,
    CorrectionForm,
    EndForm,
    GoalForm,
    HelpForm,
    MeetingLogForm,
    MySettingsForm,
    PauseForm,
    PlanForm,
    RatingForm,
    theme_title,
)
from tandem.mentoring.models import (
    MeetingLog,
    Mentorship,
    Participant,
    PersonalGoal,
    Phase,
    PlannedMeeting,
    Side,
    ThemeItem,
)
from tandem.mentoring.sections import next_common_meeting, sections_for
from tandem.mentoring.services import MentoringError
from tandem.mentoring.signin import current_participant, pairs_of_email, participant_required, safe_next
from tandem.pairs.emails import PARTICIPANT_LANGUAGES
from tandem.pairs.models import Pair
from tandem.policy import SpaceAccess, get_mentorship_for_participant


def _context(space: SpaceAccess, active: str, **extra: Any) -> dict[str, Any]:
    return {
        "space": space,
        "mentorship": space.mentorship,
        "program": space.mentorship.pair.program,
        "side": space.side,
        "is_mentee": space.side == Side.MENTEE,
        "active": active,
        **extra,
    }


@participant_required
def index(request: HttpRequest) -> HttpResponse:
    """The participant's mentorships (active pairs get theirs opened here); one goes straight to it."""
    participant = current_participant(request)
    assert participant is not None
    now = timezone.now()
    pairs = list(pairs_of_email(participant.email).select_related("program", "mentee", "mentor"))
    for pair in pairs:
        if pair.status == Pair.Status.ACTIVE and not Mentorship.objects.filter(pair=pair).exists():
            services.open_mentorship(pair, now=now)
    mentorships = list(
        Mentorship.objects.filter(pair__in=[p.pk for p in pairs])
        .select_related("pair__program", "pair__mentee", "pair__mentor")
        .order_by("-started_on", "-id")
    )
    waiting = [p for p in pairs if p.status == Pair.Status.AWAITING]
    open_ones = [m for m in mentorships if m.is_open]
    if len(open_ones) == 1 and not waiting:
        return redirect("space:pair", pk=open_ones[0].pk)
    rows = [
        (m, "mentee" if m.pair.mentee.email.strip().lower() == participant.email else "mentor")
        for m in mentorships
    ]
    return render(
        request,
        "mentoring/space/index.html",
        {"participant": participant, "rows": rows, "waiting": waiting},
    )


@participant_required
@require_POST
def change_language(request: HttpRequest) -> HttpResponse:
    """The space's language switch: Swedish, English or Arabic, remembered on the participant's record (the
    space and our e-mails to them use it from now on); back to the page they were on."""
    participant = current_participant(request)
    assert participant is not None
    language = request.POST.get("language", "")
    if language in PARTICIPANT_LANGUAGES:
        services.change_language(participant, language=language)
    return redirect(safe_next(request.POST.get("next", "")) or reverse("space:index"))


@participant_required
def pair(request: HttpRequest, pk: int) -> HttpResponse:
    """My pair: who the other person is, how to reach them, the dates, what comes next."""
    space = get_mentorship_for_participant(request, pk)
    mentorship = space.mentorship
    today = timezone.localdate()
    next_meeting = meetings.coming(mentorship, today=today).order_by("planned_on", "id").first()
    next_common = next_common_meeting(mentorship.pair.program, now=timezone.now(), side=space.side)
    other_shares_phone = getattr(mentorship, f"{space.other_side}_shares_phone")
    context = _context(
        space,
        "pair",
        other=space.other,
        other_phone=space.other.phone if other_shares_phone else "",
        next_meeting=next_meeting,
        next_common=next_common,
        needs_goals=not mentorship.goals.filter(removed_at__isnull=True).exists(),
        unlogged=list(meetings.unlogged_past(mentorship, today=today)[:3]) if mentorship.is_open else [],
        waiting=meetings.waiting_for(mentorship, side=space.side).count() if mentorship.is_open else 0,
        calendar_url=request.build_absolute_uri(
            reverse("space:calendar", args=[space.participant.calendar_token])
        ),
        sections=sections_for(space.participant, mentorship),
    )
    return render(request, "mentoring/space/pair.html", context)


def _goals_page(request: HttpRequest, space: SpaceAccess, **forms: Any) -> HttpResponse:
    goals = list(
        space.mentorship.goals.filter(removed_at__isnull=True).prefetch_related("ratings", "comments")
    )
    context = _context(
        space,
        "goals",
        goals=goals,
        can_add=space.side == Side.MENTEE and space.mentorship.is_open and len(goals) < services.MAX_GOALS,
        goal_form=forms.get("goal_form") or GoalForm(),
        comment_form=CommentForm(),
        rating_form=RatingForm(),
        max_goals=services.MAX_GOALS,
    )
    return render(request, "mentoring/space/goals.html", context)


@participant_required
@require_http_methods(["GET", "POST"])
def goals(request: HttpRequest, pk: int) -> HttpResponse:
    """Our goals: the mentee writes 1–3 and rates progress; either side comments; the history is kept."""
    space = get_mentorship_for_participant(request, pk)
    if request.method == "GET":
        return _goals_page(request, space)
    now = timezone.now()
    action = request.POST.get("action")
    goal = _goal(space, request.POST.get("goal")) if action in ("remove", "comment", "rate") else None
    try:
        if action == "add":
            form = GoalForm(request.POST)
            if not form.is_valid():
                return _goals_page(request, space, goal_form=form)
            services.add_goal(space.mentorship, side=space.side, text=form.cleaned_data["text"], now=now)
            messages.success(request, _("Your goal is saved."))
        elif action == "remove" and goal is not None:
            services.remove_goal(goal, side=space.side, now=now)
            messages.success(request, _("The goal is removed."))
        elif action == "comment" and goal is not None:
            comment = CommentForm(request.POST)
            if not comment.is_valid():
                raise MentoringError(_first_error(comment))
            services.comment_on_goal(goal, side=space.side, text=comment.cleaned_data["text"], now=now)
            messages.success(request, _("Your comment is saved."))
        elif action == "rate" and goal is not None:
            rating = RatingForm(request.POST)
            if not rating.is_valid():
                raise MentoringError(_("Choose a number from 1 to 5."))
            services.rate_goal(goal, side=space.side, rating=rating.cleaned_data["rating"], now=now)
            messages.success(request, _("Your rating is saved."))
        else:
            raise MentoringError(_("Something was missing. Please try again."))
    except MentoringError as error:
        messages.error(request, str(error))
    return redirect("space:goals", pk=pk)


def _goal(space: SpaceAccess, goal_pk: str | None) -> PersonalGoal:
    if not goal_pk or not goal_pk.isdigit():
        raise Http404
    goal = space.mentorship.goals.filter(pk=int(goal_pk)).first()
    if goal is None:
        raise Http404
    return goal


def _first_error(form) -> str:
    return next(iter(e for errors in form.errors.values() for e in errors), _("Please check the form."))


def _help_page(request: HttpRequest, space: SpaceAccess, **forms: Any) -> HttpResponse:
    context = _context(
        space,
        "help",
        help_form=forms.get("help_form") or HelpForm(),
        pause_form=forms.get("pause_form") or PauseForm(),
        end_form=forms.get("end_form") or EndForm(),
        my_requests=space.mentorship.help_requests.filter(side=space.side),
        contact_email=space.me.form.contact_email if space.me.form else "",
    )
    return render(request, "mentoring/space/help.html", context)


@participant_required
@require_http_methods(["GET", "POST"])
def help_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Help: a confidential message to the coordinators; pause, resume or end the mentorship."""
    space = get_mentorship_for_participant(request, pk)
    if request.method == "GET":
        return _help_page(request, space)
    now = timezone.now()
    action = request.POST.get("action")
    mentorship = space.mentorship
    try:
        if action == "help":
            form = HelpForm(request.POST)
            if not form.is_valid():
                return _help_page(request, space, help_form=form)
            services.ask_for_help(mentorship, side=space.side, now=now, **form.cleaned_data)
            messages.success(request, _("Your message is sent. The organisers will get back to you."))
        elif action == "pause":
            pause = PauseForm(request.POST)
            if not pause.is_valid():
                return _help_page(request, space, pause_form=pause)
            reason = pause.cleaned_data["reason"]
            services.pause_mentorship(mentorship, side=space.side, reason=reason, now=now)
            messages.success(request, _("Your mentorship is paused. The organisers have been told."))
        elif action == "resume":
            services.resume_mentorship(mentorship, side=space.side, now=now)
            messages.success(request, _("Your mentorship is running again."))
        elif action == "end":
            end = EndForm(request.POST)
            if not end.is_valid():
                return _help_page(request, space, end_form=end)
            services.end_mentorship(
                mentorship,
                side=space.side,
                reason=end.cleaned_data["reason"],
                text=end.cleaned_data["text"],
                now=now,
            )
            messages.success(request, _("Your mentorship has ended. The organisers have been told."))
        else:
            raise MentoringError(_("Something was missing. Please try again."))
    except MentoringError as error:
        messages.error(request, str(error))
    return redirect("space:help", pk=pk)


@participant_required
@require_http_methods(["GET", "POST"])
def my_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """My settings: share my phone number, e-mail reminders on or off, a new calendar link."""
    space = get_mentorship_for_participant(request, pk)
    participant = space.participant
    initial = {
        "shares_phone": getattr(space.mentorship, f"{space.side}_shares_phone"),
        "reminders": participant.reminders,
    }
    form = MySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        now = timezone.now()
        if request.POST.get("action") == "renew_calendar":
            services.renew_calendar_link(participant, mentorship=space.mentorship, side=space.side, now=now)
            messages.success(request, _("Your calendar link is renewed. The old link no longer works."))
            return redirect("space:settings", pk=pk)
        if form.is_valid():
            services.change_my_settings(
                space.mentorship, side=space.side, participant=participant, now=now, **form.cleaned_data
            )
            messages.success(request, _("Your settings are saved."))
            return redirect("space:settings", pk=pk)
    return render(
        request,
        "mentoring/space/settings.html",
        _context(space, "settings", form=form, my_phone=space.me.phone),
    )


def _meetings_page(request: HttpRequest, space: SpaceAccess, *, log_form=None, status: int = 200):
    mentorship = space.mentorship
    today = timezone.localdate()
    planned = list(meetings.coming(mentorship, today=today))
    unlogged = list(meetings.unlogged_past(mentorship, today=today))
    logs = list(
        mentorship.meeting_logs.prefetch_related("themes")
        .select_related("planned")
        .order_by("-held_on", "-id")
    )
    notes = meetings.private_notes_of(logs, side=space.side)
    for log in logs:
        log.my_private_note = notes.get(log.pk, "")  # type: ignore[attr-defined]
        log.theme_titles = [theme_title(item) for item in log.themes.all()]  # type: ignore[attr-defined]
    themes = meetings.program_themes(mentorship)
    if log_form is None:
        asked = request.GET.get("planned", "")
        initial: dict[str, Any] = {"held_on": today}
        chosen = next((m for m in unlogged if str(m.pk) == asked), None)
        if chosen is not None:
            initial.update(held_on=chosen.planned_on, planned=chosen.pk)
        log_form = MeetingLogForm(initial=initial, themes=themes)
    context = _context(
        space,
        "meetings",
        planned=planned,
        unlogged=unlogged,
        logs=logs,
        waiting=[
            log
            for log in logs
            if log.logged_by_side == space.other_side and not log.confirmed_at and not log.corrected_at
        ],
        log_form=log_form,
        plan_form=PlanForm(),
        today=today,
    )
    return render(request, "mentoring/space/meetings.html", context, status=status)


@participant_required
@require_http_methods(["GET", "POST"])
def meetings_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Meetings: the plan (move, add, drop), "did you meet?", the log, and logs to confirm."""
    space = get_mentorship_for_participant(request, pk)
    if request.method == "GET":
        return _meetings_page(request, space)
    mentorship = space.mentorship
    now = timezone.now()
    action = request.POST.get("action")
    try:
        if action == "log":
            form = MeetingLogForm(request.POST, themes=meetings.program_themes(mentorship))
            if not form.is_valid():
                return _meetings_page(request, space, log_form=form)
            data = form.cleaned_data
            try:
                meetings.log_meeting(
                    mentorship,
                    side=space.side,
                    held_on=data["held_on"],
                    minutes=data["minutes"],
                    format=data["format"],
                    themes=[item.pk for item in data["themes"]],
                    shared_note=data["shared_note"],
                    private_note=data["private_note"],
                    submission_key=data["submission_key"],
                    planned=_planned(space, data["planned"]) if data["planned"] else None,
                    now=now,
                )
            except MentoringError as error:  # shown above the form, which keeps what was typed
                messages.error(request, str(error))
                return _meetings_page(request, space, log_form=form)
            messages.success(request, _("Your meeting is logged. Thank you!"))
        elif action in ("add", "move"):
            plan = PlanForm(request.POST)
            if not plan.is_valid():
                raise MentoringError(_first_error(plan))
            if action == "add":
                meetings.add_planned_meeting(mentorship, side=space.side, now=now, **plan.cleaned_data)
                messages.success(request, _("The meeting is added to your plan."))
            else:
                planned = _planned(space, request.POST.get("meeting"))
                meetings.move_planned_meeting(planned, side=space.side, now=now, **plan.cleaned_data)
                messages.success(request, _("The meeting is changed."))
        elif action in ("drop", "not_held"):
            planned = _planned(space, request.POST.get("meeting"))
            meetings.drop_planned_meeting(planned, side=space.side, now=now, held=action == "drop")
            messages.success(request, _("The meeting is taken off your plan."))
        elif action in ("confirm", "correct"):
            log = _log(space, request.POST.get("log"))
            if action == "confirm":
                confirm = ConfirmForm(request.POST)
                if not confirm.is_valid():
                    raise MentoringError(_first_error(confirm))
                note = confirm.cleaned_data["private_note"]
                meetings.confirm_meeting(log, side=space.side, private_note=note, now=now)
                messages.success(request, _("Thank you! The meeting is confirmed."))
            else:
                correction = CorrectionForm(request.POST)
                if not correction.is_valid():
                    raise MentoringError(_first_error(correction))
                meetings.correct_meeting(log, side=space.side, text=correction.cleaned_data["text"], now=now)
                messages.success(request, _("Your correction is saved."))
        else:
            raise MentoringError(_("Something was missing. Please try again."))
    except MentoringError as error:
        messages.error(request, str(error))
    return redirect("space:meetings", pk=pk)


def _planned(space: SpaceAccess, meeting_pk: Any) -> PlannedMeeting:
    found = space.mentorship.planned_meetings.filter(pk=_number(meeting_pk)).first()
    if found is None:
        raise Http404
    return found


def _log(space: SpaceAccess, log_pk: Any) -> MeetingLog:
    found = space.mentorship.meeting_logs.filter(pk=_number(log_pk)).first()
    if found is None:
        raise Http404
    return found


def _number(value: Any) -> int:
    text = str(value or "")
    if not text.isdigit() or len(text) > 12:
        raise Http404
    return int(text)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The participant's calendar (ICS): no session, the secret address is the key; a renewed one is a
    404. In the participant's language."""
    participant = Participant.objects.filter(calendar_token=token).first() if len(token) <= 64 else None
    if participant is None:
        raise Http404
    with translation.override(participant.language):
        body = ics.feed(participant, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tandem.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _space_items(space: SpaceAccess):
    """The items a pair may open: the program's picks, or the organisation's whole library while the
    program has picked nothing (archived items never)."""
    program = space.mentorship.pair.program
    picks = list(program.themes.filter(item__archived_at__isnull=True).select_related("item"))
    if picks:
        return [(pick.item, pick.month) for pick in picks]
    library = ThemeItem.objects.filter(organisation_id=program.organisation_id, archived_at__isnull=True)
    return [(item, None) for item in library]


@participant_required
def themes(request: HttpRequest, pk: int) -> HttpResponse:
    """Themes and exercises for where the pair is in the program: this month's first, then the rest of
    the pair's phase (start, middle, end) and the ones for any time; `?all=1` shows every item."""
    space = get_mentorship_for_participant(request, pk)
    mentorship = space.mentorship
    today = timezone.localdate()
    phase = theme_services.pair_phase(mentorship, today)
    this_month = theme_services.program_month(mentorship.pair.program, mentorship, today)
    show_all = request.GET.get("all") == "1"
    used = set(mentorship.theme_uses.values_list("item_id", flat=True))
    language = space.participant.language
    rows = []
    for item, month in _space_items(space):
        current = month == this_month
        if not (show_all or current or item.phase in (phase, Phase.ANY)):
            continue
        rows.append(
            {
                "item": item,
                "texts": theme_services.item_texts(item, language),
                "month": month,
                "this_month": current,
                "used": item.pk in used,
            }
        )
    rows.sort(key=lambda row: (not row["this_month"], row["month"] or 99, row["item"].kind != "theme"))
    context = _context(
        space,
        "themes",
        rows=rows,
        phase=Phase(phase).label,
        show_all=show_all,
        this_month=this_month,
    )
    return render(request, "mentoring/space/themes.html", context)


@participant_required
@require_http_methods(["GET", "POST"])
def theme(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """One theme or exercise in full, in the participant's language; the pair marks it as used."""
    space = get_mentorship_for_participant(request, pk)
    found = next((found for found, _month in _space_items(space) if found.pk == item), None)
    if found is None:
        raise Http404
    if request.method == "POST":
        now = timezone.now()
        try:
            if request.POST.get("action") == "unuse":
                theme_services.unmark_used(space.mentorship, found, side=space.side, now=now)
                messages.success(request, _("The mark is removed."))
            else:
                theme_services.mark_used(space.mentorship, found, side=space.side, now=now)
                messages.success(request, _("Marked as used. Good work!"))
        except theme_services.ThemeError as error:
            messages.error(request, str(error))
        return redirect("space:theme", pk=pk, item=found.pk)
    context = _context(
        space,
        "themes",
        item=found,
        texts=theme_services.item_texts(found, space.participant.language),
        used=space.mentorship.theme_uses.filter(item=found).first(),
    )
    return render(request, "mentoring/space/theme.html", context)
