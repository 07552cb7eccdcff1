"""Wizard step 1: purpose and measurable goals."""

from decimal import Decimal

import pytest

from tandem.lib.testing.pages import EN, SV, field_error
from tandem.programs.models import Goal
from tandem.programs.tests.helpers import described_by, rows, step_url

pytestmark = pytest.mark.django_db

GOAL = {
    "description": "Adepter i kvalificerat arbete",
    "indicator": "Andel adepter i kvalificerat arbete 6 månader efter slutet",
    "target_value": "60",
    "unit": "percent",
}


def purpose(goals=(), existing=(), **fields):
    return {
        "purpose": "Nyanlända ekonomer in i yrket.",
        "purpose_kind": "job_in_profession",
        **fields,
        **rows("goals", new=list(goals), existing=list(existing)),
    }


def test_saving_purpose_and_two_goals_continues_to_target_groups(client, coordinator, program):
    client.force_login(coordinator)
    second = {
        "description": "Nätverk",
        "indicator": "Antal nya yrkeskontakter per adept",
        "target_value": "5",
        "unit": "count",
    }
    response = client.post(step_url(program, "purpose"), {**purpose([GOAL, second]), "goto": "target-groups"})

    assert response["Location"] == step_url(program, "target-groups")
    program.refresh_from_db()
    assert program.purpose == "Nyanlända ekonomer in i yrket."
    assert [(g.description, g.target_value, g.unit, g.order) for g in program.goals.all()] == [
        ("Adepter i kvalificerat arbete", Decimal("60"), "percent", 0),
        ("Nätverk", Decimal("5"), "count", 1),
    ]


def test_an_empty_new_goal_row_is_skipped(client, coordinator, program):
    client.force_login(coordinator)
    client.post(step_url(program, "purpose"), {**purpose([GOAL, {"unit": "percent"}]), "goto": "purpose"})
    assert program.goals.count() == 1


@pytest.mark.parametrize(
    ("headers", "message"),
    [(SV, "Ange hur ni ska mäta målet."), (EN, "Say how you will measure this goal.")],
)
def test_a_goal_without_indicator_is_refused_and_nothing_is_saved(
    client, coordinator, program, headers, message
):
    client.force_login(coordinator)
    response = client.post(
        step_url(program, "purpose"),
        {**purpose([{**GOAL, "indicator": ""}], purpose="Nytt syfte"), "goto": "target-groups"},
        **headers,
    )
    assert response.status_code == 200
    assert field_error(response, "id_goals-0-indicator") == message
    assert described_by(response, "id_goals-0-indicator")
    assert 'value="Adepter i kvalificerat arbete"' in response.content.decode()  # what was typed stays
    program.refresh_from_db()
    assert program.purpose == ""
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("headers", "message"),
    [(SV, "Målvärdet kan inte vara negativt."), (EN, "The target cannot be negative.")],
)
def test_a_negative_target_is_refused(client, coordinator, program, headers, message):
    client.force_login(coordinator)
    response = client.post(step_url(program, "purpose"), purpose([{**GOAL, "target_value": "-5"}]), **headers)
    assert field_error(response, "id_goals-0-target_value") == message
    assert not Goal.objects.exists()


def test_a_goal_may_wait_for_its_target_in_a_draft(client, coordinator, program):
    client.force_login(coordinator)
    client.post(step_url(program, "purpose"), purpose([{**GOAL, "target_value": ""}]))
    assert program.goals.get().target_value is None


def test_removing_a_goal(client, coordinator, program):
    goal = Goal.objects.create(program=program, description="Gammalt", indicator="x", target_value=1)
    client.force_login(coordinator)
    client.post(
        step_url(program, "purpose"),
        purpose(
            existing=[
                {
                    "id": goal.pk,
                    "description": "Gammalt",
                    "indicator": "x",
                    "target_value": "1",
                    "unit": "percent",
                    "DELETE": True,
                }
            ]
        ),
    )
    assert not program.goals.exists()


def test_add_a_goal_saves_and_shows_one_more_empty_row(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(step_url(program, "purpose"), {**purpose([GOAL]), "add": "goals"})
    assert response["Location"] == step_url(program, "purpose") + "?goals_extra=1"
    assert program.goals.count() == 1

    html = client.get(response["Location"]).content.decode()
    assert 'name="goals-0-description"' in html  # the saved goal
    assert 'name="goals-1-description"' in html  # one empty row
    assert 'name="goals-2-description"' not in html

    response = client.post(
        step_url(program, "purpose"),
        {**purpose([{}], existing=[{**GOAL, "id": program.goals.get().pk}]), "add": "goals"},
    )
    assert response["Location"].endswith("?goals_extra=2")  # the empty row stays, plus one
    html = client.get(response["Location"]).content.decode()
    assert 'name="goals-2-description"' in html


def test_emptying_a_saved_goal_removes_it(client, coordinator, program):
    goal = Goal.objects.create(program=program, description="Gammalt", indicator="x", target_value=1)
    client.force_login(coordinator)
    response = client.post(
        step_url(program, "purpose"),
        purpose(existing=[{"id": goal.pk, "unit": "percent", "description": " "}]),
    )
    assert response.status_code == 302
    assert not program.goals.exists()
