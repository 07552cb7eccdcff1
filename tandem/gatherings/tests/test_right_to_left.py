"""An Arabic invitation to a common meeting keeps the time range, the Swedish address and the links in
their order: left-to-right islands in the HTML and the plain text, and on the answer page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation

from tandem.gatherings.models import Invitation
from tandem.gatherings.tests.helpers import a_meeting, invited
from tandem.lib.templatetags.tandem_format import FSI, LRI, PDI
from tandem.outbox.models import OutboxMessage
from tandem.reference.languages import language_name

pytestmark = pytest.mark.django_db
AMIRA = "amira.haddad@example.org"


def test_the_arabic_invitation_and_answer_page_isolate_times_address_and_links(
    client, program, mentorships, now
):
    gathering = a_meeting(
        program,
        now=now,
        video_link="https://meet.example.org/tandem-uppstart",
        agenda="Vi träffas 18.00. Ta med CV!",
    )
    invited(gathering, now=now)
    [message] = OutboxMessage.objects.filter(to=[AMIRA])
    times = f"{timezone.localtime(gathering.starts_at):%H:%M}–{timezone.localtime(gathering.ends_at):%H:%M}"
    # "18:00–20:00" would read "20:00–18:00" inside Arabic text.
    assert f"{LRI}{times}{PDI}" in message.body_text
    assert f'<bdi dir="ltr">{times}</bdi>' in message.body_html
    assert f"{FSI}Folkets hus, Järntorget 1, Göteborg{PDI}" in message.body_text
    assert "\nhttps://meet.example.org/tandem-uppstart\n" in message.body_text  # links: bare, no marks
    assert f"{LRI}http" not in message.body_text and "?answer=yes\n" in message.body_text
    assert "<bdi>Folkets hus, Järntorget 1, Göteborg</bdi>" in message.body_html
    assert '<a href="https://meet.example.org/tandem-uppstart" dir="ltr">' in message.body_html

    invitation = Invitation.objects.get(gathering=gathering, email=AMIRA)
    page = client.get(f"/meeting-answer/{invitation.token}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    # what the coordinator wrote (Swedish) stands in blocks of its own direction on the Arabic page
    assert '<p dir="auto">Folkets hus, Järntorget 1, Göteborg</p>' in page
    assert '<p dir="auto">Vi träffas 18.00. Ta med CV!</p>' in page
    assert '<h1 dir="auto">Uppstartsträff</h1>' in page
    assert f'<p class="text-muted mb-2" dir="auto">{program.name}</p>' in page
    assert '<a href="https://meet.example.org/tandem-uppstart" dir="ltr">' in page
    assert f'<bdi dir="ltr">{times}</bdi>' in page


def test_the_languages_and_the_date_are_listed_with_the_arabic_comma_in_arabic(
    client, program, mentorships, now
):
    gathering = a_meeting(program, now=now, languages="sv, ar")
    invited(gathering, now=now)
    [message] = OutboxMessage.objects.filter(to=[AMIRA])
    invitation = Invitation.objects.get(gathering=gathering, email=AMIRA)
    page = client.get(f"/meeting-answer/{invitation.token}/").content.decode()
    with translation.override("ar"):
        languages = f"{language_name('sv')}، {language_name('ar')}"
    for html in (message.body_html, page):
        assert languages in html
        assert re.search(r"\d{4}، <bdi dir=\"ltr\">", html)  # the day, the Arabic comma, the time
    with translation.override("sv"):
        assert gathering.language_names() == "Svenska, Arabiska"
