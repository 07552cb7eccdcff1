"""Finding one's occupation never blocks an application: common words in every language of the form, the
plain occupation first, Arabic titles, Enter that searches, results where the eyes are, and the
occupation in one's own words that the coordinator maps to SSYK during screening."""

from __future__ import annotations

import csv
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application
from tandem.applications.services import create_default_form
from tandem.applications.tests.helpers import MENTEE_ANSWERS, fill_pages, send, step_url
from tandem.audit.models import AuditEvent
from tandem.reference import data as reference
from tandem.reference.occupations import search_occupations
from tandem.screening.tests.factories import add_criterion, screen

PHYSICIANS = {"2211", "2212", "2213", "2219"}


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "auditor", {"2411"}),
        ("en", "doctor", PHYSICIANS),
        ("en", "registered nurse", {"2221"}),
        ("en", "bookkeeper", {"4111"}),
        ("en", "software developer", {"2512"}),
        ("ar", "مدقق حسابات", {"2411"}),
        ("ar", "طبيب", PHYSICIANS),
        ("ar", "ممرضة", {"2221"}),
        ("sv", "revisor", {"2411"}),
        ("sv", "läkare", PHYSICIANS),
        ("sv", "sjuksköterska", {"2221"}),
        ("sv", "redovisningsekonom", {"3313"}),
        ("sv", "systemutvecklare", {"2512"}),
    ],
)
def test_a_common_word_finds_its_group_first_in_every_language_of_the_form(language, query, expected):
    hits = search_occupations(query, language=language)
    assert hits, query
    assert hits[0].code in expected, [(hit.code, hit.title) for hit in hits[:3]]


def test_the_plain_occupation_ranks_before_its_specialisms():
    hits = search_occupations("sjuksköterska", language="sv")
    assert (hits[0].code, hits[0].title) == ("2221", "Sjuksköterska")  # not "Sjuksköterska, astma"
    assert [hit.title for hit in hits[1:4]] == [
        "Sjuksköterska, IVA",
        "Sjuksköterska, narkos",
        "Sjuksköterska, röntgen",
    ]


def test_our_word_tables_point_at_real_unit_groups():
    groups = reference.ssyk_groups()
    synonyms = reference.occupation_synonyms()
    assert {s.language for s in synonyms} == {"sv", "en", "ar"}
    assert [s for s in synonyms if s.ssyk_code not in groups or groups[s.ssyk_code].level != 4] == []
    arabic = reference.arabic_ssyk_titles()
    assert len(arabic) >= 70
    assert [code for code in arabic if code not in groups or groups[code].level != 4] == []
    # Every group our curated Arabic words lead to has an Arabic title of its own.
    assert {k.ssyk_code for k in reference.arabic_occupation_keywords()} <= set(arabic)
    rows = (reference.DATA_DIR / "occupation_synonyms.csv").read_text(encoding="utf-8").splitlines()
    data = list(csv.reader(line for line in rows if not line.startswith("#")))
    assert len(data) == len(set(map(tuple, data)))  # no row twice


@pytest.mark.django_db
def test_arabic_results_show_arabic_titles_and_never_two_identical_lines(client, mentee_form):
    for query in ("طبيب", "ممرضة", "مهندس", "سائق", "معلم", "nurse"):
        response = client.post(
            step_url(mentee_form, "occupation", "ar"),
            {"occupation_wanted_query": query, "search": "occupation_wanted"},
        )
        item = next(i for i in response.context["page_form"].items() if i.key == "occupation_wanted")
        labels = [re.sub(r"<[^>]+>", "", str(label)) for _code, label in item.hits]
        assert labels and len(labels) == len(set(labels)), (query, labels)
    page = client.post(
        step_url(mentee_form, "occupation", "ar"),
        {"occupation_wanted_query": "طبيب", "search": "occupation_wanted"},
    ).content.decode()
    assert "أطباء أخصائيون" in page and "أطباء آخرون" in page  # Arabic titles, told apart
    assert 'lang="en"' not in page.split('id="occupation_wanted-results"')[1].split("</fieldset>")[0]
    page = client.post(
        step_url(mentee_form, "occupation", "ar"),
        {"occupation_wanted_query": "Nurses - school", "search": "occupation_wanted"},
    ).content.decode()
    assert '<bdi lang="en">Nurses - school</bdi>' in page  # no Arabic title: the English one, marked


