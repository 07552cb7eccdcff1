"""The financing sums of a program: budget, funding, the gap between them, own share, cost per participant.

Decisions (also told to the coordinator in the financing step's help text):

- Granted funding counts every source's granted amount except rejected ones.
- The gap is the planned budget minus granted funding; a positive gap is money still missing.
- The own-financing share is own co-financing granted as a share of the planned budget (not of the
  funding), since funders ask how much of the program's cost the organiser carries itself.
- Cost per planned participant is the planned budget divided by planned mentees plus mentors.
- What a budget line has used (`line_actual`): the costs booked against it (reports.ActualCost, what the
  costs page lists and the funder reports count) when any are booked, else the single undated figure the
  set-up recorded. The overview, the financing step and the reports' dashboard all count it so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from tandem.programs.models import BudgetLine, FundingSource, Program

ZERO = Decimal("0")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class FinanceSummary:
    planned_budget: Decimal
    actual_cost: Decimal
    funding_applied: Decimal
    funding_granted: Decimal
    own_granted: Decimal
    has_own_cofinancing: bool
    participants: int

    @property
    def gap(self) -> Decimal:
        """Budget not yet covered by granted funding (negative when funding exceeds the budget)."""
        return self.planned_budget - self.funding_granted

    @property
    def is_covered(self) -> bool:
        return self.gap <= ZERO

    @property
    def own_share_percent(self) -> Decimal | None:
        if self.planned_budget <= ZERO:
            return None
        return (self.own_granted * HUNDRED / self.planned_budget).quantize(Decimal("0.1"))

    @property
    def cost_per_participant(self) -> Decimal | None:
        if self.participants <= 0:
            return None
        return (self.planned_budget / self.participants).quantize(Decimal("1"))


def _sum(amounts: Iterable[Decimal | None]) -> Decimal:
    return sum((amount for amount in amounts if amount is not None), ZERO)


def line_actual(recorded: Decimal | None, booked: Decimal | None) -> Decimal:
    """What a budget line has used: its booked costs' sum (None: none booked), else the set-up's figure."""
    if booked is not None:
        return booked
    return recorded or ZERO


# A budget line's booked costs summed (None when none are booked), annotated as `booked`.
BOOKED = Sum("actual_costs__amount")


def with_booked(lines: QuerySet[BudgetLine]) -> QuerySet[BudgetLine]:
    """The budget lines, each with `booked` (`BOOKED`), in the same query."""
    return lines.annotate(booked=BOOKED)


def summarise(
    budget_lines: Iterable[BudgetLine], funding_sources: Iterable[FundingSource], participants: int
) -> FinanceSummary:
    """`budget_lines` carry `booked` (see `with_booked`); a line without it (not saved yet) has none."""
    lines = list(budget_lines)
    sources = [source for source in funding_sources if source.status != FundingSource.Status.REJECTED]
    own = [source for source in sources if source.kind == FundingSource.Kind.OWN]
    return FinanceSummary(
        planned_budget=_sum(line.planned_amount for line in lines),
        actual_cost=_sum(line_actual(line.actual_amount, getattr(line, "booked", None)) for line in lines),
        funding_applied=_sum(source.amount_applied for source in sources),
        funding_granted=_sum(source.amount_granted for source in sources),
        own_granted=_sum(source.amount_granted for source in own),
        has_own_cofinancing=any(
            (source.amount_granted or ZERO) > ZERO or (source.amount_applied or ZERO) > ZERO for source in own
        ),
        participants=participants,
    )


def program_finances(program: Program) -> FinanceSummary:
    """The summary from the program's saved lines and sources: no query for what is prefetched (the budget
    lines through `budget_lines_prefetch`, so that they carry their booked costs), else one each."""
    prefetched = getattr(program, "_prefetched_objects_cache", {})
    lines = (
        program.budget_lines.all()
        if "budget_lines" in prefetched
        else with_booked(program.budget_lines.all())
    )
    return summarise(lines, program.funding_sources.all(), program.planned_participants)


def budget_lines_prefetch() -> Prefetch:
    """Prefetch a program's budget lines with their booked costs, for `program_finances`."""
    return Prefetch("budget_lines", queryset=with_booked(BudgetLine.objects.all()))
