"""After publishing: both sides answer through their own link, reminders go out once, and the
coordinator follows the answers and can dissolve a pair later."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import EN
from tandem.outbox.models import OutboxMessage
from tandem.pairs import publishing, services, tasks
from tandem.pairs.emails import participant_language
from tandem.pairs.engine_input import load_cohort
from tandem.pairs.models import Pair, PairConstraint

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(program, cohort, coordinator, now):
    run = services.start_run(program, by=coordinator, now=now)
    publishing.publish_run(run, by=coordinator, now=now)
    return {p.mentee.first_name: p for p in Pair.objects.select_related("mentee", "mentor")}


def answer_url(pair: Pair, side: str) -> str:
    return reverse("pair_answer:answer", kwargs={"token": pair.token_of(side)})


def sent(kind: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind=f"pairs/emails/{kind}").order_by("id"))


def test_the_answer_page_introduces_the_other_person_in_the_readers_language(client, published):
    daniel = published["Daniel"]
    html = client.get(answer_url(daniel, "mentee")).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Your mentor: Sara" in html and "Nilsson" not in html
    assert "Your occupations match: Lawyers." in html
    html = client.get(answer_url(published["Amira"], "mentee")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مرشدك" in html and "Din mentor" not in html  # a missing Arabic text would fall back to Swedish
    html = client.get(answer_url(daniel, "mentor")).content.decode()
    assert '<html lang="en" dir="ltr">' in html and "Your mentee: Daniel" in html


def test_the_answer_page_has_no_menu_button_with_nothing_behind_it(client, published):
    html = client.get(answer_url(published["Daniel"], "mentee")).content.decode()
    assert "navbar-toggler" not in html and "Tandem" in html
    html = client.get(reverse("pair_answer:answer", kwargs={"token": "no-such-token"})).content.decode()
    assert "navbar-toggler" not in html


def test_when_both_accept_the_pair_is_active_and_both_get_contact_details(client, published):
    pair = published["Daniel"]
    assert client.post(answer_url(pair, "mentee"), {"answer": "accept"}).status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.mentee_answer) == ("awaiting", "accept")
    html = client.get(answer_url(pair, "mentee")).content.decode()
    assert "Thank you, you have accepted. We let you know as soon as Sara has answered." in html

    client.post(answer_url(pair, "mentor"), {"answer": "accept"})
    pair.refresh_from_db()
    assert pair.status == "active" and pair.mentor_answered_at is not None
    confirmations = sent("confirmed")
    assert [m.to[0].split(".")[0] for m in confirmations] == ["daniel", "sara"]
    assert pair.mentor.email in confirmations[0].body_text and "Sara Nilsson" in confirmations[0].body_text
    events = AuditEvent.objects.filter(action="pair.accepted").order_by("id")
    assert [e.data["side"] for e in events] == ["mentee", "mentor"]
    assert all(e.actor is None for e in events)


def test_a_decline_returns_both_to_the_pool_and_the_pair_is_never_proposed_again(client, published, program):
    pair = published["Bashir"]
    client.post(answer_url(pair, "mentee"), {"answer": "accept"})
    client.post(
        answer_url(pair, "mentor"),
        {"answer": "decline", "reason": "Jag byter jobb i vår.", "confirmed": "on"},
    )
    pair.refresh_from_db()
    assert pair.status == "declined" and pair.mentor_decline_reason == "Jag byter jobb i vår."
    pool = load_cohort(program, weights={"occupation": 1}, rules={})
    assert str(pair.mentee_id) in pool.mentee_ids and str(pair.mentor_id) in pool.mentor_ids
    assert PairConstraint.objects.filter(mentee=pair.mentee, mentor=pair.mentor, kind="forbid").exists()
    (cancelled,) = sent("cancelled")
    assert cancelled.to == [pair.mentee.email] and "Jag byter jobb" not in cancelled.body_text
    event = AuditEvent.objects.get(action="pair.declined")
    assert event.data == {"pair": pair.pk, "side": "mentor", "status": "declined", "with_reason": True}


def test_a_used_link_shows_the_answer_and_takes_no_second_one(client, published):
    pair = published["Amira"]
    client.post(answer_url(pair, "mentor"), {"answer": "decline", "confirmed": "on"})
    client.post(answer_url(pair, "mentor"), {"answer": "accept"})
    pair.refresh_from_db()
    assert pair.mentor_answer == "decline" and pair.status == "declined"
    response = client.get(answer_url(pair, "mentor"))
    assert response.status_code == 200
    assert "Tack, du har tackat nej." in response.content.decode()
    assert AuditEvent.objects.filter(action__startswith="pair.").count() == 1


def test_a_stale_link_says_the_introduction_is_closed(client, published, coordinator, now):
    pair = published["Amira"]
    publishing.dissolve_pair(pair, reason="Adepten har flyttat.", by=coordinator, now=now)
    response = client.get(answer_url(pair, "mentee"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 410
    assert response["Content-Language"] == "ar"
    response = client.post(answer_url(pair, "mentor"), {"answer": "accept"})
    assert response.status_code == 410
    assert "Presentationen gäller inte längre." in response.content.decode()
    assert Pair.objects.get(pk=pair.pk).mentor_answer == ""


def test_after_the_deadline_the_link_asks_to_contact_the_organisers(client, published):
    pair = published["Daniel"]
    with time_machine.travel(pair.answer_deadline + timedelta(minutes=1)):
        response = client.post(answer_url(pair, "mentee"), {"answer": "accept"}, follow=True)
    assert response.status_code == 410
    assert "The time to answer has passed. Please contact the organisers." in response.content.decode()
    assert Pair.objects.get(pk=pair.pk).mentee_answer == ""


def test_an_unknown_link_is_not_found(client, published):
    response = client.get(reverse("pair_answer:answer", kwargs={"token": "not-a-token"}), **EN)
    assert response.status_code == 404
    assert "This link does not work." in response.content.decode()


def test_a_declines_reason_that_is_too_long_is_explained_next_to_the_field(client, published):
    pair = published["Daniel"]
    response = client.post(answer_url(pair, "mentee"), {"answer": "decline", "reason": "x" * 1001})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_reason_error"' in html and "Ensure this value has at most 1000 characters" in html
    assert Pair.objects.get(pk=pair.pk).status == "awaiting"


def test_those_who_have_not_answered_get_one_reminder_before_the_deadline(client, published):
    pair = published["Daniel"]
    client.post(answer_url(pair, "mentee"), {"answer": "accept"})
    deadline = pair.answer_deadline
    with time_machine.travel(deadline - timedelta(days=2, minutes=5), tick=False):
        tasks.remind_unanswered_pairs.call_local()
    assert sent("reminder") == []
    with time_machine.travel(deadline - timedelta(days=2) + timedelta(minutes=5), tick=False):
        tasks.remind_unanswered_pairs.call_local()
        tasks.remind_unanswered_pairs.call_local()
    reminders = sent("reminder")
    recipients = sorted(m.to[0].split(".")[0] for m in reminders)
    assert recipients == ["amira", "bashir", "eva", "johan", "sara"], "Daniel has answered"
    english = next(m for m in reminders if m.to[0].startswith("sara"))
    assert "We have not heard from you yet about Daniel as your mentee" in english.body_text
    with time_machine.travel(deadline - timedelta(hours=1), tick=False):
        assert publishing.send_due_reminders(now=deadline - timedelta(hours=1)) == 0


def test_the_coordinator_sees_who_has_not_answered(
    client, coordinator, published, program, django_assert_num_queries
):
    client.post(answer_url(published["Daniel"], "mentee"), {"answer": "accept"})
    client.post(answer_url(published["Amira"], "mentor"), {"answer": "decline", "confirmed": "on"})
    client.force_login(coordinator)
    url = reverse("pairs:pair_list", kwargs={"pk": program.pk})
    # 1 session, 2 user, 3 program, 4 admin membership, 5 program role, 6 the figures (one aggregate),
    # 7 the number of pairs shown, 8 the page of pairs with both people, 9 the audit event, 10 its people
    with django_assert_num_queries(10):
        html = client.get(url, **EN).content.decode()
    assert "3 people have not answered yet." in html
    daniel_row = html.split(f'id="published-pair-{published["Daniel"].pk}"')[1].split("</tr>")[0]
    assert "Accepted" in daniel_row and "Not answered" in daniel_row
    waiting = client.get(url + "?show=waiting", **EN).content.decode()
    assert "Daniel Tesfay" in waiting and "Bashir Rahimi" in waiting and "Amira Haddad" not in waiting


def test_a_pair_is_dissolved_with_a_reason(client, coordinator, published, program):
    pair = published["Bashir"]
    client.force_login(coordinator)
    url = reverse("pairs:dissolve", kwargs={"pk": program.pk, "pair": pair.pk})
    response = client.post(url, {"reason": ""}, **EN)
    assert (
        'id="id_reason_error"' in response.content.decode()
        and "This field is required." in response.content.decode()
    )
    assert Pair.objects.get(pk=pair.pk).status == "awaiting"

    response = client.post(url, {"reason": "Mentorn har blivit sjuk."})
    assert response["Location"] == reverse("pairs:pair_list", kwargs={"pk": program.pk})
    pair.refresh_from_db()
    assert (pair.status, pair.dissolve_reason, pair.dissolved_by) == (
        "dissolved",
        "Mentorn har blivit sjuk.",
        coordinator,
    )
    event = AuditEvent.objects.get(action="pair.dissolved")
    assert event.data == {"pair": pair.pk, "rematch": False} and event.actor == coordinator


def test_rematching_dissolves_forbids_the_pair_and_leads_back_to_matching(
    client, coordinator, published, program
):
    pair = published["Amira"]
    client.force_login(coordinator)
    url = reverse("pairs:dissolve", kwargs={"pk": program.pk, "pair": pair.pk})
    response = client.post(url, {"reason": "Det fungerade inte.", "rematch": "on"})
    assert response["Location"] == reverse("pairs:matching", kwargs={"pk": program.pk})
    assert PairConstraint.objects.filter(mentee=pair.mentee, mentor=pair.mentor, kind="forbid").exists()
    run = services.start_run(program, by=coordinator, now=pair.published_at + timedelta(days=1))
    assert run.mentee_count == 2  # Amira and Fatima are back in the pool
    assert not run.proposed_pairs.filter(mentee=pair.mentee, mentor=pair.mentor).exists()


def test_declining_asks_once_more_before_it_takes_effect(client, published):
    """Issue 13, item 20: a decline cannot be undone, so the page asks again (without JavaScript too)."""
    pair = published["Bashir"]
    response = client.post(answer_url(pair, "mentor"), {"answer": "decline", "reason": "Jag flyttar."}, **EN)
    page = response.content.decode()
    pair.refresh_from_db()
    assert pair.status == "awaiting" and not pair.mentor_answer
    assert not AuditEvent.objects.filter(action="pair.declined").exists()
    assert 'id="confirm-decline"' in page and "Vill du verkligen tacka nej till" in page  # Johan's Swedish
    assert '<input type="hidden" name="reason" value="Jag flyttar.">' in page
    assert '<input type="hidden" name="confirmed" value="on">' in page

    client.post(
        answer_url(pair, "mentor"), {"answer": "decline", "reason": "Jag flyttar.", "confirmed": "on"}
    )
    pair.refresh_from_db()
    assert pair.status == "declined" and pair.mentor_decline_reason == "Jag flyttar."


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_the_deadline_is_a_date_in_the_readers_language(client, published, side):
    """Issue 13, item 20: "by 9 December" in the reader's language and time zone, in e-mail and page."""
    pair = published["Amira"]
    person = pair.person(side)
    with translation.override(participant_language(person)):
        day = date_format(timezone.localtime(pair.answer_deadline), "j F")
    hour = timezone.localtime(pair.answer_deadline).strftime("%H:%M")  # a time of day is not shown
    page = client.get(answer_url(pair, side)).content.decode()
    assert day in page and hour not in page
    (email,) = [m for m in sent("introduction") if m.to == [person.email]]
    assert day in email.body_text and hour not in email.body_text
