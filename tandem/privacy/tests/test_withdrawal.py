"""Withdrawing consent from the link in an e-mail: confirm, the part in the program ends the documented way
(the other side told politely), and the person is anonymised."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from tandem.applications.emails import send_application_received
from tandem.mentoring.emails import send_coordinator_notice
from tandem.mentoring.models import Mentorship
from tandem.mentoring.tests.people import two_pairs
from tandem.outbox.models import OutboxMessage
from tandem.pairs.models import Pair
from tandem.pairs.tests.people import make_application
from tandem.privacy.models import Anonymised
from tandem.privacy.withdrawal import forget_token

LINK = re.compile(r"http://[^\s\"<>]+/privacy/forget/[^\s\"<>]+/")


def forget_path(message: OutboxMessage) -> str:
    found = LINK.search(message.body_text)
    assert found, message.body_text
    assert found.group(0) in message.body_html
    return "/" + found.group(0).split("://", 1)[1].split("/", 1)[1]


def test_an_e_mail_to_an_applicant_carries_the_link_and_one_to_staff_does_not(program, coordinator):
    applicant = make_application(program, "mentee", "Amal", "Haddad", status="received", language="ar")
    send_application_received(applicant)
    mentorships = two_pairs(program, now=timezone.now())
    send_coordinator_notice(mentorships["a"], event="help")

    received = OutboxMessage.objects.get(kind="applications/emails/received")
    assert LINK.search(received.body_text) and "</body>" in received.body_html
    notice = OutboxMessage.objects.get(kind="mentoring/emails/coordinator_notice", to=[coordinator.email])
    assert not LINK.search(notice.body_text)


def test_a_participant_withdraws_the_mentorship_ends_and_the_other_side_is_told(client, program, coordinator):
    mentorships = two_pairs(program, now=timezone.now())
    mentorship = mentorships["a"]
    amira, eva = mentorship.pair.mentee, mentorship.pair.mentor
    path = f"/privacy/forget/{forget_token(program.pk, amira.email)}/"

    page = client.get(path)
    assert page.status_code == 200 and page["Content-Language"] == "ar"
    assert 'lang="ar"' in page.content.decode()
    assert not Anonymised.objects.exists(), "a GET changes nothing"

    done = client.post(path)
    assert done.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED and mentorship.ended_by_side == "mentee"
    amira.refresh_from_db()
    assert amira.first_name == "[anonymised]" and amira.status == "withdrawn"
    assert Anonymised.objects.get(application=amira).cause == "withdrawal"
    note = OutboxMessage.objects.get(kind="privacy/emails/pair_ended")
    assert note.to == [eva.email] and "Your mentee has left the program" not in note.body_text  # Swedish
    assert "adept" in note.body_text.lower()
    assert OutboxMessage.objects.filter(kind="mentoring/emails/coordinator_notice").exists()
    assert not OutboxMessage.objects.filter(to__icontains="amira").exists()
    after = client.get(done["Location"])
    assert after.status_code == 200


def test_a_waiting_introduction_is_declined_as_through_the_answer_link(client, program):
    now = timezone.now()
    mentee = make_application(program, "mentee", "Daniel", "Osei", language="en")
    mentor = make_application(program, "mentor", "Sara", "Lind", language="en")
    pair = Pair.objects.create(
        program=program,
        mentee=mentee,
        mentor=mentor,
        status=Pair.Status.AWAITING,
        published_at=now,
        answer_deadline=now + timedelta(days=7),
    )

    client.post(f"/privacy/forget/{forget_token(program.pk, mentee.email)}/")

    pair.refresh_from_db()
    assert pair.status == Pair.Status.DECLINED and pair.mentee_answer == "decline"
    cancelled = OutboxMessage.objects.get(kind="pairs/emails/cancelled")
    assert cancelled.to == [mentor.email]
    assert Anonymised.objects.filter(application=mentee).exists()


def test_an_applicant_withdraws_from_the_link_in_the_confirmation(client, program):
    applicant = make_application(program, "mentee", "Amal", "Haddad", status="received", language="en")
    send_application_received(applicant)
    path = forget_path(OutboxMessage.objects.get(kind="applications/emails/received"))

    assert "Withdraw your consent" in client.get(path).content.decode()
    done = client.post(path)

    applicant.refresh_from_db()
    assert applicant.status == "withdrawn" and applicant.email == ""
    assert "Your information has been deleted" in client.get(done["Location"]).content.decode()
    again = client.get(path)  # Swedish now: nothing tells the person's language any more
    assert "Vi har inte längre några uppgifter om dig" in again.content.decode()


@pytest.mark.parametrize("token", ["nonsense", forget_token(1, "x@example.org")[:-3] + "abc"])
def test_a_forged_link_is_not_found(client, db, token):
    assert client.get(f"/privacy/forget/{token}/").status_code == 404


def test_the_link_names_nobody(program):
    token = forget_token(program.pk, "Par18.Mentor@demo.tandem.invalid")
    payload = signing.b64_decode(token.split(":")[0].encode()).decode()
    assert "@" not in payload and "par18" not in payload.lower() and "mentor" not in token.lower()


def test_the_confirmation_says_what_happens_offers_a_way_back_and_a_contact(client, program):
    program.organisation.reply_to_email = "mentor@framat.example"
    program.organisation.save()
    mentorship = two_pairs(program, now=timezone.now())["a"]
    mentor = mentorship.pair.mentor
    path = f"/privacy/forget/{forget_token(program.pk, mentor.email)}/"

    page = client.get(path).content.decode()
    assert "Detta går inte att ångra" in page and "Nej, behåll mina uppgifter" in page
    assert "mentor@framat.example" in page and "pausa" in page
    kept = client.get(path + "?kept=1").content.decode()
    assert "Ingenting har ändrats" in kept
    assert not Anonymised.objects.exists()


def test_an_expired_link_changes_nothing_and_says_whom_to_ask(client, program, settings):
    settings.WITHDRAWAL_LINK_DAYS = 30
    applicant = make_application(program, "mentee", "Amal", "Haddad", status="received", language="ar")
    program.organisation.reply_to_email = "fragor@framat.example"
    program.organisation.save()
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        path = f"/privacy/forget/{forget_token(program.pk, applicant.email)}/"

    page = client.get(path)
    assert page.status_code == 200 and page["Content-Language"] == "ar"
    assert "fragor@framat.example" in page.content.decode()
    assert "Yes, withdraw" not in page.content.decode() and "<form" not in page.content.decode()
    client.post(path)
    applicant.refresh_from_db()
    assert applicant.status == "received" and not Anonymised.objects.exists()
