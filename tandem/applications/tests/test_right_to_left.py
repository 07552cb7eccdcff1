"""An applicant who applies in Arabic reads phone numbers, reference numbers, e-mail addresses and links
left to right, with the punctuation where it belongs, on the pages and in the e-mails; names in another
language than the page say which."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tandem.applications.models import Application
from tandem.applications.tests.helpers import MENTEE_ANSWERS, fill_pages, send, summary_url
from tandem.lib.templatetags.tandem_format import LRI, PDI
from tandem.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_arabic_summary_isolates_phone_and_e_mail_and_marks_swedish_names(client, mentee_form):
    fill_pages(client, mentee_form, lang="ar")
    page = client.get(summary_url(mentee_form, "ar")).content.decode()
    assert '<bdi dir="ltr">070-123 45 67</bdi>' in page
    assert '<bdi dir="ltr">amira@example.org</bdi>' in page
    assert '<span lang="sv">Malmö</span>' in page  # a Swedish place name on an Arabic page
    assert "محاسبون ومدققو حسابات (2411)" in page  # our Arabic title of the occupation, no lang needed
    assert 'href="mailto:mentorskap@framat.example"' in page and 'dir="ltr"' in page


def test_the_arabic_e_mails_isolate_reference_address_and_link(client, mentee_form):
    fill_pages(client, mentee_form, lang="ar")
    send(client, mentee_form, "ar")
    application = Application.objects.get()
    reference = application.reference
    email = OutboxMessage.objects.get()
    # Plain text: Unicode isolates around the reference, the address (before the full stop) and the link.
    assert f"{LRI}{reference}{PDI}" in email.body_text
    assert f"{LRI}mentorskap@framat.example{PDI}." in email.body_text
    assert f"{LRI}http" not in email.body_text and f"{application.withdraw_token}/\n" in email.body_text
    assert f"{LRI}{reference}{PDI}" in email.subject
    # HTML: <bdi dir="ltr"> and dir="ltr" on the links.
    assert f'<bdi dir="ltr">{reference}</bdi>' in email.body_html
    assert 'dir="ltr">mentorskap@framat.example</a>.' in email.body_html
    assert f'/{application.withdraw_token}/" dir="ltr">' in email.body_html
    # The withdraw page too.
    page = client.get(reverse("apply:withdraw", args=[application.withdraw_token])).content.decode()
    assert f'<bdi dir="ltr">{reference}</bdi>' in page


def test_swedish_e_mails_carry_no_isolates(client, mentee_form):
    fill_pages(client, mentee_form, MENTEE_ANSWERS)
    send(client, mentee_form)
    email = OutboxMessage.objects.get()
    assert LRI not in email.body_text and LRI not in email.subject


def test_an_occupation_title_in_another_language_than_the_page_says_which(client, mentee_form):
    from tandem.applications.tests.helpers import step_url

    def results(lang: str, words: str) -> str:
        page = client.post(
            step_url(mentee_form, "occupation", lang),
            {"occupation_wanted_query": words, "search": "occupation_wanted"},
        ).content.decode()
        return page.split('id="occupation_wanted-results"')[1].split("</fieldset>")[0]

    arabic = results("ar", "sjuksköterska")
    assert '<bdi lang="sv" dir="auto">Sjuksköterska</bdi> – <bdi>ممرضون وممرضات</bdi>' in arabic
    assert '<bdi lang="sv" dir="auto">Sjuksköterska, IVA</bdi> – <bdi lang="en">' in arabic
    swedish = results("sv", "auditor")
    assert '<span lang="en">Auditor</span> – Revisorer m.fl.<' in swedish
    assert "(2411)" not in swedish  # an applicant sees no SSYK code where the lines differ anyway
    assert "Auditor – Accountants<" in results("en", "auditor")
    # One word, several groups: the groups' titles tell them apart, so no code is needed.
    physicians = results("en", "doctor")
    labels = re.findall(r'<label class="form-check-label"[^>]*>(.*?)</label>', physicians, re.S)
    assert labels == ["Doctor – Other physicians", "Doctor – Specialist physicians"], labels


def test_a_code_is_shown_only_where_two_lines_would_read_alike(monkeypatch):
    from tandem.applications import public_forms
    from tandem.reference.occupations import OccupationHit

    hits = [
        OccupationHit("2219", "Läkare", "Läkare"),
        OccupationHit("2211", "Läkare", "Läkare"),
        OccupationHit("2411", "Revisor", "Revisorer m.fl."),
    ]
    monkeypatch.setattr(public_forms, "search_occupations", lambda query, language: list(hits))

    class Page:  # what `_occupation_choices` reads of the form
        language, searches = "sv", {"occupation_wanted": "läkare"}
        _hit_label = public_forms.PageForm._hit_label

        def __getitem__(self, key):
            return type("Bound", (), {"value": lambda self: ""})()

    choices, searched = public_forms.PageForm._occupation_choices(Page(), "occupation_wanted")
    assert searched
    assert [label for _code, label in choices] == [
        "Läkare (2219)",
        "Läkare (2211)",
        "Revisor – Revisorer m.fl.",
    ]
