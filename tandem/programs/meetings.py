"""The meeting plan in numbers: how many pair meetings the rules add up to, and where common meetings fall.

A month is 52/12 weeks. A rule covers whole months (from its first month through its last, or through
the end of the program) and its first meeting is at the start of that stretch, so a stretch of D weeks
with a meeting every N weeks holds ceil(D / N) meetings; the same with months.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

WEEKS_PER_MONTH = Fraction(52, 12)


@dataclass(frozen=True)
class RuleSpan:
    """What a MeetingRule says, without the database: months from_month..to_month (None = the end)."""

    from_month: int
    to_month: int | None
    every: int
    unit: str  # "weeks" or "months"


def weeks_in(months: int) -> int:
    """Whole weeks a program of this many months lasts (a 6-month program ends in week 26)."""
    return math.ceil(months * WEEKS_PER_MONTH)


def meetings_in_rule(rule: RuleSpan, length_months: int) -> int:
    last = min(rule.to_month or length_months, length_months)
    months = last - rule.from_month + 1
    if months <= 0 or rule.every <= 0:
        return 0
    if rule.unit == "months":
        return math.ceil(Fraction(months, rule.every))
    return math.ceil(months * WEEKS_PER_MONTH / rule.every)


def planned_pair_meetings(rules: Iterable[RuleSpan], length_months: int | None) -> int | None:
    """The number of pair meetings the rules plan over the program, or None without a length.

    Every 2 weeks in months 1–2 (5 meetings) and then every month from month 3 of 6 (4) makes 9.
    """
    if not length_months:
        return None
    return sum(meetings_in_rule(rule, length_months) for rule in rules)


def default_common_meetings(length_months: int | None) -> list[dict[str, object]]:
    """The usual three common meetings for a new program: kickoff, mid-program, closing.

    Without a length yet, only the kickoff gets its week; the others wait for the coordinator.
    """
    weeks = weeks_in(length_months) if length_months else None
    return [
        {"kind": "kickoff", "week_offset": 0},
        {"kind": "midpoint", "week_offset": weeks // 2 if weeks else None},
        {"kind": "closing", "week_offset": weeks},
    ]