@pytest.mark.django_db
def test_enter_in_the_search_box_searches_and_never_sends_the_page(client, mentee_form):
    """Without JavaScript Enter presses the page's first button, the hidden "enter": with new words in
    a search box it searches; the JavaScript (tandem.js) presses the box's own Search button instead."""
    typed = {**MENTEE_ANSWERS["occupation"], "occupation_wanted": "", "occupation_wanted_query": "auditor"}
    response = client.post(step_url(mentee_form, "occupation", "en"), {**typed, "enter": "1"})
    assert response.status_code == 200  # not sent on to the next page
    page = response.content.decode()
    assert 'name="occupation_wanted" value="2411"' in page
    assert 'name="occupation_wanted_searched" value="auditor"' in page
    assert "Some answers need to be corrected" not in page
    # The words were searched for and an occupation is chosen: Enter now means "Next".
    chosen = {**typed, "occupation_wanted": "2411", "occupation_wanted_searched": "auditor", "enter": "1"}
    response = client.post(step_url(mentee_form, "occupation", "en"), chosen)
    assert response.status_code == 302
    # The page's markup: the hidden default button first, the search box knows its button.
    page = client.get(step_url(mentee_form, "occupation", "en")).content.decode()
    assert page.index('name="enter"') < page.index('name="search"')
    assert 'data-search-button="occupation_wanted-search"' in page
    assert 'id="occupation_wanted-search"' in page
    script = (reference.DATA_DIR.parents[1] / "static" / "tandem.js").read_text(encoding="utf-8")
    assert "input[data-search-button]" in script and "preventDefault" in script


@pytest.mark.django_db
def test_without_javascript_the_results_open_right_under_the_search_box(client, mentee_form):
    page = client.get(step_url(mentee_form, "occupation", "en")).content.decode()
    assert 'formaction="#occupation_wanted-results"' in page  # the page opens at the results
    response = client.post(
        step_url(mentee_form, "occupation", "en"),
        {"occupation_wanted_query": "nurse", "search": "occupation_wanted"},
    )
    page = response.content.decode()
    results = page.index('id="occupation_wanted-results"')
    assert page.index('id="id_occupation_wanted_query"') < results < page.index('value="2221"')
    tag = page[page.rindex("<div", 0, results) : page.index(">", results)]
    assert "autofocus" in tag and 'tabindex="-1"' in tag  # and the focus moves there


@pytest.mark.django_db
def test_an_applicant_who_finds_nothing_writes_the_occupation_in_own_words(client, mentee_form):
    occupation = {
        **MENTEE_ANSWERS["occupation"],
        "occupation_wanted": "",
        "occupation_wanted_own": "Revisor på en statlig myndighet i Damaskus",
    }
    fill_pages(client, mentee_form, {**MENTEE_ANSWERS, "occupation": occupation})
    summary = client.get(reverse("apply:summary", kwargs={"slug": mentee_form.slug, "lang": "sv"}))
    assert "Revisor på en statlig myndighet i Damaskus" in summary.content.decode()
    send(client, mentee_form)
    application = Application.objects.get()
    assert application.occupation_wanted == ""
    assert application.occupation_wanted_text == "Revisor på en statlig myndighet i Damaskus"


