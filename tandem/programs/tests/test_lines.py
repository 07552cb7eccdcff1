"""Program lines: every program linked by copying, either way, within one organisation, earliest first."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.factories import ProgramFactory
from tandem.programs.lines import cohorts, line_of
from tandem.programs.models import Program


def test_a_line_is_every_program_linked_by_copying_either_way():
    this = Program(pk=3)
    rows = [(1, None), (2, 1), (3, 2), (4, 3), (5, None), (6, 5)]
    assert line_of(this, rows) == {1, 2, 3, 4}


@pytest.mark.django_db
def test_the_cohorts_of_a_line_come_earliest_first_in_one_query(
    program, other_program, django_assert_num_queries
):
    first = ProgramFactory(organisation=program.organisation, name="2024", start_date=date(2024, 2, 1))
    later = ProgramFactory(organisation=program.organisation, name="2026", start_date=date(2026, 2, 1))
    ProgramFactory(organisation=program.organisation, name="Unrelated", start_date=date(2025, 2, 1))
    program.copied_from, program.start_date = first, date(2025, 2, 1)
    program.save()
    later.copied_from = program
    later.save()
    other_program.copied_from = program  # another organisation's copy is not in the line
    other_program.save()
    with django_assert_num_queries(1):
        found = cohorts(program)
    assert [p.name for p in found] == ["2024", program.name, "2026"]
