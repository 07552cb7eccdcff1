"""Every change in a pair's space: one function each, `verb(obj, *, side, now)`, atomic and audited.

The audit trail gets ids and codes only, never what people wrote. Bad input (a text over the length limit,
a rating outside 1–5, a change to an ended mentorship) raises `MentoringError` with a message for the page;
a double submit of the same thing is harmless (nothing is stored twice).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from tandem.accounts.models import User

from tandem.audit.services import log_action
from tandem.mentoring import emails, plan
from tandem.mentoring.models import (
    MAX_GOAL,
    MAX_NOTE,
    GoalComment,
    GoalRating,
    HelpRequest,
    Mentorship,
    Participant,
    PersonalGoal,
    PlannedMeeting,
    Side,
    new_secret,
)
from tandem.pairs.emails import PARTICIPANT_LANGUAGES
from tandem.pairs.models import Pair
from tandem.pairs.publishing import dissolve_pair

MAX_GOALS = 3
REPEAT_WINDOW = timedelta(minutes=10)  # the same text (or rating) again within this is a double submit


class MentoringError(Exception):
    """A change the space refuses; the message is for the person (translated)."""


# --- Opening a mentorship -------------------------------------------------------------------------


def open_mentorship(pair: Pair, *, now: datetime) -> Mentorship:
    """The pair's Mentorship, made once both sides accepted (idempotent): started the day the second side
    said yes (the program's start date if that is later), ending with the program (or the program's
    length after the start), with the suggested
    meetings of the program's meeting rules."""
    with transaction.atomic():
        pair = (
            Pair.objects.select_for_update(of=("self",))
            .select_related("program__organisation")
            .get(pk=pair.pk)
        )
        existing = Mentorship.objects.filter(pair=pair).first()
        if existing is not None:
            return existing
        if pair.status != Pair.Status.ACTIVE:
            raise MentoringError(_("This pair has not started."))
        program = pair.program
        answered = [at for at in (pair.mentee_answered_at, pair.mentor_answered_at) if at is not None]
        started_on = timezone.localdate(max(answered) if answered else now)
        if program.start_date is not None and started_on < program.start_date:
            # Matched before the program starts: the pair's life (and its meeting plan) counts from the
            # program's start, so no meeting is suggested before the kickoff.
            started_on = program.start_date
        ends_on = plan.pair_end(
            started_on=started_on, program_start=program.start_date, length_months=program.length_months
        )
        mentorship = Mentorship.objects.create(pair=pair, started_on=started_on, ends_on=ends_on)
        rules = [rule.span for rule in program.meeting_rules.all()]
        dates = plan.suggested_dates(
            rules, start=started_on, length_months=program.length_months, until=ends_on
        )
        PlannedMeeting.objects.bulk_create(
            PlannedMeeting(mentorship=mentorship, planned_on=day, origin=PlannedMeeting.Origin.SUGGESTED)
            for day in dates
        )
        log_action(
            "mentorship.opened",
            program=program,
            target=mentorship,
            data={"pair": pair.pk, "mentorship": mentorship.pk, "planned_meetings": len(dates)},
            now=now,
        )
    return mentorship


def open_new_mentorships(*, now: datetime) -> int:
    """Open the mentorships of active pairs that have none yet (the worker, every 15 minutes)."""
    opened = 0
    for pair in Pair.objects.filter(status=Pair.Status.ACTIVE, mentorship__isnull=True).only("pk"):
        open_mentorship(pair, now=now)
        opened += 1
    return opened


def end_dissolved_mentorships(*, now: datetime) -> int:
    """End the open mentorships whose pair a coordinator dissolved (the worker, every 15 minutes): pairs
    cannot tell mentoring themselves, mentoring builds on pairs."""
    ended = 0
    open_statuses = [Mentorship.Status.RUNNING, Mentorship.Status.PAUSED]
    stale = Mentorship.objects.filter(status__in=open_statuses).exclude(pair__status=Pair.Status.ACTIVE)
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            mentorship = _locked(Mentorship(pk=pk))
            if mentorship.status not in open_statuses:
                continue
            mentorship.status = Mentorship.Status.ENDED
            mentorship.ended_at = mentorship.pair.dissolved_at or now
            mentorship.ended_by_side = Side.STAFF
            mentorship.end_reason = Mentorship.EndReason.OTHER
            mentorship.save(update_fields=["status", "ended_at", "ended_by_side", "end_reason"])
            _audit("mentorship.ended", mentorship, now=now, side=Side.STAFF, reason="pair_dissolved")
            ended += 1
    return ended


