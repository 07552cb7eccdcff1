"""Fixes from a demo walkthrough of the matching workflow: a replaced run is read-only and says so, a
newer run is pointed to, picking another mentor says why it cannot, refusals name the pair and the rule,
same-named mentors can be told apart, differences add up, and participants are addressed as "you"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from tandem.lib.testing.pages import EN
from tandem.pairs import publishing, services
from tandem.pairs.compare import compare_runs
from tandem.pairs.models import MatchingRun, Pair, PairConstraint, ProposedPair, UnmatchedMentee
from tandem.pairs.reasons import participant_reasons
from tandem.pairs.tests.people import make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(program, cohort, coordinator, now):
    return services.start_run(program, by=coordinator, now=now)


def url(name, run, **kwargs):
    return reverse(f"pairs:{name}", kwargs={"pk": run.program_id, "run": run.number, **kwargs})


def proposed(run) -> dict[str, ProposedPair]:
    return {p.mentee.first_name: p for p in run.proposed_pairs.select_related("mentee", "mentor")}


# --- 1. A replaced run -----------------------------------------------------------------------------


@pytest.fixture
def replaced(run, program, coordinator, now):
    """Run 1, after run 2 was published."""
    later = services.start_run(program, by=coordinator, now=now)
    publishing.publish_run(later, by=coordinator, now=now)
    run.refresh_from_db()
    return run


def test_a_run_is_replaced_once_a_later_run_is_published(replaced, program):
    later = MatchingRun.objects.get(program=program, number=2)
    standing = services.run_standing(replaced)
    assert standing.replaced_by == later and not standing.is_current
    assert not services.run_standing(replaced).is_current
    assert services.run_standing(later).replaced_by is None, "a published run is not replaced"
    assert services.replaced_runs(MatchingRun.objects.filter(program=program)) == {replaced.pk: later}


def test_a_run_published_after_another_started_replaces_it(run, program, coordinator, now):
    newer = services.start_run(program, by=coordinator, now=now)
    publishing.publish_run(run, by=coordinator, now=now + timedelta(minutes=5))
    assert services.run_standing(newer).replaced_by == run


def test_the_replaced_run_says_so_and_offers_no_changes(client, coordinator, replaced):
    client.force_login(coordinator)
    html = client.get(url("proposal", replaced), **EN).content.decode()
    assert "Replaced: run #2 was published on" in html
    assert "Proposal: nothing has been sent" not in html
    assert f'href="{url("proposal", replaced).replace("/runs/1/", "/runs/2/")}"' in html
    for action in ("lock", "forbid"):
        pair = next(iter(proposed(replaced).values()))
        assert url(action, replaced, proposed=pair.pk) not in html
    for action in ("publish", "swap", "pick"):
        assert url(action, replaced) not in html
    assert reverse("pairs:run_start", kwargs={"pk": replaced.program_id}) not in html


@pytest.mark.parametrize("action", ["lock", "unlock", "forbid", "pick", "swap", "waitlist", "publish"])
def test_every_change_to_a_replaced_run_is_refused_with_a_message(client, coordinator, replaced, action):
    pairs = list(replaced.proposed_pairs.order_by("id"))
    unmatched = replaced.unmatched.first()
    targets = {
        "lock": (url("lock", replaced, proposed=pairs[0].pk), {}),
        "unlock": (url("unlock", replaced, proposed=pairs[0].pk), {}),
        "forbid": (url("forbid", replaced, proposed=pairs[0].pk), {}),
        "pick": (url("pick", replaced), {"mentee": pairs[0].mentee_id, "mentor": pairs[1].mentor_id}),
        "swap": (url("swap", replaced), {"first": pairs[0].pk, "second": pairs[1].pk}),
        "waitlist": (url("waitlist", replaced, unmatched=unmatched.pk), {}),
        "publish": (url("publish", replaced), {}),
    }
    target, data = targets[action]
    before = {(p.mentee_id, p.mentor_id) for p in pairs}
    constraints = PairConstraint.objects.count()
    client.force_login(coordinator)
    response = client.post(target, data, **EN)
    assert response.status_code == 302 and response.url == url("proposal", replaced)
    html = client.get(response.url, **EN).content.decode()
    assert "Run #2 has been published, so this proposal is replaced" in html
    assert {(p.mentee_id, p.mentor_id) for p in replaced.proposed_pairs.all()} == before
    assert PairConstraint.objects.count() == constraints
    assert not Pair.objects.filter(run=replaced).exists()
    unmatched.mentee.refresh_from_db()
    assert unmatched.mentee.status == "accepted"


def test_the_publish_page_of_a_replaced_run_sends_back_with_the_reason(client, coordinator, replaced):
    client.force_login(coordinator)
    response = client.get(url("publish", replaced), follow=True, **EN)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == url("proposal", replaced)
    assert "pairs are created from run #1" not in html
    assert "Run #2 has been published, so this proposal is replaced" in html


def test_the_matching_page_marks_the_replaced_run(client, coordinator, replaced):
    client.force_login(coordinator)
    html = client.get(reverse("pairs:matching", kwargs={"pk": replaced.program_id}), **EN).content.decode()
    assert "Replaced by run #2" in html


def test_an_older_unpublished_run_points_to_the_newer_one_and_stays_editable(
    client, coordinator, run, program, now
):
    services.start_run(program, by=coordinator, now=now)
    client.force_login(coordinator)
    html = client.get(url("proposal", run), **EN).content.decode()
    assert "A newer run exists: run #2." in html
    assert url("publish", run) in html
    newest = client.get(url("proposal", run).replace("/runs/1/", "/runs/2/"), **EN).content.decode()
    assert "A newer run exists" not in newest


# --- 3. Picking another mentor ---------------------------------------------------------------------


def test_forbidding_says_choose_another_only_when_there_is_one(client, coordinator, run, cohort):
    client.force_login(coordinator)
    # Every mentor is taken: Bashir has no other mentor with a free place.
    response = client.post(url("forbid", run, proposed=proposed(run)["Bashir"].pk), follow=True, **EN)
    html = response.content.decode()
    assert "Pick another mentor below" not in html
    assert "No other mentor who may be paired with Bashir Rahimi has a free place in this proposal" in html
    row = html.split(f'id="unmatched-{UnmatchedMentee.objects.get(run=run, mentee=cohort["bashir"]).pk}"')[1]
    row = row.split("</tr>")[0]
    assert "Put on the waitlist" in row
    assert ('id="pick-' not in row) and ("Bashir Rahimi" in row)
    assert "has a free place" in row or "No other mentor may be paired with Bashir Rahimi." in row
    # Johan's place is free now, and Fatima may have him: her row offers him.
    fatima = UnmatchedMentee.objects.get(run=run, mentee=cohort["fatima"])
    fatima_row = html.split(f'id="unmatched-{fatima.pk}"')[1].split("</tr>")[0]
    assert f'id="pick-{cohort["fatima"].pk}"' in fatima_row


def test_forbidding_says_choose_another_when_a_candidate_has_room(client, coordinator, run, cohort, now):
    mentee = proposed(run)["Amira"]
    mentee.candidates = [{"mentor": cohort["johan"].pk, "score": 10.0}]
    mentee.save()
    # Forbidding Bashir–Johan frees Johan's place; Johan is Amira's candidate.
    services.forbid_pair(proposed(run)["Bashir"], by=coordinator, now=now)
    client.force_login(coordinator)
    response = client.post(url("forbid", run, proposed=mentee.pk), follow=True, **EN)
    assert "The pair is forbidden. Pick another mentor below, or run the matching again." in (
        response.content.decode()
    )


def test_a_fully_booked_run_gives_the_no_free_mentor_hint_only_to_unmatched_mentees(client, coordinator, run):
    """A matched row has its mentor: "no mentor has a free place" there read as if the match had failed
    (demo walk). The hint is for a mentee still without a mentor."""
    room = services.places_left(run)
    assert all(room.get(c["mentor"], 0) == 0 for p in run.proposed_pairs.all() for c in p.candidates)
    waiting = [u for u in run.unmatched.select_related("mentee") if u.candidates]
    assert waiting and all(room.get(c["mentor"], 0) == 0 for u in waiting for c in u.candidates)
    client.force_login(coordinator)
    html = client.get(url("proposal", run), **EN).content.decode()
    for pair in proposed(run).values():
        row = html.split(f'id="pair-{pair.pk}"')[1].split("</tr>")[0]
        assert f'id="pick-{pair.mentee_id}"' not in row
        assert f'id="no-pick-{pair.mentee_id}"' not in row
        assert "has a free place" not in row and "No other mentor may be paired" not in row
    for item in waiting:
        row = html.split(f'id="unmatched-{item.pk}"')[1].split("</tr>")[0]
        assert (
            f"No mentor who may be paired with {item.mentee.full_name} has a free place: free one by "
            "forbidding another pair, or raise a mentor's capacity and run the matching again."
        ) in row


# --- 2. Capacities -----------------------------------------------------------------------------------


def test_two_mentors_of_the_same_name_can_be_told_apart(client, coordinator, program):
    first = make_mentor(program, "Astrid", "Karlsson", municipality="1480", occupation_now="2411")
    second = make_mentor(program, "Astrid", "Karlsson", municipality="0180", occupation_now="2611")
    client.force_login(coordinator)
    html = client.get(reverse("pairs:capacities", kwargs={"pk": program.pk}), **EN).content.decode()
    for mentor, place, occupation in ((first, "Göteborg", "2411"), (second, "Stockholm", "2611")):
        block = html.split(f'id="mentor-{mentor.pk}"')[1].split('<div class="col"')[0]
        assert f"Astrid Karlsson ({mentor.reference})" in block
        record = reverse("screening:record", kwargs={"pk": program.pk, "application_id": mentor.pk})
        assert f'href="{record}"' in block and f"Application {mentor.reference}" in block
        assert place in block and f"({occupation})" in block


# --- 5. Differences add up ---------------------------------------------------------------------------


def test_the_score_difference_is_that_of_the_figures_shown(client, coordinator, run, program, now):
    second = services.start_run(program, by=coordinator, now=now)
    MatchingRun.objects.filter(pk=run.pk).update(total_score=2709.6)
    MatchingRun.objects.filter(pk=second.pk).update(total_score=2833.4)
    run.refresh_from_db()
    second.refresh_from_db()
    comparison = compare_runs(second, run)
    assert (comparison.total_before, comparison.total_after, comparison.score_difference) == (2710, 2833, 123)
    client.force_login(coordinator)
    html = client.get(url("compare", second) + "?with=1", **EN).content.decode()
    assert "2710 → 2833 (+123)" in html
    MatchingRun.objects.filter(pk=second.pk).update(total_score=2700.5)
    html = client.get(url("compare", second) + "?with=1", **EN).content.decode()
    assert "2710 → 2701 (-9)" in html


# --- 6. Participants read "you" ----------------------------------------------------------------------

GOALS = [{"criterion": "goals", "weight": 1.0, "value": 0.8, "reasons": [{"code": "goals_similar_wording"}]}]


@pytest.mark.parametrize(
    ("side", "language", "line"),
    [
        ("mentee", "en", "What you hope for fits your mentor's experience."),
        ("mentor", "en", "Your experience fits what your mentee hopes for."),
    ],
)
def test_participants_are_addressed_as_you(side, language, line):
    with translation.override(language):
        assert participant_reasons(GOALS, side) == [line]
