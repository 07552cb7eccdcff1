"""The matching pages of a large program stay small: 50 rows a page, found by search and filters, and
the same number of queries for 5 rows as for 60 (two pages)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.factories import build_applications, build_pairs
from tandem.lib.testing.pages import EN
from tandem.pairs.models import MatchingRun, MentorCapacity, ProposedPair, UnmatchedMentee
from tandem.reference.choices import Role

pytestmark = pytest.mark.django_db

SIZES = [5, 60]


def people(program, n: int):
    stored = build_applications(program, mentees=n, mentors=n, seed=n)
    return [a for a in stored if a.role == Role.MENTEE], [a for a in stored if a.role == Role.MENTOR]


def make_run(program, number: int, mentees, mentors, *, shift: int = 0) -> MatchingRun:
    """A finished run pairing mentee i with mentor i + shift (for every other mentee when shifted); the
    last mentee is left unmatched."""
    run = MatchingRun.objects.create(
        program=program,
        number=number,
        status=MatchingRun.Status.DONE,
        capacities={str(m.pk): 1 for m in mentors},
        matched_count=len(mentees) - 1,
        mentee_count=len(mentees),
        mentor_count=len(mentors),
    )
    n = len(mentors)
    candidates = [{"mentor": mentors[0].pk, "score": 40.0}, {"mentor": mentors[-1].pk, "score": 30.0}]
    ProposedPair.objects.bulk_create(
        ProposedPair(
            run=run,
            mentee=mentee,
            mentor=mentors[(i + (shift if i % 2 else 0)) % n],
            score=50 + i % 40,
            candidates=candidates,
        )
        for i, mentee in enumerate(mentees[:-1])
    )
    UnmatchedMentee.objects.create(run=run, mentee=mentees[-1], reason={}, candidates=candidates)
    return run


def count_queries(client, url, django_assert_num_queries, expected: int) -> str:
    with django_assert_num_queries(expected):
        response = client.get(url, **EN)
    assert response.status_code == 200
    return response.content.decode()


# --- Pairs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES)
def test_the_pairs_list_shows_50_a_page_in_a_fixed_number_of_queries(
    client, coordinator, program, n, django_assert_num_queries
):
    mentees, mentors = people(program, n)
    build_pairs(program, mentees, mentors, now=timezone.now())
    client.force_login(coordinator)
    url = reverse("pairs:pair_list", kwargs={"pk": program.pk})
    # 1 session, 2 user, 3 program, 4 admin membership, 5 program role, 6 the figures (one aggregate),
    # 7 the number of pairs shown, 8 the page of pairs with both people, 9 the audit event, 10 its people
    html = count_queries(client, url, django_assert_num_queries, 10)
    assert html.count('id="published-pair-') == min(n, 50)
    if n > 50:
        assert "Page 1 of 2" in html and "?page=2" in html
        second = count_queries(client, url + "?page=2", django_assert_num_queries, 10)
        assert second.count('id="published-pair-') == n - 50


@pytest.mark.parametrize("page", ["99", "0", "-1", "abc", "1e9", "99999999999999999999"])
def test_a_bad_or_huge_page_number_shows_the_last_page(client, coordinator, program, page):
    mentees, mentors = people(program, 60)
    build_pairs(program, mentees, mentors, now=timezone.now())
    client.force_login(coordinator)
    url = reverse("pairs:pair_list", kwargs={"pk": program.pk})
    response = client.get(url, {"page": page}, **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Page 2 of 2" in html and html.count('id="published-pair-') == 10


def test_pairs_are_found_by_name_or_reference_and_by_status(client, coordinator, program):
    mentees, mentors = people(program, 60)
    pairs = build_pairs(program, mentees, mentors, now=timezone.now())
    client.force_login(coordinator)
    url = reverse("pairs:pair_list", kwargs={"pk": program.pk})
    html = client.get(url, {"q": mentors[7].reference}, **EN).content.decode()
    assert html.count('id="published-pair-') == 1 and f'id="published-pair-{pairs[7].pk}"' in html
    assert "1 pair found." in html
    active = sum(1 for p in pairs if p.status == "active")
    html = client.get(url, {"show": "active"}, **EN).content.decode()
    assert f"{active} pairs found." in html
    # The figures above the list still count every pair.
    assert f"Active: <strong>{active}</strong>" in html


# --- Proposal ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES)
def test_the_proposal_shows_50_pairs_a_page_in_a_fixed_number_of_queries(
    client, coordinator, program, n, django_assert_num_queries
):
    mentees, mentors = people(program, n)
    run = make_run(program, 1, mentees, mentors)
    client.force_login(coordinator)
    url = reverse("pairs:proposal", kwargs={"pk": program.pk, "run": run.number})
    # 1 session, 2 user, 3 program, 4 admin membership, 5 program role, 6 run, 7 the mentees'
    # occupations, 8 the number of pairs, 9 the ids of the page's pairs, 10 those pairs, 11 the number
    # of unmatched, 12 their page, 13 forbids and the page's locks, 14 the mentors' names, 15 their
    # places taken, 16 the runs, 17 the audit event, 18 its people
    html = count_queries(client, url, django_assert_num_queries, 18)
    assert html.count('<tr id="pair-') == min(n - 1, 50)
    swap_choices = html.split('id="id_first"')[1].split("</select>")[0].count("<option")
    assert swap_choices == min(n - 1, 50) + 1  # the pairs of the page, and "—"
    if n > 50:
        html = count_queries(client, url + "?page=2&sort=mentee", django_assert_num_queries, 18)
        assert html.count('<tr id="pair-') == n - 1 - 50


def test_the_proposal_is_searched_and_filtered_in_the_database(client, coordinator, program):
    mentees, mentors = people(program, 60)
    run = make_run(program, 1, mentees, mentors)
    client.force_login(coordinator)
    url = reverse("pairs:proposal", kwargs={"pk": program.pk, "run": run.number})
    html = client.get(url, {"q": mentees[3].reference}, **EN).content.decode()
    assert html.count('<tr id="pair-') == 1 and "Showing 1 pair." in html
    html = client.get(url, {"below": 51}, **EN).content.decode()
    assert html.count('<tr id="pair-') == 2  # scores 50 (mentees 0 and 40)


# --- Capacities --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES)
def test_the_capacities_page_shows_50_mentors_in_a_fixed_number_of_queries(
    client, coordinator, program, n, django_assert_num_queries
):
    _mentees, mentors = people(program, n)
    client.force_login(coordinator)
    url = reverse("pairs:capacities", kwargs={"pk": program.pk})
    # 1 session, 2 user, 3 program, 4 admin membership, 5 program role, 6 the number of mentors,
    # 7 the page of mentors, 8 the coordinator's figures for them, 9 the audit event, 10 its people
    html = count_queries(client, url, django_assert_num_queries, 10)
    assert html.count('class="col" id="mentor-') == min(n, 50)


def test_saving_capacities_stores_the_figures_of_the_page(client, coordinator, program):
    _mentees, mentors = people(program, 60)
    client.force_login(coordinator)
    url = reverse("pairs:capacities", kwargs={"pk": program.pk})
    page = client.get(url + "?page=2", **EN).context["form"].mentors
    assert len(page) == 10
    response = client.post(url + "?page=2", {f"capacity_{m.pk}": 4 for m in page})
    assert response.status_code == 302
    assert set(MentorCapacity.objects.values_list("mentor_id", flat=True)) == {m.pk for m in page}


# --- Compare -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES)
def test_compare_loads_only_what_differs_in_a_fixed_number_of_queries(
    client, coordinator, program, n, django_assert_num_queries
):
    mentees, mentors = people(program, n)
    make_run(program, 1, mentees, mentors)
    second = make_run(program, 2, mentees[1:] + mentees[:1], mentors, shift=1)
    client.force_login(coordinator)
    url = reverse("pairs:compare", kwargs={"pk": program.pk, "run": second.number}) + "?with=1"
    # 1 session, 2 user, 3 program, 4 admin membership, 5 program role, 6 run, 7 the other runs,
    # 8 the figures of the run's pairs, 9 the other run's pairs not in this one, 10 the number of
    # changed mentees, 11 their page, 12 the audit event, 13 its people, 14 the mentors' names
    html = count_queries(client, url, django_assert_num_queries, 14)
    run_pairs = {p.mentee_id: p.mentor_id for p in ProposedPair.objects.filter(run=second)}
    other_pairs = {p.mentee_id: p.mentor_id for p in ProposedPair.objects.filter(run__number=1)}
    differ = {m for m in run_pairs.keys() | other_pairs.keys() if run_pairs.get(m) != other_pairs.get(m)}
    summary = html.split('id="comparison-summary"')[1].split("</dl>")[0]
    assert f'Pairs that changed</dt><dd class="col-sm-7">{len(differ)}</dd>' in summary
    rows = html.split('id="changes"')[1].split("</table>")[0].count("<tr>") - 1
    assert rows == min(len(differ), 50)
