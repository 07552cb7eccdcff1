"""A participant reaches their own pair's space and nothing of another pair's."""

import pytest
from django.urls import reverse

from tandem.mentoring.models import GoalComment, HelpRequest, PersonalGoal
from tandem.mentoring.tests.access_table import SPACE_CHANGES, SPACE_PAGES
from tandem.mentoring.tests.people import sign_in

pytestmark = pytest.mark.django_db


def test_a_participant_of_pair_a_gets_404_for_everything_of_pair_b(client, mentorships, amira, now):
    b = mentorships["b"]
    goal = PersonalGoal.objects.create(mentorship=b, text="Bashirs mål", order=1)
    sign_in(client, amira)
    for name in SPACE_PAGES:
        assert client.get(reverse(name, args=[mentorships["a"].pk])).status_code == 200, name
        assert client.get(reverse(name, args=[b.pk])).status_code == 404, name
    for name, data in SPACE_CHANGES.items():
        assert client.post(reverse(name, args=[b.pk]), data).status_code == 404, name
    goals_b = reverse("space:goals", args=[b.pk])
    for action in ("comment", "rate", "remove"):
        data = {"action": action, "goal": goal.pk, "text": "Hej", "rating": "3"}
        assert client.post(goals_b, data).status_code == 404
        # nor through her own pair's page with pair B's goal
        assert client.post(reverse("space:goals", args=[mentorships["a"].pk]), data).status_code == 404
    for action in ("pause", "end", "resume"):
        data = {"action": action, "reason": "other", "text": "x", "confirm": "on"}
        assert client.post(reverse("space:help", args=[b.pk]), data).status_code == 404
    assert client.get(reverse("space:pair", args=[999999])).status_code == 404
    b.refresh_from_db()
    goal.refresh_from_db()
    assert b.status == "running" and goal.removed_at is None
    assert not GoalComment.objects.exists() and not HelpRequest.objects.exists()


def test_the_mentor_reaches_the_same_pair_from_the_other_side(client, mentorships, eva):
    sign_in(client, eva)
    html = client.get(reverse("space:pair", args=[mentorships["a"].pk])).content.decode()
    assert '<html lang="sv" dir="ltr">' in html and "Din adept: <bdi>Amira</bdi>" in html
    assert client.get(reverse("space:pair", args=[mentorships["b"].pk])).status_code == 404


def test_the_index_lists_a_participants_mentorships_and_goes_straight_to_a_single_one(
    client, mentorships, amira
):
    sign_in(client, amira)
    response = client.get(reverse("space:index"))
    assert response["Location"] == reverse("space:pair", args=[mentorships["a"].pk])
