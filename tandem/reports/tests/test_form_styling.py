"""The coordinators' forms of the reports are drawn as every form of the app: a label above each field,
Bootstrap's classes, and an error tied to its field (a demo walk found them unstyled)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.lib.testing.pages import EN, field_error, points_at_error, styled_field
from tandem.programs.models import BudgetLine, FundingSource
from tandem.reports.models import FunderReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(program):
    return FundingSource.objects.create(
        program=program, kind="esf", name="ESF+", amount_granted=Decimal("400000"), status="granted"
    )


def test_the_new_funder_report_form_is_styled_and_ties_each_error_to_its_field(
    client, coordinator, program, source
):
    client.force_login(coordinator)
    url = reverse("reports:funder_reports", args=[program.pk])
    page = client.get(url, **EN)
    assert styled_field(page, "id_funding_source", "form-select")
    assert styled_field(page, "id_definition", "form-select")
    assert styled_field(page, "id_period_start") and styled_field(page, "id_period_end")
    assert 'type="date"' in page.content.decode()

    bad = client.post(
        url, {"definition": "general", "period_start": "2026-06-30", "period_end": "2026-01-01"}, **EN
    )
    assert bad.status_code == 200
    assert field_error(bad, "id_funding_source") == "This field is required."
    assert points_at_error(bad, "id_funding_source")
    assert field_error(bad, "id_period_end") == "The period must end on or after its first day."
    assert points_at_error(bad, "id_period_end")
    assert not FunderReport.objects.exists()


def test_the_report_summary_is_a_styled_text_area(client, coordinator, program, source):
    report = FunderReport.objects.create(
        program=program,
        funding_source=source,
        definition="general",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
    )
    client.force_login(coordinator)
    page = client.get(reverse("reports:funder_report", args=[program.pk, report.pk]), **EN)
    assert styled_field(page, "id_text")


def test_the_book_a_cost_form_is_styled_and_ties_each_error_to_its_field(
    client, coordinator, program, source
):
    BudgetLine.objects.create(program=program, cost_item="recruitment", planned_amount=Decimal("10000"))
    client.force_login(coordinator)
    url = reverse("reports:costs", args=[program.pk])
    page = client.get(url, **EN)
    assert styled_field(page, "id_budget_line", "form-select")
    assert styled_field(page, "id_funding_source", "form-select")
    assert styled_field(page, "id_spent_on") and styled_field(page, "id_amount")
    assert styled_field(page, "id_description")

    bad = client.post(url, {"spent_on": "2026-02-01", "amount": "-5"}, **EN)
    assert bad.status_code == 200
    assert field_error(bad, "id_budget_line") == "This field is required."
    assert points_at_error(bad, "id_budget_line")
    assert field_error(bad, "id_amount")
    assert points_at_error(bad, "id_amount")
