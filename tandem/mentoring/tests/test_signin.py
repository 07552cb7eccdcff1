"""Participants sign in with a one-time link; the sign-in page never tells whether an address is known."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tandem.mentoring import signin
from tandem.mentoring.models import Participant, SignInLink, hash_token
from tandem.mentoring.tests.people import active_pair, sign_in
from tandem.outbox.models import OutboxMessage
from tandem.pairs import publishing
from tandem.pairs.models import Pair

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("space:sign_in")


def links_sent() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind="mentoring/emails/sign_in_link").order_by("id"))


def link_path(message: OutboxMessage) -> str:
    return re.search(r"https?://[^/\s]+(/space/sign-in/[^/\s]+/)", message.body_text).group(1)


def ask(client, email: str, **extra):
    return client.post(
        SIGN_IN, {"email": email, "lang": "en", **extra}, REMOTE_ADDR=extra.pop("ip", "10.0.0.1")
    )


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, mentorships):
    known = ask(client, "amira.haddad@example.org")
    unknown = ask(client, "nobody@example.org", ip="10.0.0.2")
    assert known.status_code == unknown.status_code == 200
    strip = lambda response: re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())  # noqa: E731  CSRF
    assert strip(known) == strip(unknown)
    assert "we have sent a sign-in link" in strip(known)
    assert [m.to for m in links_sent()] == [["amira.haddad@example.org"]]
    assert not Participant.objects.filter(email="nobody@example.org").exists()


def test_a_person_whose_pair_was_dissolved_gets_no_link(client, mentorships):
    pair = mentorships["b"].pair
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.DISSOLVED)
    mentorships["b"].status = "ended"
    mentorships["b"].save()
    ask(client, pair.mentee.email)
    assert links_sent() == []


def test_the_link_is_asked_for_in_any_letter_case_and_signs_in_once(client, mentorships, amira):
    ask(client, "AMIRA.haddad@EXAMPLE.ORG")
    (message,) = links_sent()
    participant = Participant.objects.get()
    assert participant.email == "amira.haddad@example.org" and participant.language == "ar"
    assert "30 minutes" in message.body_text  # in the language of the page she asked from
    path = link_path(message)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert SignInLink.objects.get().token_hash == hash_token(token)  # only the hash is stored
    assert not SignInLink.objects.filter(token_hash=token).exists()

    page = client.get(path)  # what a mail scanner does: nothing is used up
    assert page.status_code == 200 and '<html lang="ar" dir="rtl">' in page.content.decode()
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("space:index")
    assert client.session[signin.SESSION_KEY] == participant.pk
    assert client.session.get_expiry_age() == settings.PARTICIPANT_SESSION_DAYS * 24 * 3600
    assert client.get(reverse("space:index"))["Location"] == reverse("space:pair", args=[mentorships["a"].pk])

    used = client.post(path)
    assert used.status_code == 410 and used["Content-Language"] == "ar"
    assert 'id="link-refused"' in used.content.decode() and 'name="email"' in used.content.decode()


def test_an_expired_link_gets_a_clear_page_offering_a_new_one(client, mentorships, amira, now):
    url = signin.space_link_for_application(mentorships["a"].pair.mentor, now)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    with time_machine.travel(now + signin.SPACE_LINK_VALID + timedelta(seconds=1)):
        for response in (client.get(path), client.post(path)):
            html = response.content.decode()
            assert response.status_code == 410
            assert "för gammal" in html and 'name="email"' in html and '<html lang="sv"' in html
    assert signin.SESSION_KEY not in client.session


def test_an_unknown_link_gets_a_clear_page(client):
    response = client.get(reverse("space:sign_in_link", args=["not-a-token"]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We do not know this sign-in link" in html and "Send me a sign-in link" in html
    assert client.post(reverse("space:sign_in_link", args=["not-a-token"])).status_code == 200


def test_a_sign_in_link_follows_only_a_path_inside_the_space(mentorships, now):
    participant = signin.participant_for(mentorships["a"].pair.mentee)
    for unsafe in ("https://evil.example/space/", "//evil.example/space/", "/programs/1/"):
        signin.space_link(participant, now=now, next_path=unsafe)
    assert set(SignInLink.objects.values_list("next_path", flat=True)) == {""}


def test_a_link_requested_for_a_page_leads_back_to_it(client, mentorships):
    goals = reverse("space:goals", args=[mentorships["a"].pk])
    response = client.get(goals)
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    ask(client, mentorships["a"].pair.mentor.email, next=goals)
    response = client.post(link_path(links_sent()[0]))
    assert response["Location"] == goals


def test_at_most_five_links_an_hour_per_address_and_per_client(client, mentorships):
    email = mentorships["a"].pair.mentor.email
    for _ in range(7):
        assert ask(client, email).status_code == 200
    assert len(links_sent()) == 5
    other = mentorships["b"].pair.mentee.email
    ask(client, other)  # the same client address, over its limit
    assert len(links_sent()) == 5
    ask(client, other, ip="10.9.9.9")
    assert len(links_sent()) == 6


def test_signing_out_ends_the_participant_session(client, mentorships, amira):
    sign_in(client, amira)
    assert client.get(reverse("space:pair", args=[mentorships["a"].pk])).status_code == 200
    response = client.post(reverse("space:sign_out"))
    assert response.status_code == 302
    assert client.get(reverse("space:pair", args=[mentorships["a"].pk])).status_code == 302
    assert client.get(reverse("space:sign_out")).status_code == 405


def test_a_participant_is_no_staff_member_and_a_staff_member_no_participant(
    client, mentorships, amira, program, coordinator
):
    sign_in(client, amira)
    for url in (
        reverse("programs:list"),
        reverse("pairs:pair_list", args=[program.pk]),
        reverse("mentoring:pair", args=[program.pk, mentorships["a"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.post(reverse("space:sign_out"))
    client.force_login(coordinator)
    response = client.get(reverse("space:pair", args=[mentorships["a"].pk]))
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    assert client.get(reverse("mentoring:pair", args=[program.pk, mentorships["a"].pk])).status_code == 200


def test_the_pair_confirmed_email_carries_a_link_to_the_space(client, program, now):
    pair = active_pair(program, ("Daniel", "Tesfay"), ("Sara", "Lind"), now=now, mentee={"language": "en"})
    Pair.objects.filter(pk=pair.pk).update(
        status="awaiting", mentor_answer="", mentor_answered_at=None, answer_deadline=now + timedelta(days=3)
    )
    publishing.answer_introduction(pair, "mentor", accept=True, now=now)
    confirmed = OutboxMessage.objects.filter(kind="pairs/emails/confirmed").order_by("id")
    assert confirmed.count() == 2
    to_daniel = next(m for m in confirmed if m.to == [pair.mentee.email])
    assert "Your own space for the mentorship" in to_daniel.body_text
    path = link_path(to_daniel)
    assert client.post(path).status_code == 302
    assert Participant.objects.get(pk=client.session[signin.SESSION_KEY]).email == pair.mentee.email.lower()
