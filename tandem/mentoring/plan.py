"""A pair's suggested meeting plan: dates from the program's meeting rules, counted from the pair's start.

Pure (no database), like `programs.meetings`, whose rules it follows: a rule covers whole months of the
pair's life, month m beginning m − 1 calendar months after the start; its first meeting falls on the first
day of that stretch, then one every N weeks (or N months) while the stretch lasts. Every 2 weeks in months
1–2 and then monthly through month 6 gives 5 + 4 = 9 dates, as `programs.meetings` counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from tandem.programs.meetings import RuleSpan
from tandem.programs.models import add_months

OPEN_ENDED_MONTHS = 12
"""How far a rule without an end reaches when the program has no length yet."""


def suggested_dates(
    rules: Iterable[RuleSpan], *, start: date, length_months: int | None, until: date | None = None
) -> list[date]:
    """The dates the rules suggest for a pair that started on `start`, sorted, each once.

    `length_months` ends the open-ended rules (12 months without it); no date falls after `until` (e.g. the
    program's end), and none before `start`. Two things keep the plan livable without changing how many
    meetings it has (the wizard's count): a rule that takes over from an earlier one starts no sooner than
    one of the earlier rule's intervals after its last meeting, its meetings spread evenly over the rest of
    its stretch (fortnightly then monthly never puts two meetings five days apart); and a date on a
    Saturday or Sunday moves to the Monday after.
    """
    length = length_months or OPEN_ENDED_MONTHS
    dates: set[date] = set()
    spans = sorted((rule for rule in rules if rule.every > 0), key=lambda rule: rule.from_month)
    # The last meeting so far, its rule's interval and its rule's first month.
    previous: tuple[date, timedelta, int] | None = None
    for rule in spans:
        last_month = min(rule.to_month or length, length)
        if last_month < rule.from_month:
            continue
        stretch_start = add_months(start, rule.from_month - 1)
        stretch_end = add_months(start, last_month)  # the first day after the stretch
        days = _rule_dates(rule, stretch_start, stretch_end)
        if not days:
            continue
        takes_over = previous is not None and rule.from_month > previous[2]
        if previous is not None and takes_over and days[0] < previous[0] + previous[1]:
            days = _spread(len(days), previous[0] + previous[1], stretch_end)
        dates.update(days)
        interval = (days[1] - days[0]) if len(days) > 1 else (stretch_end - days[0])
        if previous is None or days[-1] >= previous[0]:
            previous = (days[-1], interval, rule.from_month)
    moved = {_weekday(day) for day in dates}
    return sorted(d for d in moved if d >= start and (until is None or d <= until))


def _rule_dates(rule: RuleSpan, stretch_start: date, stretch_end: date) -> list[date]:
    """The rule's dates in its stretch, by the calendar: the first day, then every N weeks or months."""
    days: list[date] = []
    step = 0
    while True:
        if rule.unit == "months":
            day = add_months(stretch_start, step * rule.every)
        else:
            day = stretch_start + timedelta(weeks=step * rule.every)
        if day >= stretch_end:
            return days
        days.append(day)
        step += 1


def _spread(count: int, first: date, stretch_end: date) -> list[date]:
    """`count` dates from `first`, evenly spaced before `stretch_end` (all on `first` if no room is left)."""
    room = max((stretch_end - first).days, 0)
    return [first + timedelta(days=room * index // count) for index in range(count)]


def _weekday(day: date) -> date:
    """A weekend day moves to the Monday after; weekdays stay."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def pair_end(*, started_on: date, program_start: date | None, length_months: int | None) -> date | None:
    """When a pair ends: the program's end if it has a start and a length, else the pair's start plus the
    program's length; None without a length."""
    if not length_months:
        return None
    if program_start is not None:
        return add_months(program_start, length_months)
    return add_months(started_on, length_months)
