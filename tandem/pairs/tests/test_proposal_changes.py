"""Changing a proposal by hand: swap two mentors, pick another candidate, forbid, lock, waitlist,
compare two runs, and a page whose queries do not grow with the number of pairs."""

import pytest
from django.urls import reverse

from tandem.applications.models import Application, StatusChange
from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import EN, SV
from tandem.pairs import services
from tandem.pairs.models import PairConstraint, ProposedPair, UnmatchedMentee
from tandem.pairs.tests.people import make_application, make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(program, cohort, coordinator, now):
    return services.start_run(program, by=coordinator, now=now)


def url(name, run, **kwargs):
    return reverse(f"pairs:{name}", kwargs={"pk": run.program_id, "run": run.number, **kwargs})


def proposed(run) -> dict[str, ProposedPair]:
    return {p.mentee.first_name: p for p in run.proposed_pairs.select_related("mentee", "mentor")}


def test_swapping_gives_each_mentee_the_others_mentor_and_locks_both(client, coordinator, run, cohort):
    before = proposed(run)
    client.force_login(coordinator)
    response = client.post(url("swap", run), {"first": before["Amira"].pk, "second": before["Daniel"].pk})
    assert response.status_code == 302
    after = proposed(run)
    assert (after["Amira"].mentor.first_name, after["Daniel"].mentor.first_name) == ("Sara", "Eva")
    assert after["Amira"].chosen_by_hand and after["Amira"].score < before["Amira"].score
    assert any(r["criterion"] == "occupation" for r in after["Amira"].reasons)
    locks = set(PairConstraint.objects.filter(kind="lock").values_list("mentee_id", "mentor_id"))
    assert locks == {(cohort["amira"].pk, cohort["sara"].pk), (cohort["daniel"].pk, cohort["eva"].pk)}
    run.refresh_from_db()
    assert run.total_score == round(sum(p.score for p in after.values()), 2)
    event = AuditEvent.objects.get(action="pair.swapped")
    assert event.data["mentors_after"] == [cohort["sara"].pk, cohort["eva"].pk]


@pytest.mark.parametrize(
    ("headers", "rule"),
    [(EN, "excluded by the gender-wish rule"), (SV, "utesluts av regeln om önskat kön")],
)
def test_a_swap_against_a_hard_rule_is_refused_naming_the_pair_and_the_rule(
    client, coordinator, run, headers, rule
):
    before = proposed(run)
    client.force_login(coordinator)
    # Amira wants a woman as mentor; Johan is a man.
    response = client.post(
        url("swap", run), {"first": before["Amira"].pk, "second": before["Bashir"].pk}, **headers
    )
    # Post/Redirect/Get: a reload does not post again; the refusal is a message on the proposal.
    assert response.status_code == 302 and response.url == url("proposal", run)
    html = client.get(response.url, **headers).content.decode()
    assert "Amira Haddad – Johan Berg" in html and rule in html
    if headers is EN:
        refusal = "The program&#x27;s hard rules do not allow the pair Amira Haddad – Johan Berg: "
        assert refusal + rule in html
    assert {k: p.mentor_id for k, p in proposed(run).items()} == {k: p.mentor_id for k, p in before.items()}
    assert not PairConstraint.objects.exists()


def test_the_same_pair_twice_cannot_be_swapped(client, coordinator, run):
    pair = proposed(run)["Amira"]
    client.force_login(coordinator)
    response = client.post(url("swap", run), {"first": pair.pk, "second": pair.pk}, **EN)
    assert response.status_code == 302
    html = client.get(response.url, **EN).content.decode()
    assert "Second pair: Choose two different pairs." in html


def test_forbidding_moves_the_mentee_to_the_unmatched_and_frees_the_mentor(client, coordinator, run, cohort):
    bashir = proposed(run)["Bashir"]
    client.force_login(coordinator)
    client.post(url("forbid", run, proposed=bashir.pk))
    assert "Bashir" not in proposed(run)
    row = UnmatchedMentee.objects.get(run=run, mentee=cohort["bashir"])
    assert row.reason["code"] == "forbidden_in_proposal"
    html = client.get(url("proposal", run), **EN).content.decode()
    assert "the coordinator forbade the proposed pair" in html
    # Johan now has a free place: Fatima can get him by hand.
    assert f'<option value="{cohort["johan"].pk}">Johan Berg' in html


def test_picking_another_candidate_for_an_unmatched_mentee(client, coordinator, run, cohort):
    client.force_login(coordinator)
    client.post(url("forbid", run, proposed=proposed(run)["Bashir"].pk))
    response = client.post(url("pick", run), {"mentee": cohort["fatima"].pk, "mentor": cohort["johan"].pk})
    assert response.status_code == 302
    pairs = proposed(run)
    assert pairs["Fatima"].mentor == cohort["johan"] and pairs["Fatima"].chosen_by_hand
    assert not UnmatchedMentee.objects.filter(run=run, mentee=cohort["fatima"]).exists()
    assert PairConstraint.objects.filter(
        kind="lock", mentee=cohort["fatima"], mentor=cohort["johan"]
    ).exists()
    assert AuditEvent.objects.get(action="pair.picked").data["mentor"] == cohort["johan"].pk


