"""The demo's actual costs: dated entries (reports.ActualCost), as a coordinator books them on the costs
page, so that the dashboard, the costs page and the funder reports tell the same story.

Each budget line's spent share is split into monthly entries from the program's start to `until`. Who
pays: the recruitment, matching, communication and handbook lines are booked on Allmänna Arvsfonden
(its whole share); the common meetings, the support and the evaluation on the ESF+ (half of each, the
rest being co-financed), and every third entry on the organisation's own money. Made in one bulk insert.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tandem.programs.models import BudgetLine, FundingSource, Program
from tandem.reports.models import ActualCost

ESF_LINES = {
    BudgetLine.CostItem.COMMON_MEETINGS,
    BudgetLine.CostItem.SUPPORT,
    BudgetLine.CostItem.EVALUATION,
}
DESCRIPTIONS = {
    BudgetLine.CostItem.RECRUITMENT: "Annonsering och informationsträffar",
    BudgetLine.CostItem.MATCHING: "Intervjuer och matchning, arbetstid",
    BudgetLine.CostItem.COMMUNICATION: "Trycksaker och webb",
    BudgetLine.CostItem.HANDBOOK: "Handbok för paren, layout",
    BudgetLine.CostItem.COMMON_MEETINGS: "Lokal och fika, gemensam träff",
    BudgetLine.CostItem.SUPPORT: "Samordnarens stöd till paren",
    BudgetLine.CostItem.EVALUATION: "Uppföljning och utvärdering",
}


def month_days(start: date, until: date) -> list[date]:
    """The 15th of each month from the start's month to the one of `until` (at least one day, never
    after `until`)."""
    days = []
    day = start.replace(day=15)
    while day <= until:
        if day >= start:
            days.append(day)
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=15)
    return days or [min(start, until)]


def book_demo_costs(program: Program, *, spent: Decimal, until: date) -> list[ActualCost]:
    """Book `spent` (a share, 0–1) of each budget line's planned amount as dated actual costs."""
    assert program.start_date is not None
    sources = {source.kind: source for source in program.funding_sources.all()}
    own = sources.get(FundingSource.Kind.OWN)
    days = month_days(program.start_date, until)
    entries = []
    for line in program.budget_lines.order_by("pk"):
        total = (line.planned_amount * spent).quantize(Decimal("1"))
        if line.cost_item in ESF_LINES and FundingSource.Kind.ESF in sources:
            funder, share = sources[FundingSource.Kind.ESF], Decimal("50")
        else:
            funder, share = sources.get(FundingSource.Kind.ARVSFONDEN), Decimal("100")
        each = (total / len(days)).quantize(Decimal("1"))
        for n, day in enumerate(days):
            amount = each if n < len(days) - 1 else total - each * (len(days) - 1)
            on_own = own is not None and n % 3 == 2
            entries.append(
                ActualCost(
                    budget_line=line,
                    funding_source=own if on_own else funder,
                    spent_on=day,
                    amount=amount,
                    funder_share=Decimal("100") if on_own else share,
                    description=DESCRIPTIONS.get(line.cost_item, ""),
                )
            )
    return ActualCost.objects.bulk_create(entries)
