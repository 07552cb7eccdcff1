"""The demo's running program on its health page: the pairs that need action, two follow-up marks and
last week's snapshot, so that the change since last week shows."""

from datetime import date

import pytest

from tandem.demo.services import RUNNING_PROGRAM, load_demo
from tandem.health import services
from tandem.mentoring.models import FollowUpNote
from tandem.programs.models import Program

TODAY = date(2026, 11, 27)


@pytest.mark.slow
def test_the_health_page_of_the_running_demo_program_has_something_to_show(db):
    load_demo(today=TODAY)
    program = Program.objects.get(name=RUNNING_PROGRAM)
    rules = services.rules_for(program, today=TODAY)
    counts = services.counts(program, rules)
    assert counts["silent"] == 2 and counts["paused"] == 1 and counts["help"] == 1 and counts["behind"] >= 2
    reasons = [kinds for _row, kinds in services.health_of(program, rules).of_kind()]
    assert ["paused"] in reasons and any("silent" in r for r in reasons)
    changes = services.changes(counts, services.last_week(program, today=TODAY))
    assert any(changes.values())
    marks = FollowUpNote.objects.filter(mentorship__pair__program=program, kind="contacted")
    assert marks.count() == 2 and all(mark.created_by is not None for mark in marks)
    load_demo(today=TODAY)  # a second run adds nothing
    assert FollowUpNote.objects.filter(mentorship__pair__program=program).count() == 2
