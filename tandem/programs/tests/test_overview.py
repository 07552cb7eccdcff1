"""The overview: the whole set-up in summary, and the checklist before recruitment."""

import pytest

from tandem.lib.testing.pages import EN, SV
from tandem.programs.tests.helpers import overview_url

pytestmark = pytest.mark.django_db


def test_the_overview_summarises_the_set_up(client, coordinator, ready_program, django_assert_num_queries):
    client.force_login(coordinator)
    # 1 session, 2 user, 3 program (access check), 4 admin membership?, 5 program role,
    # 6 program with organisation and source, 7–13 its goals, meeting rules, common meetings,
    # budget lines, funding sources, partners, roles with their users: however many rows each has,
    # 14 the roles that have a must-criterion in their requirement profile (tandem.requirements)
    with django_assert_num_queries(14):
        html = client.get(overview_url(ready_program), **EN).content.decode()
    for text in [
        "Nyanlända ekonomer ska komma in i sitt yrke.",
        "Andel adepter i kvalificerat arbete 6 månader efter slutet: 60%",
        "6 months",
        "1 Feb 2027 – 1 Aug 2027",
        "Months 1–2: every 2 weeks",
        "From month 3 to the end: every month",
        "9 pair meetings planned",
        "Kickoff: week 0 (1 Feb 2027)",
        "Karin Koordinator – Program coordinator (planning)",
        "Per Partner – Partner coordinator (running)",
        "SEK\xa0100,000",
        "Everything needed to open recruitment is in place.",
        "Open recruitment",
    ]:
        assert text in html, text


def test_open_items_link_to_their_step_in_swedish(client, coordinator, program):
    client.force_login(coordinator)
    html = client.get(overview_url(program), **SV).content.decode()
    assert "Beskriv programmets syfte." in html
    assert f'href="/programs/{program.pk}/setup/purpose/"' in html
    assert "Ingen egen delfinansiering är planerad." in html
    assert "Allt som behövs för att öppna rekryteringen" not in html


def test_the_viewer_sees_the_checklist_without_links(client, viewer, program):
    client.force_login(viewer)
    html = client.get(overview_url(program), **EN).content.decode()
    assert "Describe the purpose of the program." in html
    assert "Fix it" not in html
    assert "Read the set-up" in html