def test_picking_a_full_mentor_is_refused(client, coordinator, run, cohort):
    client.force_login(coordinator)
    response = client.post(
        url("pick", run), {"mentee": cohort["fatima"].pk, "mentor": cohort["johan"].pk}, follow=True, **EN
    )
    assert "This mentor has no free place in the proposal. Swap pairs instead." in response.content.decode()
    assert "Fatima" not in proposed(run)


def test_picking_another_mentor_for_a_paired_mentee_keeps_the_old_one_as_a_candidate(
    client, coordinator, program, cohort, now
):
    maria = make_mentor(
        program,
        "Maria",
        "Holm",
        capacity=2,
        occupation_now="2411",
        swedish_level="C2",
        municipality="1480",
        meeting_format="either",
        gender="woman",
    )
    run = services.start_run(program, by=coordinator, now=now)
    amira = proposed(run)["Amira"]
    score_with_eva = amira.score
    assert amira.mentor == cohort["eva"] and maria.pk in [c["mentor"] for c in amira.candidates]
    client.force_login(coordinator)
    client.post(url("pick", run), {"mentee": cohort["amira"].pk, "mentor": maria.pk})
    amira.refresh_from_db()
    assert amira.mentor_id == maria.pk
    assert amira.candidates[0] == {"mentor": cohort["eva"].pk, "score": score_with_eva}


def test_a_lock_cannot_take_more_places_than_the_mentor_has(client, coordinator, run, cohort, program):
    PairConstraint.objects.create(program=program, mentee=cohort["fatima"], mentor=cohort["eva"], kind="lock")
    client.force_login(coordinator)
    response = client.post(url("lock", run, proposed=proposed(run)["Amira"].pk), follow=True, **EN)
    assert "This mentor already has as many locked mentees as they can take." in response.content.decode()


def test_an_unmatched_mentee_goes_on_the_waitlist(client, coordinator, run, cohort):
    row = UnmatchedMentee.objects.get(run=run)
    client.force_login(coordinator)
    client.post(url("waitlist", run, unmatched=row.pk))
    fatima = Application.objects.get(pk=cohort["fatima"].pk)
    assert fatima.status == "waitlisted"
    change = StatusChange.objects.get(application=fatima, to_status="waitlisted")
    assert (change.reason_code, change.reason) == ("waitlisted_for_next_program", "")
    assert AuditEvent.objects.get(action="application.waitlisted").data == {"run": run.pk}
    html = client.get(url("proposal", run), **EN).content.decode()
    assert "On the waitlist" in html


def test_a_published_proposal_cannot_change(client, coordinator, run, now):
    run.published_at = now
    run.save()
    client.force_login(coordinator)
    response = client.post(url("forbid", run, proposed=proposed(run)["Bashir"].pk), follow=True, **EN)
    assert "This proposal can no longer be changed." in response.content.decode()
    assert "Bashir" in proposed(run)


def test_comparing_two_runs_counts_the_changed_pairs_and_the_score(
    client, coordinator, run, cohort, program, now
):
    client.force_login(coordinator)
    client.post(url("forbid", run, proposed=proposed(run)["Bashir"].pk))
    second = services.start_run(program, by=coordinator, now=now)
    response = client.get(url("compare", second) + "?with=1", **EN)
    html = response.content.decode()
    summary = html.split('id="comparison-summary"')[1].split("</dl>")[0]
    # Run 1 lost Bashir by the forbid; run 2 gives Johan's place to Fatima (Bashir has no one else).
    assert '<dt class="col-sm-5">Pairs that changed</dt><dd class="col-sm-7">1</dd>' in summary
    assert '<dt class="col-sm-5">Pairs that stayed the same</dt><dd class="col-sm-7">2</dd>' in summary
    assert "2 → 3" in summary
    assert "Matched only in run #2" in html and "Fatima Warsame" in html


def test_the_proposal_page_does_not_query_per_pair(
    client, coordinator, program, cohort, now, django_assert_num_queries
):
    def page_queries() -> None:
        run = services.start_run(program, by=coordinator, now=now)
        client.force_login(coordinator)
        # 1 session, 2 user, 3 program, 4 admin membership, 5 program role, 6 run, 7 the mentees'
        # occupations (the filter), 8 the number of pairs, 9 the ids of the page's pairs, 10 those pairs
        # with mentee and mentor, 11 the number of unmatched, 12 their page with mentee, 13 forbids and
        # the page's locks with both people, 14 the names of the proposed and candidate mentors, 15 the
        # places they have taken, 16 the runs (standing, and the others to compare with), 17 the audit
        # event of the page, 18 its people
        with django_assert_num_queries(18):
            client.get(url("proposal", run))

    page_queries()
    for number in range(12):
        make_application(program, "mentee", f"Adept{number}", "Test", occupation_wanted="2411")
        make_mentor(program, f"Mentor{number}", "Test", occupation_now="2411")
    page_queries()
