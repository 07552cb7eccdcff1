"""The suggested meeting plan, from the program's meeting rules counted from the pair's start."""

from datetime import date, timedelta
from functools import partial

from tandem.mentoring.plan import match_window, pair_end, suggested_dates
from tandem.programs.meetings import RuleSpan, planned_pair_meetings

FORTNIGHTLY_THEN_MONTHLY = [RuleSpan(1, 2, 2, "weeks"), RuleSpan(3, None, 1, "months")]


def test_every_two_weeks_in_months_one_and_two_then_monthly():
    dates = suggested_dates(FORTNIGHTLY_THEN_MONTHLY, start=date(2026, 3, 2), length_months=6)
    assert dates == [
        date(2026, 3, 2),
        date(2026, 3, 16),
        date(2026, 3, 30),
        date(2026, 4, 13),
        date(2026, 4, 27),
        # Monthly from month 3 (2 May), but not five days after the last fortnightly meeting: from two
        # weeks after it, the four monthly meetings spread over what is left of the six months.
        date(2026, 5, 11),
        date(2026, 6, 8),
        date(2026, 7, 7),
        date(2026, 8, 4),
    ]


def test_no_meeting_is_suggested_on_a_weekend():
    saturday = date(2026, 3, 7)
    dates = suggested_dates(FORTNIGHTLY_THEN_MONTHLY, start=saturday, length_months=6)
    assert dates[0] == date(2026, 3, 9)  # the Monday after
    assert all(day.weekday() < 5 for day in dates)
    assert len(dates) == planned_pair_meetings(FORTNIGHTLY_THEN_MONTHLY, 6)


def test_meetings_of_consecutive_rules_keep_the_earlier_rules_distance():
    for start in (date(2026, 1, 5), date(2026, 2, 2), date(2026, 3, 2), date(2026, 9, 14)):
        dates = suggested_dates(FORTNIGHTLY_THEN_MONTHLY, start=start, length_months=6)
        gaps = [(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)]
        assert min(gaps) >= 12, (start, gaps)  # a weekend move may take two days off a fortnight


def test_the_plan_has_as_many_meetings_as_the_wizard_counts():
    for length in (3, 6, 9, 12):
        dates = suggested_dates(FORTNIGHTLY_THEN_MONTHLY, start=date(2026, 1, 31), length_months=length)
        assert len(dates) == planned_pair_meetings(FORTNIGHTLY_THEN_MONTHLY, length)


def test_month_ends_are_kept_inside_short_months():
    dates = suggested_dates([RuleSpan(1, None, 1, "months")], start=date(2025, 1, 31), length_months=3)
    assert dates == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]  # a Friday, Friday, Monday


def test_no_date_after_the_end_and_overlapping_rules_give_each_date_once():
    rules = [RuleSpan(1, None, 2, "weeks"), RuleSpan(1, None, 4, "weeks")]
    dates = suggested_dates(rules, start=date(2026, 1, 5), length_months=6, until=date(2026, 2, 16))
    assert dates == [date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2), date(2026, 2, 16)]


def test_without_a_length_open_rules_run_for_a_year_and_without_rules_nothing_is_suggested():
    assert (
        len(suggested_dates([RuleSpan(1, None, 1, "months")], start=date(2026, 1, 1), length_months=None))
        == 12
    )
    assert suggested_dates([], start=date(2026, 1, 1), length_months=6) == []
    assert suggested_dates([RuleSpan(8, 9, 1, "months")], start=date(2026, 1, 1), length_months=6) == []


def test_a_pair_ends_with_the_program_or_after_the_programs_length():
    start = date(2026, 3, 10)
    assert pair_end(started_on=start, program_start=date(2026, 3, 1), length_months=6) == date(2026, 9, 1)
    assert pair_end(started_on=start, program_start=None, length_months=6) == date(2026, 9, 10)
    assert pair_end(started_on=start, program_start=date(2026, 3, 1), length_months=None) is None


def test_swedish_public_holidays_fixed_and_easter_based():
    from tandem.mentoring.plan import easter_sunday, next_working_day, swedish_holidays

    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
    ]
    days = swedish_holidays(2026)
    assert {
        date(2026, 1, 1),
        date(2026, 1, 6),
        date(2026, 4, 3),  # långfredagen
        date(2026, 4, 6),  # annandag påsk
        date(2026, 5, 1),
        date(2026, 5, 14),  # Kristi himmelsfärd
        date(2026, 6, 6),
        date(2026, 6, 19),  # midsommarafton
        date(2026, 10, 31),  # alla helgons dag
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 31),
    } <= days
    assert date(2026, 12, 23) not in days
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)  # juldagen, a Friday → Monday
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert next_working_day(date(2027, 12, 24)) == date(2027, 12, 27)  # julafton on a Friday
    assert next_working_day(date(2026, 4, 3)) == date(2026, 4, 7)  # långfredagen → the Tuesday after Easter
    assert next_working_day(date(2026, 12, 22)) == date(2026, 12, 22)


def test_no_meeting_is_suggested_on_christmas_day():
    dates = suggested_dates(
        [RuleSpan(from_month=1, to_month=None, every=1, unit="months")],
        start=date(2026, 8, 25),
        length_months=6,
    )
    assert date(2026, 12, 25) not in dates
    assert date(2026, 12, 28) in dates


def test_a_logs_window_is_half_the_rules_interval_at_most_a_week():
    start = date(2026, 3, 2)
    window = partial(match_window, FORTNIGHTLY_THEN_MONTHLY, start=start)
    assert window(day=date(2026, 3, 20)) == timedelta(days=7)  # every 2 weeks: 7 days
    assert window(day=date(2026, 6, 1)) == timedelta(days=7)  # monthly: 15 days, capped at a week
    assert match_window([RuleSpan(1, None, 1, "weeks")], start=start, day=start) == timedelta(days=3)
    assert match_window([], start=start, day=start) == timedelta(days=7)  # meetings the pair added
