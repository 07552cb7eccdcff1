"""The financing sums, in Decimal."""

from datetime import date
from decimal import Decimal

import pytest

from tandem.lib.testing.pages import EN
from tandem.programs.finance import line_actual, program_finances, summarise
from tandem.programs.models import BudgetLine, FundingSource
from tandem.programs.services import program_with_setup
from tandem.programs.tests.helpers import overview_url
from tandem.reports.services import budget_rows


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


# --- What the program has used: the booked costs, as on the costs page and in the funder reports ---------


def _booked_and_undated(program):
    from tandem.reports.models import ActualCost

    booked = BudgetLine.objects.create(
        program=program,
        cost_item="recruitment",
        planned_amount=Decimal("10000"),
        actual_amount=Decimal("4000"),
    )
    BudgetLine.objects.create(
        program=program, cost_item="support", planned_amount=Decimal("8000"), actual_amount=Decimal("3000")
    )
    BudgetLine.objects.create(program=program, cost_item="evaluation", planned_amount=Decimal("5000"))
    for day, amount in ((1, "2500"), (15, "1250.50")):
        ActualCost.objects.create(budget_line=booked, spent_on=date(2026, 9, day), amount=Decimal(amount))


def test_a_booked_cost_is_a_used_amount_and_wins_over_the_set_up_figure():
    assert line_actual(Decimal("4000"), Decimal("3750.50")) == Decimal("3750.50")
    assert line_actual(Decimal("3000"), None) == Decimal("3000")
    assert line_actual(None, None) == Decimal("0")
    assert line_actual(Decimal("3000"), Decimal("0")) == Decimal("0")  # booked, even if nothing


@pytest.mark.django_db
def test_the_actual_cost_counts_the_booked_costs_like_the_dashboard(program, django_assert_num_queries):
    _booked_and_undated(program)
    # 3 750.50 booked on recruitment (its set-up figure 4 000 no longer counts) + 3 000 undated on support
    assert program_finances(program).actual_cost == Decimal("6750.50")
    assert sum(row.actual for row in budget_rows(program)) == Decimal("6750.50")
    loaded = program_with_setup(program.pk)
    with django_assert_num_queries(0):  # the overview's prefetch carries the booked sums
        assert program_finances(loaded).actual_cost == Decimal("6750.50")


@pytest.mark.django_db
def test_the_overview_shows_the_booked_costs(client, coordinator, program):
    _booked_and_undated(program)
    client.force_login(coordinator)
    page = client.get(overview_url(program), **EN).content.decode()
    assert '<dd class="col-sm-6" data-total="actual">SEK\xa06,750.50</dd>' in page
