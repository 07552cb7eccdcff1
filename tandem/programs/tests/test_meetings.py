"""The meeting plan in numbers."""

import pytest

from tandem.factories import ProgramFactory
from tandem.programs.meetings import RuleSpan, default_common_meetings, planned_pair_meetings, weeks_in
from tandem.programs.models import MeetingRule


def test_every_two_weeks_then_monthly_over_six_months():
    rules = [RuleSpan(1, 2, 2, "weeks"), RuleSpan(3, None, 1, "months")]
    # months 1–2 last 8⅔ weeks: meetings in weeks 0, 2, 4, 6, 8 → 5; months 3–6 monthly → 4
    assert planned_pair_meetings(rules, 6) == 9


def test_monthly_for_a_year_is_twelve_meetings():
    assert planned_pair_meetings([RuleSpan(1, None, 1, "months")], 12) == 12


def test_weekly_for_a_year_is_fifty_two_meetings():
    assert planned_pair_meetings([RuleSpan(1, 12, 1, "weeks")], 12) == 52


def test_every_second_month_rounds_up_to_include_the_first_meeting():
    assert planned_pair_meetings([RuleSpan(1, None, 2, "months")], 9) == 5


def test_a_rule_is_cut_at_the_end_of_the_program():
    assert planned_pair_meetings([RuleSpan(1, 12, 1, "months")], 6) == 6


def test_a_rule_starting_after_the_end_adds_nothing():
    assert planned_pair_meetings([RuleSpan(7, None, 1, "months")], 6) == 0


def test_no_length_means_no_count_yet():
    assert planned_pair_meetings([RuleSpan(1, None, 1, "months")], None) is None


def test_no_rules_means_no_meetings():
    assert planned_pair_meetings([], 6) == 0


def test_weeks_in_a_program():
    assert [weeks_in(m) for m in (3, 6, 9, 12)] == [13, 26, 39, 52]


def test_usual_common_meetings_are_at_start_middle_and_end():
    assert default_common_meetings(6) == [
        {"kind": "kickoff", "week_offset": 0},
        {"kind": "midpoint", "week_offset": 13},
        {"kind": "closing", "week_offset": 26},
    ]
    assert [row["week_offset"] for row in default_common_meetings(None)] == [0, None, None]


@pytest.mark.django_db
def test_the_program_counts_its_saved_rules():
    program = ProgramFactory(length_months=6)
    MeetingRule.objects.create(program=program, from_month=1, to_month=2, every=2, unit="weeks")
    MeetingRule.objects.create(program=program, from_month=3, every=1, unit="months")
    assert program.planned_pair_meetings == 9
