"""Publishing a proposal: pairs are created once, and each side gets an introduction in their language."""

import threading
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.jobs.models import Job
from tandem.lib.testing.pages import EN
from tandem.outbox.models import OutboxMessage
from tandem.pairs import emails, publishing, services
from tandem.pairs.models import MatchingRun, Pair, PairConstraint
from tandem.pairs.tests.people import build_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(program, cohort, coordinator, now):
    return services.start_run(program, by=coordinator, now=now)


def publish_url(run):
    return reverse("pairs:publish", kwargs={"pk": run.program_id, "run": run.number})


def introduction_to(address_start: str) -> OutboxMessage:
    return next(
        m
        for m in OutboxMessage.objects.filter(kind="pairs/emails/introduction")
        if m.to[0].startswith(address_start)
    )


def test_the_confirmation_page_says_what_will_happen(client, coordinator, run):
    client.force_login(coordinator)
    html = client.get(publish_url(run), **EN).content.decode()
    assert "3 pairs are created from run #1." in html
    assert "They have 7 days to answer" in html
    assert "1 mentee stays without a mentor." in html
    assert not Pair.objects.exists()


def test_publishing_creates_the_pairs_and_sends_both_sides_an_introduction(
    client, coordinator, run, cohort, now
):
    PairConstraint.objects.create(
        program=run.program, mentee=cohort["daniel"], mentor=cohort["sara"], kind="lock"
    )
    client.force_login(coordinator)
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(publish_url(run), **EN)
    job = Job.objects.get(kind="pairs.publish")
    assert started["Location"] == reverse("jobs:job", kwargs={"pk": run.program_id, "job": job.pk})
    response = client.get(started["Location"], **EN)
    assert "3 pairs are published and 6 introductions are on their way." in response.content.decode()
    pairs = {p.mentee.first_name: p for p in Pair.objects.select_related("mentee", "mentor")}
    assert {k: p.mentor.first_name for k, p in pairs.items()} == {
        "Amira": "Eva",
        "Bashir": "Johan",
        "Daniel": "Sara",
    }
    amira = pairs["Amira"]
    assert amira.status == "awaiting" and amira.run == run
    # the whole seventh day: a deadline is read as a date ("by 9 December")
    assert timedelta(days=7) <= amira.answer_deadline - amira.published_at < timedelta(days=8)
    assert timezone.localtime(amira.answer_deadline).time() == time(23, 59, 59)
    assert amira.mentee_token != amira.mentor_token
    assert not PairConstraint.objects.filter(kind="lock").exists(), "the locks did their work"
    run.refresh_from_db()
    assert run.published_at is not None and run.published_by == coordinator
    event = AuditEvent.objects.get(action="matching.published")
    assert event.data["pairs"] == sorted(p.pk for p in pairs.values()) and event.data["run"] == 1
    assert OutboxMessage.objects.filter(kind="pairs/emails/introduction").count() == 6


def test_each_person_reads_the_introduction_in_their_own_language(run, coordinator, cohort, now):
    publishing.publish_run(run, by=coordinator, now=now)
    pair = Pair.objects.get(mentee=cohort["daniel"])

    english = introduction_to("daniel")  # Daniel applied in English
    assert english.subject == f"We have found a mentor for you – {run.program.name}"
    assert "In Mentorskap för nyanlända ekonomer we suggest Sara as your mentor." in english.body_text
    assert "Your occupations match: Lawyers." in english.body_text
    assert emails.answer_url(pair, "mentee") in english.body_text

    swedish = introduction_to("bashir")
    assert swedish.subject == f"Vi har hittat en mentor till dig – {run.program.name}"
    assert "föreslår vi Johan som din mentor" in swedish.body_text
    assert "Ni talar båda svenska." in swedish.body_text

    arabic = introduction_to("amira")
    assert '<html lang="ar" dir="rtl">' in arabic.body_html
    assert arabic.subject == f"وجدنا لك مرشداً – {run.program.name}"
    assert "نقترح في Mentorskap för nyanlända ekonomer أن يكون Eva مرشدك." in arabic.body_text

    to_mentor = introduction_to("eva")
    assert to_mentor.subject == f"Vi har hittat en adept till dig – {run.program.name}"
    assert "Amira som din adept" in to_mentor.body_text
    assert "kvinna" not in to_mentor.body_text, "the mentee's wish about gender stays between her and us"
    assert "Haddad" not in to_mentor.body_text, "first names only until both have said yes"


def test_a_double_submit_publishes_once(client, coordinator, run):
    client.force_login(coordinator)
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = client.post(publish_url(run))
        second = client.post(publish_url(run))
    assert first["Location"] == second["Location"], "the second submit finds the job the first started"
    assert Job.objects.count() == 1
    response = client.post(publish_url(run), follow=True, **EN)
    assert "This proposal was already published." in response.content.decode()
    assert Pair.objects.count() == 3
    assert OutboxMessage.objects.filter(kind="pairs/emails/introduction").count() == 6
    assert AuditEvent.objects.filter(action="matching.published").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_publish_once(program, coordinator, now):
    build_cohort(program)
    run = services.start_run(program, by=coordinator, now=now)
    results, start = [], threading.Barrier(2)

    def submit() -> None:
        try:
            start.wait()
            results.append(len(publishing.publish_run(run, by=coordinator, now=now)))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 3]
    assert Pair.objects.count() == 3
    assert OutboxMessage.objects.filter(kind="pairs/emails/introduction").count() == 6


def test_nothing_is_half_published_when_an_email_cannot_be_stored(run, coordinator, now, monkeypatch):
    original, calls = emails.build_introduction, []

    def fourth_fails(pair, side):
        calls.append(side)
        if len(calls) == 4:
            raise ValueError("The outbox refused the message")
        return original(pair, side)

    monkeypatch.setattr(emails, "build_introduction", fourth_fails)
    with pytest.raises(ValueError):
        publishing.publish_run(run, by=coordinator, now=now)
    assert not Pair.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert MatchingRun.objects.get(pk=run.pk).published_at is None


def test_a_proposal_whose_people_got_a_pair_elsewhere_is_not_published(
    client, program, coordinator, run, now
):
    later = services.start_run(program, by=coordinator, now=now)
    publishing.publish_run(later, by=coordinator, now=now)
    client.force_login(coordinator)
    response = client.post(publish_url(run), follow=True, **EN)
    assert (
        "Run #2 has been published, so this proposal is replaced and can no longer be changed or published."
        in response.content.decode()
    )
    assert Pair.objects.filter(run=run).count() == 0


def test_a_newer_run_whose_people_got_a_pair_from_an_older_one_is_not_published(
    client, program, coordinator, run, now
):
    # Run 2 started in the same instant run 1 was published: not counted as replaced, but its people
    # are taken, and the last check before publishing still says so.
    newer = services.start_run(program, by=coordinator, now=now)
    publishing.publish_run(run, by=coordinator, now=now)
    client.force_login(coordinator)
    response = client.post(publish_url(newer), follow=True, **EN)
    assert "Some mentees in this proposal already have a pair. Run the matching again." in (
        response.content.decode()
    )
    assert Pair.objects.filter(run=newer).count() == 0
    assert OutboxMessage.objects.count() == 6
