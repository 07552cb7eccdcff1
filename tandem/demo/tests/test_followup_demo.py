"""The demo's running program has its follow-up: the start-up survey closed with about 70 % answered
(some by phone), the mid-term evaluation open with a few answers in, and no e-mail for any of it."""

from datetime import date

import pytest

from tandem.demo.services import RUNNING_PROGRAM, load_demo
from tandem.followup.figures import figures_for
from tandem.followup.models import Response, Round
from tandem.outbox.models import OutboxMessage
from tandem.programs.models import Program

TODAY = date(2026, 11, 27)


@pytest.mark.slow
def test_the_running_program_has_a_closed_start_up_round_and_an_open_mid_term(db):
    load_demo(today=TODAY)
    program = Program.objects.get(name=RUNNING_PROGRAM)
    startup = Round.objects.get(program=program, step="startup")
    assert startup.closed_at is not None
    figures = figures_for(startup)
    assert figures.invited >= 40 and 55 <= (figures.rate or 0) <= 85
    assert Response.objects.filter(round=startup, channel="phone", entered_by__isnull=False).exists()
    midterm = Round.objects.get(program=program, step="midterm")
    assert midterm.opens_on == TODAY and midterm.opened_at is not None and midterm.closed_at is None
    assert Response.objects.filter(round=midterm).exists()
    assert not OutboxMessage.objects.filter(kind="followup/emails/invitation").exists()
    before = (Round.objects.count(), Response.objects.count())
    load_demo(today=TODAY)  # a second run changes nothing
    assert (Round.objects.count(), Response.objects.count()) == before
