"""What a demo walkthrough found in the reports: the set-up's undated "actual amount" is shown apart from
booked costs (costs page, dashboard), a report period outside the program warns, empty breakdowns say so,
and the XLSX's costs end with a total."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from tandem.lib.testing.pages import EN, text
from tandem.programs.models import BudgetLine
from tandem.reports import figures, funder_files, funder_services
from tandem.reports.models import ActualCost, FunderReport
from tandem.reports.tests.world import build_world

pytestmark = pytest.mark.django_db


def test_the_wizard_figure_counts_as_used_only_for_lines_without_booked_costs_and_is_kept_apart():
    lines = [
        figures.LineRow(1, "recruitment", Decimal("100"), Decimal("40")),  # costs booked: they count
        figures.LineRow(2, "recruitment", Decimal("50"), Decimal("20")),  # none booked: the figure counts
        figures.LineRow(3, "support", Decimal("80"), None),
    ]
    rows = figures.budget_by_item(lines, {1: Decimal("30")})
    assert [(r.cost_item, r.planned, r.actual, r.undated) for r in rows] == [
        ("recruitment", Decimal("150"), Decimal("50"), Decimal("20")),
        ("support", Decimal("80"), Decimal("0"), Decimal("0")),
    ]


def _lines(program) -> tuple[BudgetLine, BudgetLine]:
    booked = BudgetLine.objects.create(
        program=program,
        cost_item="recruitment",
        planned_amount=Decimal("10000"),
        actual_amount=Decimal("4000"),
    )
    undated = BudgetLine.objects.create(
        program=program, cost_item="support", planned_amount=Decimal("8000"), actual_amount=Decimal("3000")
    )
    ActualCost.objects.create(budget_line=booked, spent_on=date(2026, 2, 1), amount=Decimal("2500"))
    return booked, undated


def test_the_costs_page_shows_the_setup_figure_of_lines_without_booked_costs(
    client, coordinator, program, django_assert_max_num_queries
):
    _lines(program)
    assert [amount for _label, amount in funder_services.undated_recorded(program)] == [Decimal("3000")]
    client.force_login(coordinator)
    page = client.get(reverse("reports:costs", args=[program.pk]), **EN)
    body = text(page)
    assert "Recorded in the set-up, undated" in body and "No (undated)" in body
    assert "SEK 3,000" in body  # the support line's figure, the recruitment line has booked costs
    assert body.count("No (undated)") == 1
    with django_assert_max_num_queries(1):
        funder_services.undated_recorded(program)


def test_the_dashboard_says_where_its_budget_figure_comes_from(client, coordinator, program):
    booked, undated = _lines(program)
    client.force_login(coordinator)
    url = reverse("reports:dashboard", args=[program.pk])
    body = text(client.get(url, **EN))
    assert "SEK 5,500 used" in body  # 2 500 booked + 3 000 from the set-up
    assert "Of it, SEK 3,000 is the undated figure recorded in the set-up" in body
    ActualCost.objects.create(budget_line=undated, spent_on=date(2026, 3, 1), amount=Decimal("1000"))
    body = text(client.get(url, **EN))
    assert "the same the funder reports count" in body and "undated figure" not in body


def _post_report(client, program, source, start: str, end: str):
    return client.post(
        reverse("reports:funder_reports", args=[program.pk]),
        {"funding_source": source.pk, "definition": "esf", "period_start": start, "period_end": end},
        follow=True,
        **EN,
    )


def test_a_period_wholly_outside_the_program_warns_but_makes_the_report(client, coordinator, program):
    world = build_world(program, mentees=4, mentors=2, meetings=0)  # runs 12 Jan – 12 Nov 2026
    client.force_login(coordinator)
    before = _post_report(client, program, world["esf"], "2025-01-01", "2025-12-31")
    assert FunderReport.objects.count() == 1
    assert "The period lies wholly outside the program's dates" in text(before)
    assert "No participants in this period." in text(before)
    inside = _post_report(client, program, world["esf"], "2026-01-01", "2026-06-30")
    assert FunderReport.objects.count() == 2
    assert "wholly outside" not in text(inside) and "No participants in this period." not in text(inside)
    assert funder_services.outside_program(program, date(2026, 12, 1), date(2026, 12, 31))
    assert not funder_services.outside_program(program, date(2026, 11, 1), date(2026, 12, 31))


def test_empty_breakdowns_say_so_in_the_pdf_and_the_xlsx_costs_end_with_a_total(program):
    world = build_world(program, mentees=6, mentors=4, meetings=10)
    empty = FunderReport.objects.create(
        program=program,
        funding_source=world["esf"],
        definition="general",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
    )
    full = FunderReport.objects.create(
        program=program,
        funding_source=world["esf"],
        definition="esf",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    with translation.override("sv"):
        pdf = funder_files.funder_pdf(funder_services.figures_for(empty))
        f = funder_services.figures_for(full)
        book = load_workbook(io.BytesIO(funder_files.funder_xlsx(f)))
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Inga deltagare under den här perioden." in pdf_text
    rows = list(book["Kostnader"].iter_rows(values_only=True))
    assert rows[-1][0] == "Totalt"
    planned, used, share = funder_services.cost_totals(f.costs)
    assert rows[-1][1:] == (float(planned), float(used), float(share))
    assert all(isinstance(value, (int, float)) for value in rows[-1][1:])
