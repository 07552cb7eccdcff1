"""An Arabic-speaking mentee reads links and e-mail addresses left to right on the answer page and in the
introduction and confirmation e-mails, with the punctuation where it belongs; names stay isolated."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tandem.applications.models import Application, ApplicationForm
from tandem.lib.templatetags.tandem_format import FSI, LRI, PDI
from tandem.outbox.models import OutboxMessage
from tandem.pairs import publishing, services
from tandem.pairs.models import Pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def amira_pair(program, cohort, coordinator, now):
    form = ApplicationForm.objects.create(
        program=program, role="mentee", contact_email="mentorskap@framat.example"
    )
    Application.objects.filter(program=program, role="mentee").update(form=form)
    run = services.start_run(program, by=coordinator, now=now)
    publishing.publish_run(run, by=coordinator, now=now)
    return Pair.objects.select_related("mentee", "mentor").get(mentee__first_name="Amira")


def _to(kind: str, email: str) -> OutboxMessage:
    return OutboxMessage.objects.get(kind=f"pairs/emails/{kind}", to=[email])


def test_the_arabic_introduction_isolates_the_answer_link_and_the_organisers_address(amira_pair):
    email = _to("introduction", amira_pair.mentee.email)
    # A link stands on a line of its own, without marks a mail program would take into it.
    assert re.search("\nhttps?://[^\\s]+/\n", email.body_text) and f"{LRI}http" not in email.body_text
    assert re.search(r'<a href="https?://[^"]+" dir="ltr">https?://', email.body_html)
    assert f"{LRI}mentorskap@framat.example{PDI}." in email.body_text
    assert (
        '<a href="mailto:mentorskap@framat.example" dir="ltr">mentorskap@framat.example</a>.'
        in email.body_html
    )


def test_the_arabic_answer_page_and_confirmation_isolate_addresses_and_names(client, amira_pair):
    mentee, mentor = amira_pair.mentee, amira_pair.mentor
    url = reverse("pair_answer:answer", kwargs={"token": amira_pair.token_of("mentee")})
    page = client.get(url).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<a href="mailto:mentorskap@framat.example" dir="ltr">' in page

    client.post(url, {"answer": "accept"})
    client.post(
        reverse("pair_answer:answer", kwargs={"token": amira_pair.token_of("mentor")}), {"answer": "accept"}
    )
    email = _to("confirmed", mentee.email)
    # The mentor's Latin name and address keep their order inside the Arabic sentence.
    assert f"{FSI}{mentor.first_name} {mentor.last_name}{PDI}, {LRI}{mentor.email}{PDI}" in email.body_text
    assert (
        f'<bdi>{mentor.first_name} {mentor.last_name}</bdi>, <a href="mailto:{mentor.email}" dir="ltr">'
        in (email.body_html)
    )
    # The mentor reads Swedish or English: no isolates, which would only be noise there.
    assert LRI not in _to("confirmed", mentor.email).body_text
