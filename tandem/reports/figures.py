"""The dashboard's figures, computed from plain rows (no database): testable alone.

Decisions:

- The funnel counts people (applications), not pairs: a mentor with two mentees counts once.
- Matched: in a pair that is waiting for answers or active. Started: in a mentorship with at least one
  logged meeting. Still active: in a mentorship that is running or paused. Completed: in a mentorship
  marked completed.
- Meetings held against the plan: logged meetings against the planned meetings (not dropped) whose date
  has come or that a log already made held (a meeting held a few days early counts as the planned one),
  month by month.
- Budget used: per cost item, the actual costs entered (reports.ActualCost); a line without entries
  counts the single actual amount the set-up wizard recorded, if any (`programs.finance.line_actual`, the
  rule the program's overview counts by too). That figure has no date, so the
  funder reports (which count costs dated in their period) leave it out: `BudgetRow.undated` keeps it
  apart so that the dashboard and the costs page can say so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tandem.programs.finance import line_actual

ROLES = ("mentee", "mentor")
STAGES = ("applications", "accepted", "matched", "started", "active", "completed")
LIVE_PAIR = ("awaiting", "active")
OPEN_MENTORSHIP = ("running", "paused")
ZERO = Decimal("0")


@dataclass(frozen=True)
class PairRow:
    mentee_id: int
    mentor_id: int
    pair_status: str
    mentorship_status: str | None  # None: no mentorship (yet)
    has_meeting: bool


@dataclass(frozen=True)
class Funnel:
    """stage -> role -> number of people."""

    counts: dict[str, dict[str, int]]

    def get(self, stage: str, role: str) -> int:
        return self.counts[stage][role]


def funnel(application_counts: Iterable[tuple[str, str, int]], pairs: Iterable[PairRow]) -> Funnel:
    """`application_counts`: (role, status, n) rows; `pairs`: one row per pair of the program."""
    counts: dict[str, dict[str, int]] = {stage: dict.fromkeys(ROLES, 0) for stage in STAGES}
    for role, status, n in application_counts:
        if role not in ROLES:
            continue
        counts["applications"][role] += n
        if status == "accepted":
            counts["accepted"][role] += n
    people: dict[str, dict[str, set[int]]] = {stage: {role: set() for role in ROLES} for stage in STAGES[2:]}
    for row in pairs:
        stages = []
        if row.pair_status in LIVE_PAIR:
            stages.append("matched")
        if row.mentorship_status is not None and row.has_meeting:
            stages.append("started")
        if row.mentorship_status in OPEN_MENTORSHIP:
            stages.append("active")
        if row.mentorship_status == "completed":
            stages.append("completed")
        for stage in stages:
            people[stage]["mentee"].add(row.mentee_id)
            people[stage]["mentor"].add(row.mentor_id)
    for stage, by_role in people.items():
        for role, ids in by_role.items():
            counts[stage][role] = len(ids)
    return Funnel(counts)


@dataclass(frozen=True)
class MonthRow:
    month: date
    planned: int
    held: int


def meetings_by_month(
    planned: Iterable[tuple[date, int]], held: Iterable[tuple[date, int]]
) -> list[MonthRow]:
    """Planned and held meetings per month (first day of the month), months with neither left out."""
    plan: dict[date, int] = defaultdict(int)
    done: dict[date, int] = defaultdict(int)
    for month, n in planned:
        plan[month.replace(day=1)] += n
    for month, n in held:
        done[month.replace(day=1)] += n
    return [MonthRow(month, plan[month], done[month]) for month in sorted(set(plan) | set(done))]


@dataclass(frozen=True)
class BudgetRow:
    cost_item: str
    planned: Decimal
    actual: Decimal
    undated: Decimal = ZERO  # the part of `actual` that is the set-up wizard's undated figure

    @property
    def used_percent(self) -> Decimal | None:
        if self.planned <= ZERO:
            return None
        return (self.actual * 100 / self.planned).quantize(Decimal("1"))


@dataclass(frozen=True)
class LineRow:
    line_id: int
    cost_item: str
    planned: Decimal
    recorded_actual: Decimal | None  # the wizard's single figure


def budget_by_item(lines: Iterable[LineRow], entered: dict[int, Decimal]) -> list[BudgetRow]:
    """Per cost item (in the order of first appearance), planned against used; `entered` is the sum of
    actual costs per budget line id."""
    planned: dict[str, Decimal] = {}
    actual: dict[str, Decimal] = {}
    undated: dict[str, Decimal] = {}
    for line in lines:
        planned[line.cost_item] = planned.get(line.cost_item, ZERO) + line.planned
        booked = entered.get(line.line_id)
        used = line_actual(line.recorded_actual, booked)
        if booked is None:
            undated[line.cost_item] = undated.get(line.cost_item, ZERO) + used
        actual[line.cost_item] = actual.get(line.cost_item, ZERO) + used
    return [BudgetRow(item, planned[item], actual[item], undated.get(item, ZERO)) for item in planned]


def percent(part: int, whole: int) -> int | None:
    return None if whole <= 0 else round(part * 100 / whole)


@dataclass(frozen=True)
class RoleRate:
    role: str
    invited: int
    answered: int  # sent answers of those invited

    @property
    def rate(self) -> int | None:
        return percent(self.answered, self.invited)


@dataclass(frozen=True)
class RoundRates:
    """A follow-up round's response rate by role. Anonymous on-site answers have no invitation: they are
    counted apart and left out of the rate (nobody knows whose they are)."""

    round_id: int
    step: str
    opens_on: date
    roles: list[RoleRate]
    anonymous: int

    @property
    def invited(self) -> int:
        return sum(r.invited for r in self.roles)

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.roles)

    @property
    def rate(self) -> int | None:
        return percent(self.answered, self.invited)


def response_rates(
    rounds: Iterable[tuple[int, str, date]],
    invitations: Iterable[tuple[int, str, int, int]],
    anonymous: Iterable[tuple[int, int]],
) -> list[RoundRates]:
    """`rounds`: (id, step, opens on) in order; `invitations`: (round id, role, invited, answered);
    `anonymous`: (round id, sent answers without an invitation)."""
    counts: dict[tuple[int, str], tuple[int, int]] = {}
    for round_id, role, invited, answered in invitations:
        before = counts.get((round_id, role), (0, 0))
        counts[(round_id, role)] = (before[0] + invited, before[1] + answered)
    unnamed: dict[int, int] = defaultdict(int)
    for round_id, n in anonymous:
        unnamed[round_id] += n
    return [
        RoundRates(
            round_id,
            step,
            opens_on,
            [RoleRate(role, *counts.get((round_id, role), (0, 0))) for role in ROLES],
            unnamed[round_id],
        )
        for round_id, step, opens_on in rounds
    ]
