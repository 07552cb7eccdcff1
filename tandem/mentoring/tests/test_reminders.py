"""Reminders travel in time: before a planned meeting, "did you meet?" after it, a nudge to a quiet pair —
each sent exactly once, none after the pair paused or ended, none to someone who turned them off."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from tandem.mentoring import meetings, reminders, services
from tandem.mentoring.models import MentoringSettings
from tandem.mentoring.signin import participant_for
from tandem.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def a(mentorships):
    return mentorships["a"]


@pytest.fixture
def b(mentorships):
    return mentorships["b"]


def at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def sent(kind):
    return list(OutboxMessage.objects.filter(kind=f"mentoring/emails/{kind}").order_by("id"))


def test_a_reminder_goes_out_reminder_days_before_a_planned_meeting_once(a, b, amira, eva):
    second = a.planned_meetings.order_by("planned_on")[1]
    services.pause_mentorship(b, side="mentor", reason="Semester", now=timezone.now())
    with time_machine.travel(at(second.planned_on - timedelta(days=4)), tick=False):
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 0
    with time_machine.travel(at(second.planned_on - timedelta(days=3)), tick=False):
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 2
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 0
    with time_machine.travel(at(second.planned_on - timedelta(days=1)), tick=False):
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 0
    messages = sent("meeting_reminder")
    assert sorted(m.to[0] for m in messages) == sorted([amira.email.lower(), eva.email.lower()])
    second.refresh_from_db()
    assert second.reminded_at is not None
    for message in messages:
        assert "/space/sign-in/" in message.body_text  # a fresh sign-in link to the space
    arabic = next(m for m in messages if m.to[0] == amira.email.lower())
    swedish = next(m for m in messages if m.to[0] == eva.email.lower())
    assert "Eva" in arabic.body_text and any("\u0600" <= c <= "\u06ff" for c in arabic.subject)
    assert "Amira" in swedish.body_text and "Hej" in swedish.body_text


def test_moving_a_meeting_to_another_day_reminds_again_for_the_new_day(a, b, now):
    services.pause_mentorship(b, side="mentor", reason="Semester", now=now)
    second = a.planned_meetings.order_by("planned_on")[1]
    with time_machine.travel(at(second.planned_on - timedelta(days=3)), tick=False):
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 2
        later = second.planned_on + timedelta(days=5)
        meetings.move_planned_meeting(second, side="mentee", planned_on=later, now=timezone.now())
    with time_machine.travel(at(later - timedelta(days=3)), tick=False):
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 2


def test_no_reminder_to_someone_who_turned_them_off_nor_when_the_program_sends_none(a, b, amira, eva, now):
    services.pause_mentorship(b, side="mentor", reason="Semester", now=now)
    participant = participant_for(eva)
    participant.reminders = False
    participant.save()
    second, third = a.planned_meetings.order_by("planned_on")[1:3]
    with time_machine.travel(at(second.planned_on - timedelta(days=2)), tick=False):
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 1
    assert [m.to[0] for m in sent("meeting_reminder")] == [amira.email.lower()]
    MentoringSettings.objects.create(program=a.pair.program, reminder_days=0)
    with time_machine.travel(at(third.planned_on - timedelta(days=1)), tick=False):
        assert reminders.send_due_meeting_reminders(now=timezone.now()) == 0


def test_did_you_meet_is_asked_once_after_a_planned_day_passed_without_a_log(a, b):
    first_a = a.planned_meetings.get(planned_on=a.started_on)
    meetings.log_meeting(
        b, side="mentee", held_on=b.started_on, minutes=60, format="online", now=timezone.now()
    )
    assert reminders.send_due_questions(now=timezone.now()) == 2  # pair B logged theirs
    assert reminders.send_due_questions(now=timezone.now()) == 0
    first_a.refresh_from_db()
    assert first_a.asked_about_at is not None
    (message, _) = sent("did_you_meet")
    assert f"planned%3D{first_a.pk}" in message.body_text or "/space/sign-in/" in message.body_text
    second_a = a.planned_meetings.order_by("planned_on")[1]
    meetings.drop_planned_meeting(
        a.planned_meetings.order_by("planned_on")[2], side="mentee", now=timezone.now()
    )
    services.end_mentorship(b, side="mentee", reason="moved", text="", now=timezone.now())
    with time_machine.travel(at(second_a.planned_on + timedelta(days=1)), tick=False):
        assert reminders.send_due_questions(now=timezone.now()) == 2  # A's second; nothing to ended B
    third_a = a.planned_meetings.order_by("planned_on")[2]
    with time_machine.travel(at(third_a.planned_on + timedelta(days=1)), tick=False):
        assert reminders.send_due_questions(now=timezone.now()) == 0  # dropped


def test_a_quiet_pair_is_nudged_once_per_quiet_weeks_and_a_logged_meeting_resets_the_clock(a, b):
    services.end_mentorship(b, side="mentor", reason="no_time", text="", now=timezone.now())
    start = a.started_on
    with time_machine.travel(at(start + timedelta(weeks=5) - timedelta(days=1)), tick=False):
        assert reminders.send_due_nudges(now=timezone.now()) == 0
    with time_machine.travel(at(start + timedelta(weeks=5)), tick=False):
        assert reminders.send_due_nudges(now=timezone.now()) == 2
        assert reminders.send_due_nudges(now=timezone.now()) == 0
    with time_machine.travel(at(start + timedelta(weeks=8)), tick=False):
        assert reminders.send_due_nudges(now=timezone.now()) == 0
    with time_machine.travel(at(start + timedelta(weeks=10)), tick=False):
        assert reminders.send_due_nudges(now=timezone.now()) == 2
        held = timezone.localdate() - timedelta(days=2)
        meetings.log_meeting(
            a, side="mentor", held_on=held, minutes=60, format="in_person", now=timezone.now()
        )
    with time_machine.travel(at(start + timedelta(weeks=14)), tick=False):
        assert reminders.send_due_nudges(now=timezone.now()) == 0  # 4 weeks after the meeting
    with time_machine.travel(at(held + timedelta(weeks=5)), tick=False):
        assert reminders.send_due_nudges(now=timezone.now()) == 0  # quiet long enough, but nudged 5 weeks ago
    with time_machine.travel(at(start + timedelta(weeks=15)), tick=False):
        assert reminders.send_due_nudges(now=timezone.now()) == 2
    assert len(sent("nudge")) == 6
    for message in sent("nudge"):
        assert "/space/sign-in/" in message.body_text


def test_no_reminders_at_all_to_a_paused_or_ended_pair(a, b):
    services.pause_mentorship(a, side="mentee", reason="Sjuk", now=timezone.now())
    services.end_mentorship(b, side="mentee", reason="moved", text="", now=timezone.now())
    for weeks in range(0, 20):
        with time_machine.travel(at(a.started_on + timedelta(weeks=weeks)), tick=False):
            assert reminders.send_all_due(now=timezone.now()) == {"reminders": 0, "questions": 0, "nudges": 0}
    assert (
        not OutboxMessage.objects.filter(kind__startswith="mentoring/emails/")
        .exclude(kind="mentoring/emails/coordinator_notice")
        .exists()
    )
