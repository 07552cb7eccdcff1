"""The financing sums, in Decimal."""

from decimal import Decimal

from tandem.programs.finance import summarise
from tandem.programs.models import BudgetLine, FundingSource


def line(planned, actual=None):
    return BudgetLine(
        cost_item="recruitment", planned_amount=Decimal(planned), actual_amount=actual and Decimal(actual)
    )


def source(kind, *, applied=None, granted=None, status="granted"):
    return FundingSource(
        kind=kind,
        amount_applied=applied and Decimal(applied),
        amount_granted=granted and Decimal(granted),
        status=status,
    )


def test_totals_gap_own_share_and_cost_per_participant():
    summary = summarise(
        [line("100000", "40000"), line("50000.50")],
        [source("own", granted="30000"), source("arvsfonden", applied="150000", granted="100000")],
        participants=20,
    )
    assert summary.planned_budget == Decimal("150000.50")
    assert summary.actual_cost == Decimal("40000")
    assert summary.funding_applied == Decimal("150000")
    assert summary.funding_granted == Decimal("130000")
    assert summary.gap == Decimal("20000.50")
    assert not summary.is_covered
    assert summary.own_share_percent == Decimal("20.0")  # 30 000 of a 150 000.50 budget
    assert summary.cost_per_participant == Decimal("7500")
    assert summary.has_own_cofinancing


def test_funding_beyond_the_budget_leaves_a_negative_gap_and_counts_as_covered():
    summary = summarise([line("1000")], [source("own", granted="1500")], participants=2)
    assert summary.gap == Decimal("-500")
    assert summary.is_covered


def test_rejected_funding_does_not_count():
    summary = summarise(
        [line("1000")], [source("esf", applied="1000", granted="1000", status="rejected")], participants=2
    )
    assert summary.funding_granted == 0
    assert summary.funding_applied == 0
    assert summary.gap == Decimal("1000")


def test_zero_participants_and_zero_budget_give_no_ratios():
    summary = summarise([], [], participants=0)
    assert summary.cost_per_participant is None
    assert summary.own_share_percent is None
    assert summary.is_covered
    assert not summary.has_own_cofinancing


def test_own_cofinancing_applied_for_but_not_granted_still_counts_as_planned():
    summary = summarise([line("1000")], [source("own", applied="200", status="planned")], participants=1)
    assert summary.has_own_cofinancing
    assert summary.own_share_percent == Decimal("0.0")


def test_no_own_cofinancing_when_only_grants():
    summary = summarise([line("1000")], [source("arvsfonden", granted="1000")], participants=1)
    assert not summary.has_own_cofinancing
