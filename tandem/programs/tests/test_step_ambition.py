"""Wizard step 3: length, start, meeting rules, common meetings, target numbers."""

from datetime import date

import pytest

from tandem.lib.testing.pages import EN, SV, field_error
from tandem.programs.models import CommonMeeting, MeetingRule
from tandem.programs.tests.helpers import rows, step_url

pytestmark = pytest.mark.django_db

TWO_RULES = [
    {"from_month": "1", "to_month": "2", "every": "2", "unit": "weeks"},
    {"from_month": "3", "every": "1", "unit": "months"},
]
THREE_MEETINGS = [
    {"kind": "kickoff", "week_offset": "0"},
    {"kind": "midpoint", "week_offset": "13"},
    {"kind": "closing", "week_offset": "26"},
]


def ambition(rules=TWO_RULES, meetings=THREE_MEETINGS, **fields):
    values = {
        "length_months": "6",
        "start_date": "2027-02-01",
        "target_mentees": "12",
        "target_mentors": "12",
    }
    return {**values, **fields, **rows("rules", new=list(rules)), **rows("meetings", new=list(meetings))}


def test_saving_the_plan_shows_the_number_of_pair_meetings_and_meeting_dates(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(step_url(program, "ambition"), ambition(), follow=True, **EN)

    program.refresh_from_db()
    assert (program.length_months, program.start_date) == (6, date(2027, 2, 1))
    assert (program.target_mentees, program.target_mentors) == (12, 12)
    assert [r.span for r in program.meeting_rules.all()] == [
        MeetingRule(from_month=1, to_month=2, every=2, unit="weeks").span,
        MeetingRule(from_month=3, to_month=None, every=1, unit="months").span,
    ]
    assert [(m.kind, m.week_offset) for m in program.common_meetings.all()] == [
        ("kickoff", 0),
        ("midpoint", 13),
        ("closing", 26),
    ]
    html = response.content.decode()
    assert "Planned: 9 pair meetings over the program." in html
    assert "week 13, 3 May 2027" in html


def test_a_new_program_suggests_kickoff_middle_and_closing(client, coordinator, program):
    program.length_months = 12
    program.save()
    client.force_login(coordinator)
    html = client.get(step_url(program, "ambition")).content.decode()
    assert '<option value="kickoff" selected>' in html
    assert 'name="meetings-1-week_offset" value="26"' in html
    assert 'name="meetings-2-week_offset" value="52"' in html


def test_the_middle_and_closing_weeks_follow_the_length_typed_on_the_same_page(client, coordinator, program):
    client.force_login(coordinator)
    meetings = [{"kind": "kickoff", "week_offset": "0"}, {"kind": "midpoint"}, {"kind": "closing"}]
    client.post(step_url(program, "ambition"), ambition(meetings=meetings, length_months="9"))
    assert [(m.kind, m.week_offset) for m in program.common_meetings.all()] == [
        ("kickoff", 0),
        ("midpoint", 19),
        ("closing", 39),
    ]


def test_a_draft_may_leave_everything_empty(client, coordinator, program):
    client.force_login(coordinator)
    data = {
        **rows("rules", new=[{"unit": "weeks"}]),
        **rows("meetings", new=[{"kind": "kickoff", "week_offset": "0"}, {"kind": "midpoint"}]),
    }
    response = client.post(step_url(program, "ambition"), data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.length_months is None
    assert not program.meeting_rules.exists()
    assert [m.kind for m in program.common_meetings.all()] == ["kickoff"]


def assert_nothing_saved(program):
    program.refresh_from_db()
    assert program.length_months is None and program.start_date is None and program.target_mentees is None
    assert not MeetingRule.objects.exists()
    assert not CommonMeeting.objects.exists()


@pytest.mark.parametrize(
    ("length", "headers", "message"),
    [
        ("0", SV, "Ett program pågår minst 1 månad."),
        ("0", EN, "A program lasts at least 1 month."),
        ("25", SV, "Ett program pågår högst 24 månader."),
        ("25", EN, "A program lasts at most 24 months."),
    ],
)
def test_a_length_outside_1_to_24_is_refused(client, coordinator, program, length, headers, message):
    client.force_login(coordinator)
    response = client.post(step_url(program, "ambition"), ambition(length_months=length), **headers)
    assert response.status_code == 200
    assert field_error(response, "id_length_months") == message
    assert f'name="length_months" value="{length}"' in response.content.decode()
    assert_nothing_saved(program)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (SV, "Sista månaden kan inte komma före första månaden."),
        (EN, "The last month cannot come before the first month."),
    ],
)
def test_a_rule_ending_before_it_starts_is_refused(client, coordinator, program, headers, message):
    client.force_login(coordinator)
    rules = [{"from_month": "3", "to_month": "2", "every": "1", "unit": "months"}]
    response = client.post(step_url(program, "ambition"), ambition(rules=rules), **headers)
    assert field_error(response, "id_rules-0-to_month") == message
    assert_nothing_saved(program)


@pytest.mark.parametrize(
    ("headers", "message"),
    [(SV, "Den här överlappar regeln för månad 1–3."), (EN, "This overlaps the rule for months 1–3.")],
)
def test_overlapping_rules_are_refused(client, coordinator, program, headers, message):
    client.force_login(coordinator)
    rules = [
        {"from_month": "3", "every": "1", "unit": "months"},
        {"from_month": "1", "to_month": "3", "every": "2", "unit": "weeks"},
    ]
    response = client.post(step_url(program, "ambition"), ambition(rules=rules), **headers)
    assert field_error(response, "id_rules-0-from_month") == message
    assert_nothing_saved(program)


def test_a_later_rule_after_one_that_runs_to_the_end_overlaps(client, coordinator, program):
    client.force_login(coordinator)
    rules = [
        {"from_month": "1", "every": "1", "unit": "months"},
        {"from_month": "4", "every": "1", "unit": "months"},
    ]
    response = client.post(step_url(program, "ambition"), ambition(rules=rules), **EN)
    assert field_error(response, "id_rules-1-from_month") == "This overlaps the rule from month 1 to the end."


@pytest.mark.parametrize(
    ("headers", "message"),
    [(SV, "Programmet har bara 6 månader."), (EN, "The program has only 6 months.")],
)
def test_a_rule_beyond_the_length_is_refused(client, coordinator, program, headers, message):
    client.force_login(coordinator)
    rules = [{"from_month": "1", "to_month": "8", "every": "1", "unit": "months"}]
    response = client.post(step_url(program, "ambition"), ambition(rules=rules), **headers)
    assert field_error(response, "id_rules-0-to_month") == message
    assert_nothing_saved(program)


@pytest.mark.parametrize(
    ("headers", "message"),
    [(SV, "Programmet slutar vecka 26."), (EN, "The program ends in week 26.")],
)
def test_a_common_meeting_after_the_end_is_refused(client, coordinator, program, headers, message):
    client.force_login(coordinator)
    meetings = [{"kind": "closing", "week_offset": "30"}]
    response = client.post(step_url(program, "ambition"), ambition(meetings=meetings), **headers)
    assert field_error(response, "id_meetings-0-week_offset") == message
    assert_nothing_saved(program)


def test_a_negative_target_number_is_refused(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(step_url(program, "ambition"), ambition(target_mentees="-3"), **SV)
    assert (
        field_error(response, "id_target_mentees")
        == "Kontrollera att detta värde är större än eller lika med 0."
    )
    assert_nothing_saved(program)
