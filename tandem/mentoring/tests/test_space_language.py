"""The space's language switch: the participant's choice is remembered on their record (every device, and
our e-mails to them), and the pair's tabs fit a phone in one row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.mentoring.models import Participant
from tandem.mentoring.tests.people import sign_in

pytestmark = pytest.mark.django_db


def test_amira_switches_her_space_from_arabic_to_english_and_it_is_remembered(client, mentorships, amira):
    sign_in(client, amira)
    my_pair = reverse("space:pair", args=[mentorships["a"].pk])
    page = client.get(my_pair)
    assert page["Content-Language"] == "ar"
    assert '<select id="space-language" name="language"' in page.text
    assert 'value="ar" lang="ar" dir="rtl" selected' in page.text

    response = client.post(reverse("space:language"), {"language": "en", "next": my_pair})

    assert response.status_code == 302 and response["Location"] == my_pair
    assert Participant.objects.get(email=amira.email.lower()).language == "en"
    page = client.get(my_pair)
    assert page["Content-Language"] == "en" and '<html lang="en" dir="ltr">' in page.text
    assert "Your mentor: <bdi>Eva</bdi>" in page.text


def test_a_language_tandem_does_not_write_or_a_foreign_next_changes_nothing(client, mentorships, eva):
    sign_in(client, eva)
    response = client.post(reverse("space:language"), {"language": "fi", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("space:index")
    assert Participant.objects.get(email=eva.email.lower()).language == "sv"


def test_the_tabs_are_one_scrollable_row(client, mentorships, eva):
    sign_in(client, eva)
    page = client.get(reverse("space:pair", args=[mentorships["a"].pk])).text
    assert 'class="nav nav-pills space-tabs' in page and "flex-wrap py-2" not in page
