"""The overview as new coordinators found it (issue 13, items 2, 3 and 6): uncovered budget is a warning
acknowledged when recruitment opens, never a block; funding sources' reporting deadlines are shown; the
readiness checklist gives way to a box that fits the state once recruitment has opened; and the counts a
coordinator looks for: applications against target by role, accepted, matched, pairs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.factories import ApplicationFactory
from tandem.lib.testing.pages import EN, SV
from tandem.pairs.models import Pair
from tandem.programs.models import Program
from tandem.programs.services import ProgramError, change_state, program_counts
from tandem.programs.tests.helpers import overview_url

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 1, 15, 9, 0, tzinfo=UTC)
S = Program.State


@pytest.fixture
def pending_grant(ready_program):
    """Arvsfonden has granted only part of what was applied for: the budget is not covered yet."""
    ready_program.funding_sources.filter(kind="arvsfonden").update(
        amount_granted=Decimal("10000"), status="applied"
    )
    return ready_program


def test_recruitment_opens_with_uncovered_budget_once_the_coordinator_acknowledges_it(
    pending_grant, coordinator
):
    with pytest.raises(ProgramError):
        change_state(pending_grant, S.RECRUITING, by=coordinator, now=NOW)
    assert Program.objects.get(pk=pending_grant.pk).state == S.DRAFT

    change_state(pending_grant, S.RECRUITING, by=coordinator, now=NOW, acknowledged=["budget_not_covered"])

    assert Program.objects.get(pk=pending_grant.pk).state == S.RECRUITING
    event = AuditEvent.objects.get(action="program.state_changed")
    assert event.data == {"from": "draft", "to": "recruiting", "acknowledged": ["budget_not_covered"]}


def test_the_overview_offers_to_open_recruitment_and_the_confirmation_asks_to_acknowledge(
    client, pending_grant, coordinator
):
    client.force_login(coordinator)
    page = client.get(overview_url(pending_grant), **EN).content.decode()
    assert "Open recruitment" in page
    assert "Warning" in page and "Granted funding does not cover the budget yet." in page
    assert "Missing" not in page

    url = reverse("programs:change_state", args=[pending_grant.pk])
    page = client.post(url, {"to": "recruiting"}, **EN).content.decode()
    assert 'name="acknowledge" value="budget_not_covered"' in page and "required" in page

    client.post(url, {"to": "recruiting", "confirmed": "yes"}, **EN)
    assert Program.objects.get(pk=pending_grant.pk).state == S.DRAFT
    client.post(url, {"to": "recruiting", "confirmed": "yes", "acknowledge": "budget_not_covered"}, **EN)
    assert Program.objects.get(pk=pending_grant.pk).state == S.RECRUITING


def test_the_overview_shows_the_funders_reporting_deadlines_in_date_order(client, ready_program, coordinator):
    ready_program.funding_sources.filter(kind="arvsfonden").update(reporting_deadline=date(2027, 3, 31))
    ready_program.funding_sources.create(
        kind="municipality",
        name="Malmö stad",
        amount_granted=Decimal("0"),
        reporting_deadline=date(2027, 2, 15),
    )
    client.force_login(coordinator)
    page = client.get(overview_url(ready_program), **EN).content.decode()
    assert "Reporting deadlines" in page
    assert page.index("Malmö stad") < page.index("Arvsfonden 2027")
    assert "15 Feb 2027" in page and "31 Mar 2027" in page


@pytest.mark.parametrize(
    ("state", "heading"),
    [
        (S.RECRUITING, "Rekryteringen är öppen"),
        (S.MATCHING, "Matchning"),
        (S.RUNNING, "Programmet pågår"),
        (S.CLOSED, "Programmet är avslutat"),
        (S.EVALUATED, "Programmet är avslutat"),
    ],
)
def test_once_recruitment_has_opened_a_box_fitting_the_state_replaces_the_checklist(
    client, program, coordinator, state, heading
):
    program.state = state  # a program with gaps in its set-up: the checklist would say "Saknas"
    program.save()
    client.force_login(coordinator)
    page = client.get(overview_url(program), **SV).content.decode()
    assert "Innan rekryteringen öppnar" not in page
    assert "Saknas" not in page
    assert 'id="state-box"' in page and heading in page


def test_a_draft_keeps_its_checklist(client, program, coordinator):
    client.force_login(coordinator)
    page = client.get(overview_url(program), **SV).content.decode()
    assert "Innan rekryteringen öppnar" in page and "Saknas" in page
    assert 'id="state-box"' not in page and 'id="counts"' not in page


def make_cohort(program):
    """6 mentees (1 withdrawn, 3 accepted) and 3 mentors (2 accepted); two live pairs, one declined."""
    mentees = [ApplicationFactory(program=program, role="mentee") for _ in range(6)]
    mentors = [ApplicationFactory(program=program, role="mentor") for _ in range(3)]
    for application, status in zip(
        mentees, ["withdrawn", "accepted", "accepted", "accepted", "received", "received"], strict=True
    ):
        application.status = status
        application.save(update_fields=["status"])
    for application, status in zip(mentors, ["accepted", "accepted", "rejected"], strict=True):
        application.status = status
        application.save(update_fields=["status"])
    deadline = NOW + timedelta(days=7)
    Pair.objects.create(program=program, mentee=mentees[1], mentor=mentors[0], answer_deadline=deadline)
    Pair.objects.create(
        program=program, mentee=mentees[2], mentor=mentors[1], status="active", answer_deadline=deadline
    )
    Pair.objects.create(
        program=program, mentee=mentees[3], mentor=mentors[1], status="declined", answer_deadline=deadline
    )


def test_the_counts_are_applications_against_target_accepted_matched_and_pairs(ready_program):
    make_cohort(ready_program)
    counts = program_counts(ready_program)
    assert [(r.role, r.target, r.applied, r.accepted, r.matched) for r in counts.roles] == [
        ("mentee", 10, 5, 3, 2),
        ("mentor", 10, 3, 2, 2),
    ]
    assert counts.pairs == 2


def test_the_overview_shows_the_counts_once_recruitment_has_opened(client, ready_program, coordinator):
    make_cohort(ready_program)
    ready_program.state = S.MATCHING
    ready_program.save()
    client.force_login(coordinator)
    page = client.get(overview_url(ready_program), **EN).content.decode()
    assert 'id="counts"' in page
    # A column a role, a row a count: the planned number has its own row, not "5 of 10" beside the
    # applications (and the table fits the overview's narrow column).
    assert (
        '<th scope="col" data-role="mentee">Mentee</th><th scope="col" data-role="mentor">Mentor</th>' in page
    )
    assert '<tr><th scope="row">Planned</th><td>10</td><td>10</td></tr>' in page
    assert '<tr><th scope="row">Applied</th><td>5</td><td>3</td></tr>' in page
    assert '<tr><th scope="row">Accepted</th><td>3</td><td>2</td></tr>' in page
    assert '<tr><th scope="row">Matched</th><td>2</td><td>2</td></tr>' in page
    assert " of 10" not in page
    assert "2 pairs" in page
