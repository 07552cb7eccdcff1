"""In the pair's space in Arabic, the other side's e-mail address, phone number and the calendar feed are
left-to-right islands; the e-mails isolate their links in plain text; names inside translated sentences
are <bdi> islands."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tandem.lib.templatetags.tandem_format import LRI
from tandem.mentoring import reminders
from tandem.mentoring.tests.people import sign_in
from tandem.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_amiras_arabic_space_isolates_her_mentors_address_phone_and_calendar_link(
    client, mentorships, amira, eva
):
    sign_in(client, amira)
    page = client.get(reverse("space:pair", args=[mentorships["a"].pk])).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    program = mentorships["a"].pair.program
    assert f'<p class="text-muted mb-2" dir="auto">{program.name}</p>' in page  # the coordinator's Swedish
    assert f"<dd><bdi>{eva.first_name} {eva.last_name}</bdi></dd>" in page
    assert f'<a href="mailto:{eva.email}" dir="ltr">{eva.email}</a>' in page
    assert 'id="calendar-url" aria-labelledby="calendar-heading" dir="ltr"' in page
    settings_page = client.get(reverse("space:settings", args=[mentorships["a"].pk])).content.decode()
    assert '<bdi dir="ltr">070-111 22 33</bdi>' in settings_page


def test_the_arabic_sign_in_e_mail_isolates_its_link(client, mentorships, amira, eva):
    client.post(reverse("space:sign_in"), {"email": amira.email, "lang": "ar"}, REMOTE_ADDR="10.0.0.9")
    message = OutboxMessage.objects.get(kind="mentoring/emails/sign_in_link")
    assert re.search("\nhttps?://[^\\s]+/space/sign-in/[^\\s]+/\n", message.body_text)  # a bare link line
    assert f"{LRI}http" not in message.body_text
    # In Swedish the marks would only be noise.
    client.post(reverse("space:sign_in"), {"email": eva.email, "lang": "sv"}, REMOTE_ADDR="10.0.0.8")
    swedish = OutboxMessage.objects.filter(kind="mentoring/emails/sign_in_link").exclude(pk=message.pk).get()
    assert "/space/sign-in/" in swedish.body_text and LRI not in swedish.body_text


def test_names_inside_arabic_sentences_are_isolated_on_the_pages_and_in_the_html_e_mails(
    client, mentorships, amira, eva
):
    sign_in(client, amira)
    page = client.get(reverse("space:pair", args=[mentorships["a"].pk])).content.decode()
    with translation.override("ar"):
        heading = gettext("Your mentor: %(name)s") % {"name": f"<bdi>{eva.first_name}</bdi>"}
    assert heading != f"Your mentor: <bdi>{eva.first_name}</bdi>"  # in Arabic
    assert f"<h1>{heading}</h1>" in page
    handbook = client.get(reverse("handbook_space:page", args=[mentorships["a"].pk])).content.decode()
    program = mentorships["a"].pair.program
    assert f"<bdi>{program.name}</bdi>" in handbook.split("<h1>")[1].split("</h1>")[0]

    second = mentorships["a"].planned_meetings.order_by("planned_on")[1]
    with time_machine.travel(second.planned_on - timedelta(days=3), tick=False):
        reminders.send_due_meeting_reminders(now=timezone.now())
    arabic = OutboxMessage.objects.get(kind="mentoring/emails/meeting_reminder", to=[amira.email.lower()])
    assert f"<bdi>{amira.first_name}</bdi>" in arabic.body_html
    assert f"<bdi>{eva.first_name}</bdi>" in arabic.body_html
    swedish = OutboxMessage.objects.get(kind="mentoring/emails/meeting_reminder", to=[eva.email.lower()])
    assert f"Hej <bdi>{eva.first_name}</bdi>" in swedish.body_html  # harmless in a left-to-right language
