"""Wizard step 5: budget lines, funding sources and the sums."""

from datetime import date
from decimal import Decimal

import pytest

from tandem.lib.testing.pages import EN, SV, field_error
from tandem.programs.models import BudgetLine, FundingSource
from tandem.programs.tests.helpers import rows, step_url

pytestmark = pytest.mark.django_db

BUDGET = [
    {"cost_item": "recruitment", "description": "Rekrytering", "planned_amount": "100000"},
    {"cost_item": "common_meetings", "planned_amount": "50000", "actual_amount": "12000"},
]
FUNDING = [
    {"kind": "own", "amount_granted": "30000", "status": "granted"},
    {
        "kind": "arvsfonden",
        "name": "Arvsfonden",
        "amount_applied": "150000",
        "amount_granted": "100000",
        "status": "granted",
        "reporting_deadline": "2027-12-31",
    },
]


def financing(budget=BUDGET, funding=FUNDING):
    return {**rows("budget", new=list(budget)), **rows("funding", new=list(funding))}


@pytest.fixture
def planned(program):
    program.start_date = date(2027, 2, 1)
    program.target_mentees = program.target_mentors = 10
    program.save()
    return program


def test_saving_shows_the_sums_in_swedish(client, coordinator, planned):
    client.force_login(coordinator)
    response = client.post(step_url(planned, "financing"), financing(), follow=True, **SV)

    assert [(b.cost_item, b.planned_amount, b.actual_amount) for b in planned.budget_lines.all()] == [
        ("recruitment", Decimal("100000"), None),
        ("common_meetings", Decimal("50000"), Decimal("12000")),
    ]
    assert planned.funding_sources.count() == 2
    html = response.content.decode()
    assert "150\xa0000\xa0kr" in html  # planned budget
    assert "130\xa0000\xa0kr" in html  # granted
    assert "20\xa0000\xa0kr" in html  # not covered
    assert "20,0\xa0%" in html  # own share of the budget
    assert "7\xa0500\xa0kr" in html  # per planned participant


def test_the_sums_in_english(client, coordinator, planned):
    client.force_login(coordinator)
    html = client.post(step_url(planned, "financing"), financing(), follow=True, **EN).content.decode()
    assert "SEK\xa0150,000" in html
    assert "SEK\xa0150,000" in html
    assert "20.0%" in html


def test_without_own_cofinancing_a_warning_shows(client, coordinator, planned):
    client.force_login(coordinator)
    html = client.post(step_url(planned, "financing"), financing(funding=FUNDING[1:]), follow=True, **EN)
    assert "No own co-financing is planned" in html.content.decode()


def assert_nothing_saved():
    assert not BudgetLine.objects.exists()
    assert not FundingSource.objects.exists()


@pytest.mark.parametrize(
    ("headers", "message"),
    [(SV, "Beloppet kan inte vara negativt."), (EN, "The amount cannot be negative.")],
)
def test_a_negative_amount_is_refused(client, coordinator, planned, headers, message):
    client.force_login(coordinator)
    budget = [BUDGET[0], {**BUDGET[1], "planned_amount": "-50"}]
    response = client.post(step_url(planned, "financing"), financing(budget=budget), **headers)
    assert response.status_code == 200
    assert field_error(response, "id_budget-1-planned_amount") == message
    assert 'value="-50"' in response.content.decode()
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (SV, "Sista dag för redovisning kan inte vara före programstarten (2027-02-01)."),
        (EN, "The reporting deadline cannot be before the program starts (1 Feb 2027)."),
    ],
)
def test_a_reporting_deadline_before_the_start_is_refused(client, coordinator, planned, headers, message):
    client.force_login(coordinator)
    funding = [FUNDING[0], {**FUNDING[1], "reporting_deadline": "2026-12-31"}]
    response = client.post(step_url(planned, "financing"), financing(funding=funding), **headers)
    assert field_error(response, "id_funding-1-reporting_deadline") == message
    assert_nothing_saved()


def test_a_budget_line_needs_its_planned_amount(client, coordinator, planned):
    client.force_login(coordinator)
    response = client.post(
        step_url(planned, "financing"), financing(budget=[{"cost_item": "handbook"}]), **SV
    )
    assert field_error(response, "id_budget-0-planned_amount") == "Fyll i beloppet."
    assert_nothing_saved()
