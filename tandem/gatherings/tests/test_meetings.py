"""Common meetings from plan to door: made from the wizard's plan, invitations with calendar files,
updates and cancellations that calendars recognise, reminders once, answers, check-in."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from tandem.gatherings import services
from tandem.gatherings.models import Gathering, Invitation
from tandem.gatherings.tests.helpers import a_meeting, calendar_of, event_of, invited
from tandem.mentoring import services as mentoring
from tandem.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

AMIRA = "amira.haddad@example.org"


def messages_to(address: str) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.order_by("id") if address in m.to]


def test_the_planned_meetings_become_real_once(program, mentorships, coordinator, now):
    now = now - timedelta(days=30)  # before the kickoff's date: a past date is not made (see test_pages)
    made = services.create_from_plan(program, by=coordinator, now=now)

    assert [(g.kind, g.starts_at.astimezone(ZoneInfo("Europe/Stockholm")).date()) for g in made] == [
        ("kickoff", program.start_date),
        ("midpoint", program.start_date + timedelta(weeks=13)),
    ]
    assert services.create_from_plan(program, by=coordinator, now=now) == []
    assert Gathering.objects.filter(program=program).count() == 2


def test_a_meeting_made_from_the_plan_is_named_in_each_readers_language(
    program, mentorships, coordinator, now
):
    from django.utils import translation

    before = now - timedelta(days=30)  # before the kickoff's date: a past date is not made
    kickoff, _midpoint = services.create_from_plan(program, by=coordinator, now=before)

    names = {}
    for language in ("sv", "en", "ar"):
        with translation.override(language):
            names[language] = Gathering.objects.get(pk=kickoff.pk).shown_title
    assert names == {"sv": "Uppstartsträff", "en": "Kickoff", "ar": "لقاء الانطلاق"}
    kickoff.title = "Välkomstkväll"
    kickoff.save()
    with translation.override("ar"):
        assert Gathering.objects.get(pk=kickoff.pk).shown_title == "Välkomstkväll"  # the coordinator's own


def test_invitations_go_to_the_pairs_and_the_working_group_once_each(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now)

    assert invited(gathering, now=now) == 5  # Amira, Eva, Bashir, Johan and the coordinator
    assert invited(gathering, now=now) == 0

    [to_amira] = messages_to(AMIRA)
    assert "دعوة" in to_amira.subject  # Arabic: her language
    assert "meeting-answer/" in to_amira.body_text and "?answer=yes" in to_amira.body_text
    assert "العربية" not in to_amira.body_text and "السويدية" in to_amira.body_text  # held in Swedish
    [to_coordinator] = messages_to(coordinator.email)
    assert to_coordinator.subject.startswith("Inbjudan")
    assert "Hålls på: Svenska" in to_coordinator.body_text


def test_the_calendar_file_carries_what_calendar_clients_need(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)

    [message] = messages_to(AMIRA)
    calendar = calendar_of(message)
    event = event_of(message)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == gathering.uid
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART") == gathering.starts_at
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert str(event["ATTENDEE"]) == f"mailto:{AMIRA}"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_moving_a_meeting_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    program, mentorships, coordinator, now
):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)
    johan = Invitation.objects.get(gathering=gathering, name__startswith="Johan")
    services.answer_invitation(johan, answer="no", note="", now=now)
    OutboxMessage.objects.all().delete()

    sent = services.update_gathering(
        gathering, by=coordinator, now=now, starts_at=gathering.starts_at + timedelta(hours=1)
    )

    assert sent == 4  # not to Johan, who said no
    assert gathering.sequence == 1
    [update] = messages_to(AMIRA)
    event = event_of(update)
    assert (str(event["UID"]), event["SEQUENCE"]) == (gathering.uid, 1)
    assert calendar_of(update)["METHOD"] == "REQUEST"


def test_a_change_of_agenda_only_sends_nothing(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)
    OutboxMessage.objects.all().delete()

    assert services.update_gathering(gathering, by=coordinator, now=now, agenda="Fika först") == 0
    assert gathering.sequence == 0 and not OutboxMessage.objects.exists()


def test_a_cancellation_sends_method_cancel_and_closes_the_answers(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)
    OutboxMessage.objects.all().delete()

    assert services.cancel_gathering(gathering, by=coordinator, now=now) == 5
    assert services.cancel_gathering(gathering, by=coordinator, now=now) == 0

    [message] = messages_to(AMIRA)
    assert calendar_of(message)["METHOD"] == "CANCEL"
    assert event_of(message)["SEQUENCE"] == 1
    amira = Invitation.objects.get(gathering=gathering, email=AMIRA)
    with pytest.raises(services.GatheringClosed):
        services.answer_invitation(amira, answer="yes", note="", now=now)
    with pytest.raises(services.GatheringClosed):
        services.invite(gathering, by=None, now=now)


def test_no_answers_after_the_meeting(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)
    amira = Invitation.objects.get(gathering=gathering, email=AMIRA)
    with pytest.raises(services.GatheringClosed):
        services.answer_invitation(amira, answer="yes", note="", now=now + timedelta(days=11))
    amira.refresh_from_db()
    assert amira.answer == ""


def test_reminders_two_days_before_once_each_and_not_to_a_no_or_an_ended_pair(
    program, mentorships, coordinator, now, time_machine
):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)
    people = {i.name.split()[0]: i for i in Invitation.objects.filter(gathering=gathering)}
    services.answer_invitation(people["Amira"], answer="yes", note="Vegetarisk", now=now)
    services.answer_invitation(people["Eva"], answer="no", note="", now=now)
    services.answer_invitation(people["Johan"], answer="maybe", note="", now=now)
    mentoring.end_mentorship(mentorships["b"], side="mentee", reason="got_a_job", text="", now=now)
    OutboxMessage.objects.all().delete()

    assert services.send_due_reminders(now=now + timedelta(days=7)) == 0  # three days before: not yet
    later = now + timedelta(days=8, hours=1)
    time_machine.move_to(later)
    assert services.send_due_reminders(now=later) == 2  # Amira (yes) and the coordinator (no answer)
    assert services.send_due_reminders(now=later + timedelta(hours=1)) == 0

    reminded = sorted(address for m in OutboxMessage.objects.all() for address in m.to)
    assert reminded == sorted([AMIRA, coordinator.email])
    [to_amira] = messages_to(AMIRA)
    assert to_amira.attachment_name == "meeting.ics"


def test_an_ended_pair_is_not_invited(program, mentorships, coordinator, now):
    mentoring.end_mentorship(mentorships["b"], side="mentor", reason="no_time", text="", now=now)
    gathering = a_meeting(program, now=now, audience=Gathering.Audience.MENTEES)

    assert invited(gathering, now=now) == 2  # Amira and the coordinator
    assert {i.email for i in gathering.invitations.all()} == {AMIRA, coordinator.email}


def test_a_walk_in_is_added_and_marked_and_an_invited_address_is_not_counted_twice(
    program, mentorships, coordinator, now
):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)

    guest = services.add_walk_in(gathering, name="Nadia Karim", email="", by=coordinator, now=now)
    again = services.add_walk_in(gathering, name="Amira", email=AMIRA.upper(), by=coordinator, now=now)

    assert guest.walk_in and guest.checked_in_at == now
    assert not again.walk_in and again.checked_in_at == now
    counts = services.counts_for(gathering)
    assert (counts.invited, counts.attended, counts.walk_ins) == (5, 2, 1)


def test_capacity_below_the_yes_count_is_reported(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now, capacity=1)
    invited(gathering, now=now)
    for invitation in gathering.invitations.all()[:3]:
        services.answer_invitation(invitation, answer="yes", note="", now=now)
    assert services.over_capacity(gathering) == 2


def test_a_participants_invitation_signs_them_in_to_answer_in_their_space(
    client, program, mentorships, coordinator, now
):
    from django.urls import reverse

    from tandem.mentoring.models import SignInLink

    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)

    [to_amira] = messages_to(AMIRA)
    words = [word.strip("\u2066\u2069") for word in to_amira.body_text.split()]  # Arabic: links isolated
    link = next(word for word in words if "/space/sign-in/" in word)
    amira = Invitation.objects.get(gathering=gathering, email=AMIRA)
    answer_page = reverse("space_meetings:answer", kwargs={"pk": mentorships["a"].pk, "invitation": amira.pk})
    assert SignInLink.objects.get(participant__email=AMIRA).next_path == answer_page
    assert "/space/sign-in/" in to_amira.body_html
    [to_coordinator] = messages_to(coordinator.email)
    assert "/space/" not in to_coordinator.body_text  # the working group has no space

    response = client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 302 and response["Location"] == answer_page
    assert client.get(answer_page).status_code == 200


def test_over_the_weeks_invitations_and_reminders_go_out_once_each_and_never_to_a_no_or_an_ended_pair(
    program, mentorships, coordinator, now, time_machine
):
    """The worker's jobs run again and again as the days pass (the invitation job twice, the reminder job
    every three hours until the meeting is over): each person gets one invitation and at most one reminder."""
    from tandem.gatherings import tasks

    time_machine.move_to(now)
    gathering = a_meeting(program, now=now)
    tasks.invite_in_background.call_local(gathering.pk)
    tasks.invite_in_background.call_local(gathering.pk)
    invitations = OutboxMessage.objects.filter(kind="gatherings/emails/invitation")
    assert sorted(a for m in invitations for a in m.to) == sorted(
        i.email for i in gathering.invitations.all()
    )  # five people, one invitation each
    people = {i.name.split()[0]: i for i in gathering.invitations.all()}
    services.answer_invitation(people["Eva"], answer="no", note="", now=now)
    services.answer_invitation(people["Amira"], answer="yes", note="", now=now)
    mentoring.end_mentorship(mentorships["b"], side="mentor", reason="no_time", text="", now=now)
    OutboxMessage.objects.all().delete()

    moment = now
    while moment < gathering.ends_at + timedelta(days=1):
        moment += timedelta(hours=3)
        time_machine.move_to(moment)
        tasks.remind_common_meetings.call_local()
        tasks.invite_in_background.call_local(gathering.pk)  # pressed again: nobody new to invite

    # Two e-mails in all, both reminders: not Eva (no), not Bashir or Johan (ended), no second invitation.
    reminded = sorted(address for m in OutboxMessage.objects.all() for address in m.to)
    assert reminded == sorted([AMIRA, coordinator.email])
    assert all(i.reminded_at is not None for i in gathering.invitations.filter(email__in=reminded))


def test_a_participant_who_chose_english_in_the_space_gets_the_update_in_english(
    program, mentorships, coordinator, now
):
    from tandem.mentoring.services import change_language
    from tandem.mentoring.signin import participant_for

    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)
    assert "دعوة" in messages_to(AMIRA)[0].subject
    change_language(participant_for(mentorships["a"].pair.mentee), language="en")
    OutboxMessage.objects.all().delete()

    services.update_gathering(gathering, by=coordinator, now=now, place="Stadsbiblioteket, Göteborg")

    [update] = messages_to(AMIRA)
    assert update.subject == "Changed: Uppstartsträff"
