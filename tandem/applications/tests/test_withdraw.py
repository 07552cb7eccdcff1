"""The applicant withdraws through the link in the confirmation e-mail."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tandem.applications.services import Submission, change_status, current_consent, submit_application
from tandem.applications.tests.helpers import TOKENS
from tandem.outbox.models import OutboxMessage


def sent_application(form, language="en"):
    return submit_application(
        form,
        Submission(
            language=language,
            values={"first_name": "Amira", "last_name": "Haddad", "email": "amira@example.org"},
            consent=current_consent(form, language),
        ),
        token=TOKENS["t"],
        now=timezone.now(),
    )


def test_the_link_asks_first_then_withdraws_and_a_second_visit_says_it_is_done(client, mentee_form):
    application = sent_application(mentee_form)
    url = reverse("apply:withdraw", args=[application.withdraw_token])

    page = client.get(url).content.decode()
    assert "Do you want to withdraw application" in page and application.reference in page
    application.refresh_from_db()
    assert application.status == "received"  # a visit alone changes nothing

    response = client.post(url)
    assert response.status_code == 302
    assert "Your application is withdrawn" in client.get(response["Location"]).content.decode()
    application.refresh_from_db()
    assert application.status == "withdrawn"
    change = application.status_changes.last()
    assert (change.by, change.reason_code) == (None, "withdrawn_by_applicant")

    again = client.get(url).content.decode()
    assert "Your application is already withdrawn" in again
    client.post(url)
    assert application.status_changes.count() == 2


def test_the_withdraw_page_speaks_the_applicants_language(client, mentee_form):
    application = sent_application(mentee_form, language="ar")
    response = client.get(reverse("apply:withdraw", args=[application.withdraw_token]))
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "نعم، اسحب طلبي" in page
    assert response["Content-Language"] == "ar"


def test_a_closed_application_cannot_be_withdrawn_here(client, mentee_form, coordinator):
    application = sent_application(mentee_form)
    change_status(application, "rejected", by=coordinator, now=timezone.now())
    url = reverse("apply:withdraw", args=[application.withdraw_token])

    assert "cannot be withdrawn here" in client.get(url).content.decode()
    client.post(url)
    application.refresh_from_db()
    assert application.status == "rejected"


def test_an_unknown_token_is_not_found(client, mentee_form):
    assert client.get(reverse("apply:withdraw", args=["no-such-token"])).status_code == 404


def test_a_withdrawal_is_confirmed_by_email_in_the_applicants_language(client, mentee_form):
    """Issue 13, item 21: the applicant gets a receipt, once, with the reference number."""
    application = sent_application(mentee_form, "ar")
    url = reverse("apply:withdraw", args=[application.withdraw_token])

    client.post(url)
    client.post(url)  # a second click sends nothing more

    (receipt,) = OutboxMessage.objects.filter(kind="applications/emails/withdrawn")
    assert receipt.to == [application.email]
    assert receipt.subject == f"تم سحب طلبك – \u2066{application.reference}\u2069"  # isolated left to right
    assert application.reference in receipt.body_text
    assert '<html lang="ar" dir="rtl">' in receipt.body_html
