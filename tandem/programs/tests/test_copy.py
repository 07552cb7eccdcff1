"""Copying a program for the next cohort: what carries over and what does not."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.lib.testing.pages import EN, SV, field_error
from tandem.programs.finance import program_finances
from tandem.programs.models import Program
from tandem.programs.services import copy_program, program_with_setup

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 9, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def finished(ready_program):
    Program.objects.filter(pk=ready_program.pk).update(state=Program.State.EVALUATED)
    ready_program.budget_lines.update(actual_amount=Decimal("95000"))
    return program_with_setup(ready_program.pk)


def test_the_copy_carries_the_set_up_over(finished, coordinator, partner_org):
    copy = copy_program(finished, name="Omgång 2", start_date=date(2028, 2, 1), by=coordinator, now=NOW)

    assert copy.state == Program.State.DRAFT
    assert copy.copied_from == finished
    assert copy.organisation == finished.organisation
    assert (copy.name, copy.start_date) == ("Omgång 2", date(2028, 2, 1))
    for name in (
        "purpose",
        "purpose_kind",
        "mentee_target_group",
        "mentor_target_group",
        "length_months",
        "target_mentees",
        "target_mentors",
    ):
        assert getattr(copy, name) == getattr(finished, name), name
    assert list(copy.partners.all()) == [partner_org]
    assert [(g.description, g.indicator, g.target_value, g.unit) for g in copy.goals.all()] == [
        (g.description, g.indicator, g.target_value, g.unit) for g in finished.goals.all()
    ]
    assert [r.span for r in copy.meeting_rules.all()] == [r.span for r in finished.meeting_rules.all()]
    assert copy.planned_pair_meetings == finished.planned_pair_meetings == 9
    assert [(m.kind, m.week_offset) for m in copy.common_meetings.all()] == [("kickoff", 0), ("closing", 26)]
    assert sorted(copy.roles.values_list("user__email", "role")) == sorted(
        finished.roles.values_list("user__email", "role")
    )


def test_the_copy_leaves_actual_costs_grants_and_deadlines_behind(finished, coordinator):
    copy = copy_program(finished, name="Omgång 2", start_date=None, by=coordinator, now=NOW)

    assert [(b.planned_amount, b.actual_amount) for b in copy.budget_lines.all()] == [
        (Decimal("100000"), None)
    ]
    sources = [
        (f.kind, f.name, f.amount_applied, f.amount_granted, f.status, f.reporting_deadline)
        for f in copy.funding_sources.all()
    ]
    assert sources == [
        ("own", "", None, Decimal("20000"), "granted", None),  # the organisation's own money stays decided
        ("arvsfonden", "Arvsfonden 2027", Decimal("90000"), None, "planned", None),
    ]
    assert copy.start_date is None
    before, after = program_finances(finished), program_finances(copy)
    assert after.planned_budget == before.planned_budget
    assert after.own_share_percent == before.own_share_percent


def test_the_copy_is_audited_with_ids_only(finished, coordinator):
    copy = copy_program(finished, name="Omgång 2", start_date=None, by=coordinator, now=NOW)
    event = AuditEvent.objects.get(action="program.copied")
    assert (event.program, event.actor, event.data) == (copy, coordinator, {"copied_from": finished.pk})
    added = AuditEvent.objects.filter(action="program_role.added", program=copy)
    assert added.count() == copy.roles.count()
    assert all(set(e.data) == {"user_id", "role"} for e in added)


def test_copying_through_the_overview(client, finished, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("programs:copy", kwargs={"pk": finished.pk}),
        {"name": "Våren 2028", "start_date": "2028-02-01"},
    )
    copy = Program.objects.get(name="Våren 2028")
    assert response["Location"] == reverse("programs:overview", kwargs={"pk": copy.pk})
    assert copy.copied_from_id == finished.pk


@pytest.mark.parametrize(
    ("headers", "message"), [(SV, "Detta fält måste fyllas i."), (EN, "This field is required.")]
)
def test_a_copy_without_a_name_is_refused_next_to_the_field(client, finished, coordinator, headers, message):
    client.force_login(coordinator)
    response = client.post(reverse("programs:copy", kwargs={"pk": finished.pk}), {"name": ""}, **headers)
    assert response.status_code == 200
    assert field_error(response, "id_name") == message
    assert Program.objects.count() == 1


def test_a_failed_copy_leaves_nothing_half_made(finished, coordinator, monkeypatch):
    from tandem.programs import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_copy_working_group", broken)
    with pytest.raises(RuntimeError):
        copy_program(finished, name="Omgång 2", start_date=None, by=coordinator, now=NOW)
    assert Program.objects.count() == 1


def test_the_copy_form_suggests_the_next_year_or_a_copy():
    from django.utils import translation

    from tandem.programs.services import suggested_copy_name

    assert suggested_copy_name("Mentorskap för nyanlända 2026") == "Mentorskap för nyanlända 2027"
    with translation.override("en"):
        assert suggested_copy_name("Omgång 2") == "Omgång 2 (copy)"
