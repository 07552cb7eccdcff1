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
    program's end), and none before `start`."""
    length = length_months or OPEN_ENDED_MONTHS
    dates: set[date] = set()
    for rule in rules:
        if rule.every <= 0:
            continue
        last_month = min(rule.to_month or length, length)
        if last_month < rule.from_month:
            continue
        stretch_start = add_months(start, rule.from_month - 1)
        stretch_end = add_months(start, last_month)  # the first day after the stretch
        step = 0
        while True:
            if rule.unit == "months":
                day = add_months(stretch_start, step * rule.every)
            else:
                day = stretch_start + timedelta(weeks=step * rule.every)
            if day >= stretch_end:
                break
            dates.add(day)
            step += 1
    return sorted(d for d in dates if d >= start and (until is None or d <= until))


def pair_end(*, started_on: date, program_start: date | None, length_months: int | None) -> date | None:
    """When a pair ends: the program's end if it has a start and a length, else the pair's start plus the
    program's length; None without a length."""
    if not length_months:
        return None
    if program_start is not None:
        return add_months(program_start, length_months)
    return add_months(started_on, length_months)
