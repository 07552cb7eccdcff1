"""The readiness checklist: what is still missing before recruitment can open."""

from decimal import Decimal

import pytest

from tandem.programs import readiness
from tandem.programs.models import FundingSource, Goal, ProgramRole
from tandem.programs.services import program_with_setup

pytestmark = pytest.mark.django_db


def codes(program):
    return {item.code for item in readiness.open_items(program_with_setup(program.pk))}


def test_a_new_program_misses_everything(program, coordinator):
    assert codes(program) == {
        "no_purpose",
        "no_goals",
        "no_dates",
        "no_meeting_rules",
        "no_targets",
        "no_own_cofinancing",
        "no_requirement_profile",
    }


def test_a_program_with_no_coordinator_is_not_ready(program):
    assert "no_coordinator" in codes(program)


def test_a_fully_set_up_program_is_ready(ready_program):
    assert codes(ready_program) == set()
    assert readiness.blocking_items(program_with_setup(ready_program.pk)) == []


def test_a_goal_without_a_target_blocks(ready_program):
    Goal.objects.create(
        program=ready_program, description="Nätverk", indicator="Antal kontakter", target_value=None
    )
    assert codes(ready_program) == {"goal_not_measurable"}


def test_funding_short_of_the_budget_is_a_warning_to_acknowledge_not_a_block(ready_program):
    ready_program.funding_sources.filter(kind="arvsfonden").update(amount_granted=Decimal("10000"))
    items = readiness.open_items(program_with_setup(ready_program.pk))
    assert [(item.code, item.blocking, item.acknowledge) for item in items] == [
        ("budget_not_covered", False, True)
    ]
    assert items[0].link.endswith("/setup/financing/")


def test_missing_own_cofinancing_is_advice_not_a_blocker(ready_program):
    ready_program.funding_sources.filter(kind=FundingSource.Kind.OWN).delete()
    ready_program.funding_sources.update(amount_granted=Decimal("100000"))
    items = readiness.open_items(program_with_setup(ready_program.pk))
    assert [(item.code, item.blocking) for item in items] == [("no_own_cofinancing", False)]


def test_only_viewers_and_partner_coordinators_is_no_coordinator(ready_program, coordinator):
    ProgramRole.objects.filter(user=coordinator).update(role=ProgramRole.Role.VIEWER)
    item = next(
        i for i in readiness.open_items(program_with_setup(ready_program.pk)) if i.code == "no_coordinator"
    )
    assert item.blocking
    assert item.link.endswith("/setup/organisation/")


def test_a_later_feature_can_add_its_own_check(ready_program, monkeypatch):
    monkeypatch.setattr(readiness, "CHECKS", list(readiness.CHECKS))

    @readiness.readiness_check
    def requirement_profile(program):
        return readiness.OpenItem("no_profile", "Write the requirement profile.", True, "/somewhere/")

    assert codes(ready_program) == {"no_profile"}