def _locked(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("pair__program__organisation")
        .get(pk=mentorship.pk)
    )


def _check_open(mentorship: Mentorship) -> None:
    """Changes need a running or paused mentorship whose pair still holds (a coordinator may have dissolved
    it in the pairs pages; `end_dissolved_mentorships` catches up within 15 minutes)."""
    if not mentorship.is_open or mentorship.pair.status != Pair.Status.ACTIVE:
        raise MentoringError(_("This mentorship has ended; nothing can be changed any more."))


def _check_side(side: str) -> None:
    if side not in (Side.MENTEE, Side.MENTOR):
        raise MentoringError(_("Only the mentee and the mentor can do this."))


def _clean_text(text: str, *, limit: int, required: bool = True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise MentoringError(_("Please write something first."))
    if len(text) > limit:
        raise MentoringError(
            _("Please keep it under %(limit)s characters (this has %(count)s).")
            % {"limit": limit, "count": len(text)}
        )
    return text


def _audit(action: str, mentorship: Mentorship, *, now: datetime, by: User | None = None, **data) -> None:
    log_action(
        action,
        actor=by,
        program=mentorship.pair.program,
        target=mentorship,
        data={"mentorship": mentorship.pk, **data},
        now=now,
    )


# --- Goals --------------------------------------------------------------------------------------


def add_goal(mentorship: Mentorship, *, side: str, text: str, now: datetime) -> PersonalGoal:
    """The mentee writes one of their 1–3 goals."""
    text = _clean_text(text, limit=MAX_GOAL)
    with transaction.atomic():
        mentorship = _locked(mentorship)
        _check_open(mentorship)
        if side != Side.MENTEE:
            raise MentoringError(_("The mentee writes the goals; as the mentor you can comment on them."))
        goals = list(mentorship.goals.filter(removed_at__isnull=True))
        same = next((goal for goal in goals if goal.text == text), None)
        if same is not None:  # a double submit
            return same
        if len(goals) >= MAX_GOALS:
            raise MentoringError(_("You already have three goals. Remove one to write a new one."))
        goal = PersonalGoal.objects.create(
            mentorship=mentorship, text=text, order=len(goals) + 1, created_at=now
        )
        _audit("mentorship.goal_added", mentorship, now=now, goal=goal.pk, side=side)
    return goal


def remove_goal(goal: PersonalGoal, *, side: str, now: datetime) -> None:
    """The mentee takes a goal away (kept in the database with its ratings and comments)."""
    with transaction.atomic():
        mentorship = _locked(goal.mentorship)
        _check_open(mentorship)
        if side != Side.MENTEE:
            raise MentoringError(_("Only the mentee can remove a goal."))
        updated = PersonalGoal.objects.filter(pk=goal.pk, removed_at__isnull=True).update(removed_at=now)
        if updated:
            _audit("mentorship.goal_removed", mentorship, now=now, goal=goal.pk, side=side)


def comment_on_goal(goal: PersonalGoal, *, side: str, text: str, now: datetime) -> GoalComment:
    """Either side comments on a goal."""
    _check_side(side)
    text = _clean_text(text, limit=MAX_NOTE)
    with transaction.atomic():
        mentorship = _locked(goal.mentorship)
        _check_open(mentorship)
        _check_goal(goal)
        same = goal.comments.filter(side=side, text=text, created_at__gte=now - REPEAT_WINDOW).first()
        if same is not None:
            return same
        comment = GoalComment.objects.create(goal=goal, side=side, text=text, created_at=now)
        _audit("mentorship.goal_commented", mentorship, now=now, goal=goal.pk, comment=comment.pk, side=side)
    return comment


def rate_goal(goal: PersonalGoal, *, side: str, rating: int, now: datetime) -> GoalRating:
    """The mentee rates progress on a goal, 1 (not started) to 5 (reached); earlier ratings are kept."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise MentoringError(_("Choose a number from 1 to 5."))
    with transaction.atomic():
        mentorship = _locked(goal.mentorship)
        _check_open(mentorship)
        if side != Side.MENTEE:
            raise MentoringError(_("The mentee rates the progress on their goals."))
        _check_goal(goal)
        same = goal.ratings.filter(rating=rating, rated_at__gte=now - REPEAT_WINDOW).first()
        if same is not None:
            return same
        rated = GoalRating.objects.create(goal=goal, rating=rating, rated_at=now)
        _audit("mentorship.goal_rated", mentorship, now=now, goal=goal.pk, rating=rating)
    return rated


def latest_goal_ratings(program_id: int) -> list[int]:
    """The latest progress rating of every rated personal goal (not removed) of a program's pairs, for
    follow-up's goal attainment: one query, no names."""
    latest = GoalRating.objects.filter(goal=OuterRef("pk")).order_by("-rated_at", "-id").values("rating")[:1]
    rows = (
        PersonalGoal.objects.filter(mentorship__pair__program_id=program_id, removed_at__isnull=True)
        .annotate(latest=Subquery(latest))
        .filter(latest__isnull=False)
        .values_list("latest", flat=True)
    )
    return list(rows)


def _check_goal(goal: PersonalGoal) -> None:
    if PersonalGoal.objects.filter(pk=goal.pk, removed_at__isnull=False).exists():
        raise MentoringError(_("This goal has been removed."))


# --- Help, pause and end ------------------------------------------------------------------------


def ask_for_help(mentorship: Mentorship, *, side: str, kind: str, text: str, now: datetime) -> HelpRequest:
    """A confidential message to the program's coordinators; they get a notice without its content."""
    _check_side(side)
    if kind not in HelpRequest.Kind.values:
        raise MentoringError(_("Choose what your message is about."))
    text = _clean_text(text, limit=MAX_NOTE)
    with transaction.atomic():
        mentorship = _locked(mentorship)
        same = mentorship.help_requests.filter(
            side=side, kind=kind, text=text, created_at__gte=now - REPEAT_WINDOW
        ).first()
        if same is not None:
            return same
        request = HelpRequest.objects.create(
            mentorship=mentorship, side=side, kind=kind, text=text, created_at=now
        )
        emails.send_coordinator_notice(mentorship, event="help")
        _audit(
            "mentorship.help_requested", mentorship, now=now, help_request=request.pk, side=side, kind=kind
        )
    return request


def _check_actor(side: str, by: User | None) -> None:
    """The mentee or the mentor, or a coordinator (side "staff", with `by`) on the staff pair page."""
    if side == Side.STAFF and by is not None:
        return
    _check_side(side)


def pause_mentorship(
    mentorship: Mentorship, *, side: str, reason: str, now: datetime, by: User | None = None
) -> Mentorship:
    """Pause a running mentorship with a reason; when a participant pauses, the coordinators are told."""
    _check_actor(side, by)
    reason = _clean_text(reason, limit=MAX_NOTE)
    with transaction.atomic():
        mentorship = _locked(mentorship)
        _check_open(mentorship)
        if mentorship.status == Mentorship.Status.PAUSED:
            return mentorship
        mentorship.status = Mentorship.Status.PAUSED
        mentorship.paused_at = now
        mentorship.pause_reason = reason
        mentorship.save(update_fields=["status", "paused_at", "pause_reason"])
        if side != Side.STAFF:
            emails.send_coordinator_notice(mentorship, event="paused")
        _audit("mentorship.paused", mentorship, by=by, now=now, side=side)
    return mentorship


def resume_mentorship(
    mentorship: Mentorship, *, side: str, now: datetime, by: User | None = None
) -> Mentorship:
    _check_actor(side, by)
    with transaction.atomic():
        mentorship = _locked(mentorship)
        _check_open(mentorship)
        if mentorship.status == Mentorship.Status.RUNNING:
            return mentorship
        mentorship.status = Mentorship.Status.RUNNING
        mentorship.paused_at = None
        mentorship.save(update_fields=["status", "paused_at"])
        _audit("mentorship.resumed", mentorship, by=by, now=now, side=side)
    return mentorship


# What only the program's closing gives as the reason (mentoring.closing): not a reason a mentee or a
# mentor ends early for, so their form does not offer it and the service refuses it from them.
NOT_A_PARTICIPANTS_END_REASON = frozenset({Mentorship.EndReason.PROGRAM_CLOSED})


def end_reason_choices(side: str) -> list[tuple[str, str]]:
    """The reasons `side` may give for ending a mentorship early: the coordinators' whole list, a
    participant's without "The program ended"."""
    return [
        (value, str(label))
        for value, label in Mentorship.EndReason.choices
        if side == Side.STAFF or value not in NOT_A_PARTICIPANTS_END_REASON
    ]


def end_mentorship(
    mentorship: Mentorship, *, side: str, reason: str, text: str, now: datetime, by: User | None = None
) -> Mentorship:
    """End the mentorship early with a reason; the pair is dissolved, so the mentee returns to the matching
    pool (and the two are not proposed to each other again). When a participant ends it, the coordinators
    are told."""
    _check_actor(side, by)
    if reason not in dict(end_reason_choices(side)):
        raise MentoringError(_("Choose a reason."))
    text = _clean_text(text, limit=MAX_NOTE, required=False)
    with transaction.atomic():
        mentorship = _locked(mentorship)
        if mentorship.status == Mentorship.Status.ENDED:  # a double submit
            return mentorship
        _check_open(mentorship)
        mentorship.status = Mentorship.Status.ENDED
        mentorship.ended_at = now
        mentorship.ended_by_side = side
        mentorship.end_reason = reason
        mentorship.end_text = text
        mentorship.save(update_fields=["status", "ended_at", "ended_by_side", "end_reason", "end_text"])
        if mentorship.pair.is_live:
            dissolve_pair(
                mentorship.pair, reason=f"ended by the {side}: {reason}", by=by, now=now, forbid=True
            )
        if side != Side.STAFF:
            emails.send_coordinator_notice(mentorship, event="ended")
        _audit("mentorship.ended", mentorship, by=by, now=now, side=side, reason=reason)
    return mentorship


# --- My settings --------------------------------------------------------------------------------


def change_my_settings(
    mentorship: Mentorship,
    *,
    side: str,
    participant: Participant,
    shares_phone: bool,
    reminders: bool,
    now: datetime,
) -> None:
    """Whether the other side sees my phone number (per mentorship), and whether I get reminders."""
    _check_side(side)
    with transaction.atomic():
        mentorship = _locked(mentorship)
        setattr(mentorship, f"{side}_shares_phone", shares_phone)
        mentorship.save(update_fields=[f"{side}_shares_phone"])
        Participant.objects.filter(pk=participant.pk).update(reminders=reminders)
        participant.reminders = reminders
        _audit(
            "mentorship.settings_changed",
            mentorship,
            now=now,
            side=side,
            shares_phone=shares_phone,
            reminders=reminders,
        )


def renew_calendar_link(
    participant: Participant, *, mentorship: Mentorship, side: str, now: datetime
) -> None:
    """A new secret for the participant's calendar feed; the old address stops working."""
    with transaction.atomic():
        participant.calendar_token = new_secret()
        participant.save(update_fields=["calendar_token"])
        _audit(
            "participant.calendar_link_renewed", mentorship, now=now, side=side, participant=participant.pk
        )


def change_language(participant: Participant, *, language: str) -> None:
    """The language the participant reads their space and our e-mails in (one of the participant
    languages: Swedish, English, Arabic), remembered on their record for every device."""
    if language not in PARTICIPANT_LANGUAGES:
        raise ValueError(language)
    Participant.objects.filter(pk=participant.pk).update(language=language)
    participant.language = language
