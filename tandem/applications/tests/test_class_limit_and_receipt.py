"""A class applies together from one address (issue 13, item 19), and the receipt says when the applicant
hears back (item 21)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application
from tandem.applications.ratelimit import allow_submission
from tandem.applications.tests.helpers import MENTEE_ANSWERS, fill_pages, summary_url
from tandem.applications.tests.test_withdraw import sent_application
from tandem.audit.models import AuditEvent
from tandem.outbox.models import OutboxMessage


def test_by_default_a_class_of_sixty_applies_from_one_address_and_each_e_mail_still_has_its_limit(db):
    class_of_sixty = [allow_submission("198.51.100.20", f"student{n}@example.org") for n in range(60)]
    same_person_again = [allow_submission("198.51.100.21", "amal@example.org") for _ in range(6)]

    assert all(class_of_sixty)
    assert allow_submission("198.51.100.20", "student61@example.org") is False
    assert same_person_again == [True] * 5 + [False]


def raise_limit(client, form, **data):
    return client.post(reverse("applications:form_address_limit", kwargs={"pk": form.pk}), data)


def test_a_coordinator_raises_the_limit_for_an_event_until_a_time_and_it_is_audited(
    client, coordinator, mentee_form, settings
):
    settings.APPLICATION_ADDRESS_RATE_LIMIT = 1
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)
    until = timezone.localtime() + timedelta(hours=3)

    response = raise_limit(client, mentee_form, limit="3", until=until.strftime("%Y-%m-%dT%H:%M"))

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Raised to 3 an hour until" in page
    event = AuditEvent.objects.get(action="application_form.address_limit_changed")
    assert event.actor == coordinator and event.data["limit"] == 3
    # Three applicants of the class send from the same browser address: all three get through.
    applicant = client.__class__(REMOTE_ADDR="203.0.113.50")
    for number in range(3):
        contact = {**MENTEE_ANSWERS["contact"], "email": f"student{number}@example.org"}
        fill_pages(applicant, mentee_form, {**MENTEE_ANSWERS, "contact": contact})
        token = applicant.get(summary_url(mentee_form)).context["token"]
        assert applicant.post(summary_url(mentee_form), {"token": token}).status_code == 302
    assert Application.objects.count() == 3
    # After the event, the usual limit is back by itself.
    with time_machine.travel(until + timedelta(minutes=1)):
        mentee_form.refresh_from_db()
        assert mentee_form.address_limit_at(timezone.now()) == 1


def test_a_limit_ending_in_the_past_is_refused_next_to_its_field(client, coordinator, mentee_form):
    client.cookies["django_language"] = "en"
    client.force_login(coordinator)
    past = timezone.localtime() - timedelta(hours=1)

    response = raise_limit(client, mentee_form, limit="100", until=past.strftime("%Y-%m-%dT%H:%M"))

    assert response.status_code == 400
    assert 'id="id_until_error"' in response.content.decode()
    assert "The end must be in the future." in response.content.decode()
    mentee_form.refresh_from_db()
    assert mentee_form.address_limit is None
    assert not AuditEvent.objects.filter(action="application_form.address_limit_changed").exists()


def test_the_usual_limit_comes_back_at_once_when_asked(client, coordinator, mentee_form):
    mentee_form.address_limit, mentee_form.address_limit_until = 500, timezone.now() + timedelta(hours=2)
    mentee_form.save()
    client.force_login(coordinator)

    raise_limit(client, mentee_form, reset="1")

    mentee_form.refresh_from_db()
    assert mentee_form.address_limit is None and mentee_form.address_limit_at(timezone.now()) == 60


def test_the_receipt_says_when_the_applicant_hears_back_from_the_date_the_coordinator_set(mentee_form):
    mentee_form.answer_by = dt.date(2027, 3, 15)
    mentee_form.save()

    sent_application(mentee_form, language="sv")

    message = OutboxMessage.objects.get(kind="applications/emails/received")
    assert "15 mars 2027" in message.body_text and "15 mars 2027" in message.body_html


def test_without_a_date_the_receipt_counts_weeks_from_the_close_in_the_applicants_language(mentee_form):
    mentee_form.closes_at = dt.datetime(2027, 2, 26, 12, 0, tzinfo=dt.UTC)
    mentee_form.answer_weeks = 2
    mentee_form.save()

    sent_application(mentee_form, language="en")

    body = OutboxMessage.objects.get().body_text
    assert "You will hear from us by 12 March 2027" in body, body


def test_a_form_without_a_close_or_a_date_names_no_date(mentee_form):
    sent_application(mentee_form, language="en")

    assert "You will hear from us by" not in OutboxMessage.objects.get().body_text