@pytest.mark.django_db
def test_a_required_occupation_takes_the_list_or_own_words_and_says_so(client, mentee_form):
    mentee_form.questions.filter(builtin="occupation_wanted").update(required=True)
    occupation = {**MENTEE_ANSWERS["occupation"], "occupation_wanted": ""}
    response = client.post(step_url(mentee_form, "occupation", "en"), occupation)
    assert response.status_code == 200
    assert "or write it in your own words" in response.content.decode()
    response = client.post(
        step_url(mentee_form, "occupation", "en"), {**occupation, "occupation_wanted_own": "Auditor"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_coordinator_maps_own_words_to_ssyk_and_the_code_counts(client, coordinator, program):
    from tandem.factories import ApplicationFactory

    form = create_default_form(program, "mentee", now=timezone.now())
    application = ApplicationFactory(
        program=program, form=form, occupation_wanted="", occupation_wanted_text="Revisor i Damaskus"
    )
    add_criterion(program, "mentee", "occupation", codes=["2411"], match_digits=4)
    screen(program)
    application.refresh_from_db()
    assert application.passes_requirements is None or not application.passes_requirements
    client.force_login(coordinator)
    url = reverse("screening:record", kwargs={"pk": program.pk, "application_id": application.pk})
    page = client.get(url).content.decode()
    assert "Revisor i Damaskus" in page and "Inte kopplat ännu." in page  # Swedish: the staff's language
    assert 'value="2411"' in page  # the own words are searched at once
    page = client.get(url, {"occupation_wanted_query": "accountant"}).content.decode()
    assert 'value="2411"' in page
    map_url = reverse("screening:map_occupation", kwargs={"pk": program.pk, "application_id": application.pk})
    response = client.post(map_url, {"column": "occupation_wanted", "code": "24"})  # not a unit group
    assert response.status_code == 200
    assert "fyra siffror" in response.content.decode()
    response = client.post(map_url, {"column": "occupation_wanted", "code": "2411"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.occupation_wanted == "2411"
    assert application.passes_requirements is True
    event = AuditEvent.objects.get(action="application.occupation_mapped")
    assert event.data == {"question": "occupation_wanted", "code": "2411", "previous": ""}
    assert "Damaskus" not in str(event.data)
    assert "kopplat från ”Revisor i Damaskus”" in client.get(url).content.decode()


def test_own_words_of_several_words_find_the_plain_occupation_first():
    # "A nurse in the children's ward": the nurse, not the children's words (Barnskötare, Förskollärare).
    hits = search_occupations("ممرضة في قسم الأطفال", language="sv")
    assert hits and hits[0].code == "2221", [(hit.code, hit.title) for hit in hits[:3]]
    assert search_occupations("revisor i damaskus", language="sv")[0].code == "2411"


@pytest.mark.django_db
def test_unmapped_own_words_never_pass_an_occupation_criterion_silently(client, coordinator, program):
    from tandem.factories import ApplicationFactory

    form = create_default_form(program, "mentee", now=timezone.now())
    application = ApplicationFactory(
        program=program, form=form, occupation_wanted="", occupation_wanted_text="ممرضة في قسم الأطفال"
    )
    add_criterion(program, "mentee", "occupation", importance="should", codes=["2221"], match_digits=4)
    screen(program)
    application.refresh_from_db()
    assert application.requirement_score == 0  # not 100: the occupation counts as not met until mapped
    assert [flag["outcome"] for flag in application.requirement_flags] == ["needs_mapping"]
    client.force_login(coordinator)
    record = reverse("screening:record", kwargs={"pk": program.pk, "application_id": application.pk})
    page = client.get(record).content.decode()
    assert "Yrket behöver kopplas" in page
    radios = re.findall(r'name="code" value="(\d{4})"', page)
    assert radios[0] == "2221", radios  # the plain occupation is suggested first
    queue = client.get(reverse("screening:queue", kwargs={"pk": program.pk})).content.decode()
    assert "Yrket behöver kopplas" in queue
    map_url = reverse("screening:map_occupation", kwargs={"pk": program.pk, "application_id": application.pk})
    client.post(map_url, {"column": "occupation_wanted", "code": "2221"})
    application.refresh_from_db()
    assert application.requirement_score == 100 and application.requirement_flags == []
    assert "Yrket behöver kopplas" not in client.get(record).content.decode()
