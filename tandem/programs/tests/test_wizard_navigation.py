"""Moving around the wizard: every way off a page saves it; who may read and who may change."""

import pytest

from tandem.lib.testing.pages import EN
from tandem.programs.tests.helpers import rows, step_url
from tandem.programs.wizard import SLUGS, completed_steps

pytestmark = pytest.mark.django_db

HALF_DONE = {
    "purpose": "Halvfärdigt syfte",
    "purpose_kind": "network",
    **rows("goals", new=[{"unit": "percent"}]),
}


@pytest.mark.parametrize("goto", ["financing", "ambition", "purpose"])
def test_the_step_list_saves_then_goes_where_asked(client, coordinator, program, goto):
    client.force_login(coordinator)
    response = client.post(step_url(program, "purpose"), {**HALF_DONE, "goto": goto})
    assert response["Location"] == step_url(program, goto)
    program.refresh_from_db()
    assert (program.purpose, program.purpose_kind) == ("Halvfärdigt syfte", "network")


def test_the_last_step_continues_to_the_overview(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(
        step_url(program, "financing"), {**rows("budget"), **rows("funding"), "goto": "overview"}
    )
    assert response["Location"] == f"/programs/{program.pk}/"


def test_an_unknown_destination_stays_on_the_page(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(step_url(program, "target-groups"), {"goto": "elsewhere"})
    assert response["Location"] == step_url(program, "target-groups")


def test_the_target_groups_step_saves(client, coordinator, program):
    client.force_login(coordinator)
    client.post(
        step_url(program, "target-groups"),
        {
            "mentee_target_group": "Nyanlända ekonomer",
            "mentor_target_group": "Ekonomer i arbete",
            "goto": "ambition",
        },
    )
    program.refresh_from_db()
    assert (program.mentee_target_group, program.mentor_target_group) == (
        "Nyanlända ekonomer",
        "Ekonomer i arbete",
    )
    assert "target-groups" in completed_steps(program)


def test_the_progress_shows_the_step_and_which_steps_are_complete(client, coordinator, ready_program):
    client.force_login(coordinator)
    html = client.get(step_url(ready_program, "target-groups"), **EN).content.decode()
    assert "Step 2 of 5" in html
    assert 'value="target-groups" class="nav-link active" aria-current="step"' in html
    assert html.count("(complete)") == 5


def test_completeness_is_computed_from_saved_data(program, coordinator):
    assert completed_steps(program) == {"organisation"}


def test_a_viewer_reads_every_step_with_disabled_fields_and_no_buttons(client, viewer, ready_program):
    client.force_login(viewer)
    for slug in SLUGS:
        html = client.get(step_url(ready_program, slug), **EN).content.decode()
        assert "You can read this program but not change it." in html
        assert 'type="submit"' not in html.split('id="main"')[1].split("</main>")[0], slug
        assert "disabled" in html


@pytest.mark.parametrize("slug", SLUGS)
def test_a_viewers_post_is_forbidden_and_changes_nothing(client, viewer, ready_program, slug):
    client.force_login(viewer)
    response = client.post(step_url(ready_program, slug), {"purpose": "Kapat", "goto": slug})
    assert response.status_code == 403
    ready_program.refresh_from_db()
    assert ready_program.purpose != "Kapat"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_outsider_finds_nothing(client, outsider, program, slug):
    client.force_login(outsider)
    assert client.get(step_url(program, slug)).status_code == 404
    assert client.post(step_url(program, slug), {"purpose": "x"}).status_code == 404


def test_an_unknown_step_is_not_found(client, coordinator, program):
    client.force_login(coordinator)
    assert client.get(f"/programs/{program.pk}/setup/nonsense/").status_code == 404
