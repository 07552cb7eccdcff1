"""A participant answers a common meeting from inside their space, through the same service as the e-mail's
link; only their own invitations, never another pair's or another program's (404)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from tandem.gatherings import services
from tandem.gatherings.models import Invitation
from tandem.gatherings.tests.helpers import a_meeting, invited
from tandem.mentoring.tests.people import active_pair, sign_in

pytestmark = pytest.mark.django_db

AMIRA = "amira.haddad@example.org"


@pytest.fixture(autouse=True)
def no_rate_limit_counts_from_other_tests():
    cache.clear()


@pytest.fixture
def meeting(program, mentorships, now):
    gathering = a_meeting(program, now=now, languages="sv, ar")
    invited(gathering, now=now)
    return gathering


def answer_url(mentorship, invitation: Invitation) -> str:
    return reverse("space_meetings:answer", kwargs={"pk": mentorship.pk, "invitation": invitation.pk})


def test_a_mentor_answers_yes_from_the_space_in_swedish(client, mentorships, meeting):
    eva = mentorships["a"].pair.mentor
    invitation = Invitation.objects.get(gathering=meeting, email=eva.email.lower())
    sign_in(client, eva)

    my_pair = client.get(reverse("space:pair", args=[mentorships["a"].pk])).text
    assert answer_url(mentorships["a"], invitation) in my_pair
    assert "/meeting-answer/" not in my_pair  # the space never sends her out to the page by link

    page = client.get(answer_url(mentorships["a"], invitation))
    assert page.status_code == 200 and page["Content-Language"] == "sv"
    assert "Uppstartsträff" in page.text and "Hålls på: Svenska, Arabiska" in page.text
    assert 'name="answer" value="yes"' in page.text

    response = client.post(answer_url(mentorships["a"], invitation), {"answer": "yes", "note": "Laktosfri"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.note) == ("yes", "Laktosfri") and invitation.answered_at
    assert services.counts_for(meeting).yes == 1

    page = client.get(response["Location"]).text
    assert "Tack! Vi har noterat att du kommer." in page
    assert "Ditt svar:" in page and "Laktosfri" in page


def test_an_arabic_mentee_reads_the_page_right_to_left_and_a_bad_answer_is_refused(
    client, mentorships, meeting
):
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)
    sign_in(client, mentorships["a"].pair.mentee)

    response = client.post(answer_url(mentorships["a"], amira), {"answer": "perhaps", "note": "x"})

    assert response.status_code == 200 and response["Content-Language"] == "ar"
    assert 'dir="rtl"' in response.text and 'id="id_answer_error"' in response.text
    amira.refresh_from_db()
    assert amira.answer == "" and amira.note == ""
    assert '<h1 dir="auto">Uppstartsträff</h1>' in response.text  # the coordinator's Swedish title
    assert '<p dir="auto">Folkets hus, Järntorget 1, Göteborg</p>' in response.text

    client.post(answer_url(mentorships["a"], amira), {"answer": "yes", "note": "Kommer 18.30."})
    page = client.get(answer_url(mentorships["a"], amira)).text
    assert "<bdi>Kommer 18.30.</bdi>" in page  # her note, typed in Swedish, keeps its full stop at its end


def test_a_participant_reaches_only_their_own_invitations(
    client, program, other_program, mentorships, meeting, now
):
    a, b = mentorships["a"], mentorships["b"]
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)
    bashir = Invitation.objects.get(gathering=meeting, name__startswith="Bashir")
    eva = Invitation.objects.get(gathering=meeting, name__startswith="Eva")
    elsewhere = a_meeting(other_program, now=now, title="Annat programs träff")
    amira_elsewhere = Invitation.objects.create(
        gathering=elsewhere, name="Amira Haddad", email=AMIRA, language="ar", role="mentee", invited_at=now
    )
    sara_pair = active_pair(other_program, ("Sara", "Ali"), ("Per", "Holm"), now=now)
    from tandem.mentoring import services as mentoring

    sara_mentorship = mentoring.open_mentorship(sara_pair, now=now)
    sara = Invitation.objects.create(
        gathering=elsewhere,
        name="Sara Ali",
        email=sara_pair.mentee.email.lower(),
        role="mentee",
        invited_at=now,
    )

    sign_in(client, a.pair.mentee)
    assert client.get(answer_url(a, amira)).status_code == 200
    for mentorship, invitation in [
        (a, eva),  # her own mentor's invitation
        (a, bashir),  # another pair's, through her own pair
        (b, bashir),  # another pair's, through that pair
        (b, amira),  # her own, through another pair
        (a, amira_elsewhere),  # her own, but to another program's meeting
        (sara_mentorship, sara),  # another program's pair
    ]:
        assert client.get(answer_url(mentorship, invitation)).status_code == 404, invitation.name
        assert client.post(answer_url(mentorship, invitation), {"answer": "no"}).status_code == 404
    assert not Invitation.objects.filter(answer="no").exists()

    client.post(reverse("space:sign_out"))
    sign_in(client, sara_pair.mentee)
    assert client.get(answer_url(sara_mentorship, sara)).status_code == 200
    assert client.get(answer_url(a, amira)).status_code == 404


def test_a_cancelled_or_past_meeting_is_said_politely_and_nothing_changes(
    client, mentorships, meeting, coordinator, now, time_machine
):
    amira = Invitation.objects.get(gathering=meeting, email=AMIRA)
    services.answer_invitation(amira, answer="maybe", note="", now=now)
    services.cancel_gathering(meeting, by=coordinator, now=now)
    sign_in(client, mentorships["a"].pair.mentee)

    page = client.get(answer_url(mentorships["a"], amira))
    assert page.status_code == 200 and 'id="rsvp-state"' in page.text and 'name="answer"' not in page.text
    assert client.post(answer_url(mentorships["a"], amira), {"answer": "yes"}).status_code == 410
    amira.refresh_from_db()
    assert amira.answer == "maybe"

    later = a_meeting(meeting.program, now=now, days=2, title="Efterträff")
    invited(later, now=now)
    eva = Invitation.objects.get(gathering=later, name__startswith="Eva")
    time_machine.move_to(later.ends_at + timedelta(minutes=5))
    client.post(reverse("space:sign_out"))
    sign_in(client, mentorships["a"].pair.mentor)
    response = client.post(answer_url(mentorships["a"], eva), {"answer": "yes"})
    assert response.status_code == 410 and "redan ägt rum" in response.text
    eva.refresh_from_db()
    assert eva.answer == ""


def test_the_answer_page_takes_a_fixed_number_of_queries(
    client, mentorships, meeting, django_assert_num_queries
):
    eva = mentorships["a"].pair.mentor
    invitation = Invitation.objects.get(gathering=meeting, email=eva.email.lower())
    sign_in(client, eva)
    # the session, the participant, the mentorship with its pair and program, the invitation with its
    # meeting: the same however big the program is.
    with django_assert_num_queries(4):
        assert client.get(answer_url(mentorships["a"], invitation)).status_code == 200
