"""The participant's "My pair" page lists the common meetings the person is invited to, with the link to
answer; a person with no invitation sees no such part."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from tandem.gatherings.models import Invitation
from tandem.gatherings.tests.helpers import a_meeting, invited
from tandem.mentoring.models import Participant
from tandem.mentoring.sections import sections_for

pytestmark = pytest.mark.django_db

AMIRA = "amira.haddad@example.org"


def test_my_pair_lists_the_meetings_i_am_invited_to(program, mentorships, now):
    gathering = a_meeting(program, now=now, title="Uppstartsträff")
    amira = Participant.objects.create(email=AMIRA, language="sv")
    mentorship = mentorships["a"]

    def meetings_sections() -> list[str]:  # other apps (the handbook) add their own parts to My pair
        return [part for part in sections_for(amira, mentorship) if "common-meetings-heading" in part]

    assert meetings_sections() == []

    invited(gathering, now=now)
    with translation.override("sv"):
        [section] = meetings_sections()

    invitation = Invitation.objects.get(gathering=gathering, email=AMIRA)
    assert "Uppstartsträff" in section
    assert f"/space/{mentorship.pk}/common-meetings/{invitation.pk}/" in section
    assert "Gemensamma träffar" in section


def test_the_space_and_the_feed_show_the_meeting_as_scheduled_not_as_planned(program, mentorships, now):
    """The kickoff moved to an evening at Folkets hus: "My pair" and the calendar feed say so, with the
    invitation's UID, and the wizard's all-day date for it is gone (the walkthrough saw the old date)."""
    from icalendar import Calendar

    from tandem.gatherings import services
    from tandem.mentoring import ics
    from tandem.mentoring.sections import next_common_meeting

    before_the_start = now - timedelta(days=30)  # made from the plan before the kickoff's date passed
    [kickoff, *_rest] = services.create_from_plan(program, by=None, now=before_the_start)
    later = (now + timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)
    kickoff.starts_at = later
    kickoff.save()
    amira = Participant.objects.create(email=AMIRA, language="sv")

    upcoming = next_common_meeting(program, now=now)
    assert upcoming is not None and upcoming.has_time and upcoming.title == kickoff.shown_title

    events = Calendar.from_ical(ics.feed(amira, now=now)).walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert kickoff.uid in uids
    assert f"common-meeting-{kickoff.plan_id}@" not in " ".join(uids)
