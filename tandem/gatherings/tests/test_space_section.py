"""The participant's "My pair" page lists the common meetings the person is invited to, with the link to
answer; a person with no invitation sees no such part."""

from __future__ import annotations

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
    assert sections_for(amira, mentorship) == []

    invited(gathering, now=now)
    with translation.override("sv"):
        [section] = sections_for(amira, mentorship)

    invitation = Invitation.objects.get(gathering=gathering, email=AMIRA)
    assert "Uppstartsträff" in section
    assert f"/meeting-answer/{invitation.token}/" in section
    assert "Gemensamma träffar" in section
