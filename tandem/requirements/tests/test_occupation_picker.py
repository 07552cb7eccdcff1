"""The occupation picker of the requirement-profile editor: search SSYK groups of every level, tick them.

The search (`search_ssyk_groups`) is pure; the editor shows the chosen groups above the search box and the
hits below it, live with htmx (`requirements:occupations`) and without JavaScript (the Search button).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tandem.factories import ApplicationFactory
from tandem.lib.testing.pages import EN, SV, field_error, text
from tandem.reference.occupations import search_occupations, search_ssyk_groups
from tandem.requirements.models import Criterion, RequirementProfile
from tandem.requirements.occupation_picker import HIT_LIMIT, occupation_picker
from tandem.screening.tests.factories import add_criterion

# --- the search ----------------------------------------------------------------------------------


def codes(hits) -> list[str]:
    return [hit.code for hit in hits]


def test_a_swedish_word_finds_groups_of_every_level_by_title_and_occupation_name():
    hits = search_ssyk_groups("sjuksköterska", language="sv")

    assert hits[0].code == "222"  # the minor group "Sjuksköterskor", though the word is singular
    assert (hits[0].level, hits[0].title, hits[0].matched) == (3, "Sjuksköterskor", "")
    found = {hit.code: hit for hit in hits}
    assert {"222", "223", "2221", "2223", "2224", "2228"} <= set(found)
    assert found["2221"].title == "Grundutbildade sjuksköterskor"
    assert found["2221"].matched.startswith("Sjuksköterska")  # found by an occupation name under it


def test_an_english_word_finds_groups_by_their_english_titles():
    found = {hit.code: hit for hit in search_ssyk_groups("nurses", language="en")}
    assert found["2221"].title == "Professional nurses"
    assert found["2221"].matched == ""
    assert search_ssyk_groups("nursing", language="en")[0].title == "Nursing professionals"

    accountants = search_ssyk_groups("accountants", language="en")
    assert codes(accountants)[:2] == ["2411", "241"]
    assert accountants[0].title == "Accountants"


def test_titles_are_in_the_language_asked_for_and_a_match_in_the_other_says_so():
    english = search_ssyk_groups("revisor", language="en")
    assert (english[0].code, english[0].title, english[0].matched) == ("2411", "Accountants", "Revisor")

    swedish = search_ssyk_groups("accountants", language="sv")
    assert (swedish[0].code, swedish[0].title, swedish[0].matched) == (
        "2411",
        "Revisorer m.fl.",
        "Accountants",
    )


def test_an_occupation_name_finds_its_unit_group_and_says_what_matched():
    hits = search_ssyk_groups("Barnmorska", language="sv")
    assert hits[0].code == "2222"
    assert (hits[0].level, hits[0].title, hits[0].matched) == (4, "Barnmorskor", "Barnmorska")


def test_digits_find_every_group_whose_code_starts_with_them_in_code_order():
    hits = search_ssyk_groups("22", language="en")
    assert codes(hits)[:3] == ["22", "221", "2211"]
    assert all(code.startswith("22") for code in codes(hits))
    assert {hit.level for hit in hits} == {2, 3, 4}
    assert codes(search_ssyk_groups("2", language="sv"))[0] == "2"  # one digit: the major group
    only = search_ssyk_groups("2411", language="sv")
    assert [(hit.code, hit.level, hit.title) for hit in only] == [("2411", 4, "Revisorer m.fl.")]
    assert search_ssyk_groups("24119", language="sv") == ()


def test_too_little_or_unknown_finds_nothing_and_the_search_is_cached():
    assert search_ssyk_groups("", language="sv") == ()
    assert search_ssyk_groups("  s ", language="sv") == ()
    assert search_ssyk_groups("xyzzyqq", language="sv") == ()
    assert search_ssyk_groups("Kock", language="sv") is search_ssyk_groups(" kock ", language="sv")


def test_the_public_forms_search_still_finds_unit_groups_only():
    assert [hit.code for hit in search_occupations("2221", language="sv")] == ["2221"]
    assert search_occupations("22", language="sv") == []
    assert all(len(hit.code) == 4 for hit in search_occupations("sjuksköterska", language="sv"))


def test_the_picker_lists_chosen_groups_and_marks_hits_already_chosen():
    with translation.override("en"):
        picker = occupation_picker(["2221", "222", "bogus", "2221"], "sjuksköterska", language="en")
        chosen = [(row.code, str(row.level), row.title) for row in picker.chosen]

    assert chosen == [
        ("222", "minor group", "Nursing professionals"),
        ("2221", "unit group", "Professional nurses"),
    ]
    chosen_hits = {row.code for row in picker.hits if row.chosen}
    assert chosen_hits == {"222", "2221"}
    assert picker.total == len(picker.hits) and not picker.more


def test_the_picker_shows_at_most_the_limit_and_counts_the_rest():
    picker = occupation_picker([], "2", language="sv")
    assert len(picker.hits) == HIT_LIMIT
    assert picker.total > HIT_LIMIT and picker.more


# --- the editor ----------------------------------------------------------------------------------


def add_url(program, role="mentee"):
    return reverse("requirements:add", kwargs={"pk": program.pk, "role": role})


def search_url(program, role="mentee"):
    return reverse("requirements:occupations", kwargs={"pk": program.pk, "role": role})


def edit_url(criterion):
    profile = criterion.profile
    return reverse(
        "requirements:edit",
        kwargs={"pk": profile.program.pk, "role": profile.role, "criterion_id": criterion.pk},
    )


def checkbox(html: str, code: str) -> str:
    """The check box (or boxes) named `codes` with this value, as a tag; "" when there is none."""
    return " ".join(re.findall(rf'<input[^>]*name="codes" value="{code}"[^>]*>', html))


def hit_count(html: str) -> str:
    match = re.search(r'id="occupation-hit-count"[^>]*>(.*?)</p>', html, re.S)
    return " ".join(match.group(1).split()) if match else ""


@pytest.mark.django_db
def test_the_editor_starts_with_an_empty_chosen_list_and_a_labelled_search_box(client, coordinator, program):
    client.force_login(coordinator)
    response = client.get(add_url(program), {"kind": "occupation"}, **EN)
    html = response.content.decode()

    assert (
        '<label class="form-label" for="id_query">Search occupations, e.g. sjuksköterska or 2221</label>'
        in html
    )
    assert "<legend" in html and "Chosen groups" in text(response)
    assert "None yet" in text(response)
    assert 'name="codes"' not in html  # no list of 633 groups any more
    assert 'aria-live="polite"' in re.search(r'<p id="occupation-hit-count"[^>]*>', html).group(0)


@pytest.mark.django_db
def test_typing_posts_to_a_fragment_with_the_hits_the_chosen_groups_and_the_count(
    client, coordinator, program
):
    client.force_login(coordinator)
    data = {"query": "sjuksköterska", "codes": ["2411"], "kind": "occupation", "importance": "must"}

    response = client.post(search_url(program), data, HTTP_HX_REQUEST="true", **EN)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment for htmx
    assert "checked" not in checkbox(html, "2221") and checkbox(html, "2221")
    assert "checked" in checkbox(html, "2411")  # still chosen, in the out-of-band chosen list
    assert 'id="occupation-chosen" hx-swap-oob="innerHTML"' in html
    assert "groups found" in hit_count(html)
    page = text(response)
    assert "222 Nursing professionals (minor group)" in page
    assert "2221 Professional nurses (unit group)" in page
    assert "2411 Accountants (unit group)" in page
    assert not Criterion.objects.exists()


@pytest.mark.django_db
def test_hits_are_in_swedish_for_a_swedish_coordinator_and_say_which_name_matched(
    client, coordinator, program
):
    client.force_login(coordinator)
    page = text(client.post(search_url(program), {"query": "barnmorska"}, **SV))
    assert "2222 Barnmorskor" in page

    page = text(client.post(search_url(program), {"query": "barnmorska"}, **EN))
    assert "2222 Professional midwifes (unit group) – matched: Barnmorska" in page


@pytest.mark.django_db
def test_a_search_with_no_hits_says_so(client, coordinator, program):
    client.force_login(coordinator)
    html = client.post(search_url(program), {"query": "xyzzyqq"}, **EN).content.decode()
    assert "No group found for “xyzzyqq”" in hit_count(html)
    html = client.post(search_url(program), {"query": "2"}, **EN).content.decode()
    assert f"Showing the first {HIT_LIMIT} of" in hit_count(html)


@pytest.mark.django_db
def test_without_javascript_search_keeps_every_field_and_the_chosen_codes_and_saves_nothing(
    client, coordinator, program
):
    client.force_login(coordinator)
    data = {
        "kind": "occupation",
        "importance": "should",
        "weight": "7",
        "match_digits": "2",
        "codes": ["2221"],
        "query": "revisor",
        "action": "search",
    }

    response = client.post(add_url(program), data, **EN)

    html = response.content.decode()
    assert response.status_code == 200
    assert not RequirementProfile.objects.exists() and not Criterion.objects.exists()
    assert "checked" in checkbox(html, "2221")  # chosen, listed with its title
    assert "2221 Professional nurses (unit group)" in text(response)
    assert checkbox(html, "2411") and "checked" not in checkbox(html, "2411")  # a hit to tick
    assert 'value="revisor"' in html
    assert re.search(r'<input type="radio" name="importance" value="should"[^>]*checked', html)
    assert re.search(r'name="weight" value="7"', html)
    assert re.search(r'<option value="2" selected>', html)
    assert "is-invalid" not in html  # a search is not a try to save: no complaints

    data.update(codes=["2221", "2411"], action="save")  # tick the hit, then save
    response = client.post(add_url(program), data, **EN)

    assert response.status_code == 302
    criterion = Criterion.objects.get()
    assert (criterion.importance, criterion.weight) == ("should", 7)
    assert criterion.params == {"codes": ["2221", "2411"], "match_digits": 2}


@pytest.mark.django_db
def test_a_search_with_nothing_chosen_yet_shows_no_error(client, coordinator, program):
    client.force_login(coordinator)
    data = {"kind": "occupation", "importance": "must", "weight": "1", "query": "kock", "action": "search"}
    response = client.post(add_url(program), data, **EN)
    assert field_error(response, "id_codes") == ""
    assert checkbox(response.content.decode(), "5120")  # Kockar och kallskänkor, to tick


@pytest.mark.django_db
def test_saving_with_nothing_chosen_ties_the_error_to_the_picker_and_its_search_box(
    client, coordinator, program
):
    client.force_login(coordinator)
    data = {"kind": "occupation", "importance": "must", "weight": "1", "match_digits": "4", "query": "kock"}
    response = client.post(add_url(program), {**data, "action": "save"}, **EN)

    html = response.content.decode()
    assert field_error(response, "id_codes") == "Choose at least one occupation."
    search_box = re.search(r'<input type="search"[^>]*>', html).group(0)
    assert "id_codes_error" in search_box and 'aria-invalid="true"' in search_box
    picker = re.search(r'<fieldset[^>]*id="occupation-picker"[^>]*>', html).group(0)
    assert "id_codes_error" in picker
    assert checkbox(html, "5120")  # the hits of the search are still there to tick
    assert not Criterion.objects.exists()


@pytest.mark.django_db
def test_a_criterion_made_with_the_old_list_shows_its_codes_of_every_level_as_chosen(
    client, coordinator, program
):
    criterion = add_criterion(
        program, "mentee", "occupation", codes=["2", "22", "222", "2221"], match_digits=4
    )
    client.force_login(coordinator)

    response = client.get(edit_url(criterion), **EN)

    html = response.content.decode()
    for code in ("2", "22", "222", "2221"):
        assert "checked" in checkbox(html, code), code
    page = text(response)
    assert "222 Nursing professionals (minor group)" in page
    assert "2 Occupations requiring advanced level of higher education (major group)" in page

    # Searching on the edit page keeps the criterion as it is until it is saved.
    data = {"kind": "occupation", "importance": "must", "weight": "1", "match_digits": "4"}
    data.update(criterion=criterion.pk, codes=["22", "2221"], query="kock", action="search")
    response = client.post(edit_url(criterion), data, **EN)
    html = response.content.decode()
    assert "checked" in checkbox(html, "22") and "checked" in checkbox(html, "2221")
    assert not checkbox(html, "2") and not checkbox(html, "222")  # unticked: no longer chosen
    criterion.refresh_from_db()
    assert criterion.params["codes"] == ["2", "22", "222", "2221"]

    data.update(action="save")
    client.post(edit_url(criterion), data, **EN)
    criterion.refresh_from_db()
    assert criterion.params == {"codes": ["22", "2221"], "match_digits": 4}


@pytest.mark.django_db
def test_the_pass_count_follows_the_ticked_groups(client, coordinator, program):
    ApplicationFactory(program=program, occupation_wanted="2221")
    ApplicationFactory(program=program, occupation_wanted="2222")
    ApplicationFactory(program=program, occupation_wanted="2411")
    client.force_login(coordinator)
    url = reverse("requirements:preview", kwargs={"pk": program.pk, "role": "mentee"})
    data = {"kind": "occupation", "importance": "must", "weight": "1", "match_digits": "4", "query": "sjuk"}

    assert "1 of 3 current applicants would pass" in text(client.post(url, {**data, "codes": ["2221"]}, **EN))
    both = {**data, "codes": ["2221", "2222"]}
    assert "2 of 3 current applicants would pass" in text(client.post(url, both, **EN))
