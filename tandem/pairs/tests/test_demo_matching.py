"""The demo's program in its matching phase: a newcomer can run, adjust and publish straight away."""

from datetime import date

import pytest

from tandem.applications.models import Application
from tandem.demo.matching import PROGRAM_NAME, load_matching_demo
from tandem.outbox.models import OutboxMessage
from tandem.pairs import services
from tandem.programs.models import ProgramRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_program(org, partner_org, coordinator, viewer):
    working_group = [
        (coordinator, ProgramRole.Role.COORDINATOR, {"plans": True}),
        (viewer, ProgramRole.Role.VIEWER, {}),
    ]
    # the cast's roles belong to the cast's program; the demo gives them roles in its own program
    return load_matching_demo(org, partner_org, working_group, today=date(2026, 11, 27))


def test_the_demo_program_is_ready_to_match(demo_program, coordinator):
    assert demo_program.name == PROGRAM_NAME and demo_program.state == "matching"
    accepted = Application.objects.filter(program=demo_program, status="accepted")
    assert accepted.filter(role="mentee").count() == 40
    assert accepted.filter(role="mentor").count() == 30
    assert not OutboxMessage.objects.exists(), "the demo sends no e-mail"
    assert demo_program.roles.count() == 2

    run = services.start_run(demo_program, by=coordinator, now=demo_program.created_at)
    assert run.status == "done"
    assert 30 <= run.matched_count <= 36, "every place taken, a few mentees left for the waitlist"
    assert run.unmatched.exists()


def test_loading_the_demo_twice_reuses_the_program(demo_program, org, partner_org):
    again = load_matching_demo(org, partner_org, [], today=date(2026, 11, 27))
    assert again == demo_program
    assert Application.objects.filter(program=demo_program).count() == 70
