"""The funder report: its figures equal counts from the database; the PDF and XLSX files open with their
text and types intact; creating and downloading are audited."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from tandem.audit.models import AuditEvent
from tandem.mentoring.models import MeetingLog, Mentorship
from tandem.reports import funder, funder_files, funder_services
from tandem.reports.models import ActualCost, FunderReport
from tandem.reports.tests.world import build_world

START, END = date(2026, 1, 1), date(2026, 6, 30)


def a_report(program, source, definition="general") -> FunderReport:
    return FunderReport.objects.create(
        program=program, funding_source=source, definition=definition, period_start=START, period_end=END
    )


@pytest.mark.django_db
def test_the_funder_figures_equal_counts_from_the_database(program):
    world = build_world(program)
    report = a_report(program, world["esf"])
    with translation.override("en"):
        f = funder_services.figures_for(report)
    ms = Mentorship.objects.filter(pair__program=program, started_on__lte=END).exclude(
        ended_at__date__lt=START
    )
    mentees = set(ms.values_list("pair__mentee_id", flat=True))
    mentors = set(ms.values_list("pair__mentor_id", flat=True))
    assert (f.mentees, f.mentors, f.participants) == (len(mentees), len(mentors), len(mentees | mentors))
    for table in f.tables:
        assert sum(row[3] for row in table.rows) == f.participants
    [gender] = [t for t in f.tables if t.key == "gender"]
    women = ms.filter(pair__mentee__gender="woman").values("pair__mentee_id").distinct().count()
    assert dict((row[0], row[1]) for row in gender.rows)["Woman"] == women
    logs = MeetingLog.objects.filter(mentorship__pair__program=program, held_on__gte=START, held_on__lte=END)
    assert f.activities.pair_meetings == logs.count()
    costs = ActualCost.objects.filter(budget_line__program=program, spent_on__gte=START, spent_on__lte=END)
    assert sum(c.actual for c in f.costs) == costs.aggregate(s=Sum("amount"))["s"]
    on_esf = costs.filter(funding_source=world["esf"])
    expected_share = sum((c.amount * c.funder_share / 100 for c in on_esf), Decimal("0"))
    assert sum(c.funder_share for c in f.costs) == expected_share.quantize(Decimal("0.01"))


def test_esf_age_bands_and_what_is_not_collected():
    people = [
        funder.Person(1, "mentee", "woman", 2003, "job_seeking", "1480", 1),  # 23 at the end of 2026
        funder.Person(2, "mentee", "man", 1972, "", "0180", 10),  # 54
        funder.Person(3, "mentor", "woman", 1971, "employed", "", None),  # 55
        funder.Person(4, "mentor", "", None, "employed", "9999", None),
    ]
    with translation.override("en"):
        ages = funder.breakdown(people, "age", date(2026, 12, 31))
        assert [row[:4] for row in ages.rows] == [
            ("Under 25", 1, 0, 1),
            ("25–54", 1, 0, 1),
            ("55 and over", 0, 1, 1),
            ("Not stated", 0, 1, 1),
        ]
        assert not funder.breakdown(people, "education_level", date(2026, 12, 31)).collected
        counties = dict((r[0], r[3]) for r in funder.breakdown(people, "county", date(2026, 12, 31)).rows)
        assert counties["Västra Götalands län"] == 1 and counties["Not stated"] == 2
        arrived = dict((r[0], r[3]) for r in funder.breakdown(people, "newly_arrived", date(2026, 1, 1)).rows)
        assert arrived == {"Newly arrived": 1, "Not newly arrived": 1, "Not stated": 2}


@pytest.mark.django_db
def test_the_pdf_keeps_swedish_and_arabic_letters_and_the_xlsx_its_types(program):
    program.name = "Mentorskap för nyanlända – مرشد"
    program.save(update_fields=["name"])
    world = build_world(program, mentees=20, mentors=10, meetings=60)
    report = a_report(program, world["esf"], "esf")
    report.text = "Vi nådde fler än väntat. شكرا"
    report.save()
    with translation.override("sv"):
        pdf = funder_files.funder_pdf(funder_services.figures_for(report))
        xlsx = funder_files.funder_xlsx(funder_services.figures_for(report))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Vi nådde fler än väntat" in text and "Deltagare" in text
    assert "Inte insamlat i det här programmet." in text  # ESF: level of education
    arabic = unicodedata.normalize("NFKC", text)  # the shaped letters back to their plain forms
    assert "مرشد" in arabic or "مرشد"[::-1] in arabic
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Sammanfattning", "Deltagare", "Aktiviteter", "Kostnader", "Mål"]
    assert book["Sammanfattning"]["B4"].value.date() == START
    costs = list(book["Kostnader"].iter_rows(min_row=2, values_only=True))
    assert costs and all(isinstance(value, (int, float)) for row in costs for value in row[1:])


@pytest.mark.django_db
def test_a_coordinator_makes_writes_and_downloads_a_report_and_each_step_is_audited(
    client, coordinator, program
):
    world = build_world(program, mentees=10, mentors=6, meetings=20)
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:funder_reports", args=[program.pk]),
        {
            "funding_source": world["esf"].pk,
            "definition": "esf",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
    )
    report = FunderReport.objects.get(program=program)
    assert response.url == reverse("reports:funder_report", args=[program.pk, report.pk])
    client.post(response.url, {"text": '=HYPERLINK("x") Ett gott halvår'})
    report.refresh_from_db()
    assert report.text.startswith("=HYPERLINK")
    download = client.get(reverse("reports:funder_report_file", args=[program.pk, report.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(download.content))
    assert book.worksheets[0]["B6"].value.startswith("'=")  # neutralised, shown as text
    actions = list(AuditEvent.objects.filter(program=program).values_list("action", flat=True))
    assert {
        "reports.funder_report_created",
        "reports.funder_report_text_saved",
        "reports.funder_report_downloaded",
    } <= set(actions)


@pytest.mark.django_db
def test_a_report_period_must_not_end_before_it_starts(client, coordinator, program):
    world = build_world(program, mentees=4, mentors=2, meetings=0)
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:funder_reports", args=[program.pk]),
        {
            "funding_source": world["esf"].pk,
            "definition": "esf",
            "period_start": "2026-06-30",
            "period_end": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert not FunderReport.objects.exists()


@pytest.mark.django_db
def test_the_participant_list_warns_first_holds_only_the_funders_fields_and_is_audited(
    client, coordinator, viewer, program
):
    world = build_world(program, mentees=10, mentors=6, meetings=10)
    report = a_report(program, world["esf"], "esf")
    url = reverse("reports:participant_list", args=[program.pk, report.pk])
    client.force_login(viewer)
    assert client.post(url, {"confirm": "on"}).status_code == 403
    client.force_login(coordinator)
    warning = client.post(url, {})
    assert warning.status_code == 200 and b"invalid-feedback" in warning.content
    assert not AuditEvent.objects.filter(action="reports.participant_list_exported").exists()
    with translation.override("en"):
        download = client.post(url, {"confirm": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    book = load_workbook(io.BytesIO(download.content))
    header, *rows = list(book.active.iter_rows(values_only=True))
    assert len(header) == 5  # first and last name, year of birth, gender, employment: nothing else
    ms = Mentorship.objects.filter(pair__program=program, started_on__lte=END).exclude(
        ended_at__date__lt=START
    )
    people = set(ms.values_list("pair__mentee_id", flat=True)) | set(
        ms.values_list("pair__mentor_id", flat=True)
    )
    assert len(rows) == len(people)
    event = AuditEvent.objects.get(action="reports.participant_list_exported")
    assert event.data["rows"] == len(people)


def _goal_answers(program, goal, ratings: list[int]) -> None:
    """A goal evaluation with one sent mentee response per rating of `goal` (5 = fully reached)."""
    from django.utils import timezone

    from tandem.followup.models import Answer, Response, Round
    from tandem.followup.services import copy_template

    now = timezone.now()
    round_ = Round.objects.filter(program=program, step="goal").first() or Round.objects.create(
        program=program,
        step="goal",
        mentee_survey=copy_template(program, "goal", "mentee", by=None, now=now),
        mentor_survey=copy_template(program, "goal", "mentor", by=None, now=now),
        opens_on=START,
        closes_on=END,
        short_code="GOALR1",
    )
    version = round_.mentee_survey.current_version()
    question = version.questions.get(key="goals")
    for rating in ratings:
        response = Response.objects.create(
            round=round_, version=version, role="mentee", channel="on_site", completed_at=now
        )
        Answer.objects.create(response=response, question=question, row=f"g{goal.pk}", value=rating)


@pytest.mark.django_db
def test_the_goals_show_their_results_from_the_goal_evaluation_and_hide_small_groups(program):
    from tandem.programs.models import Goal

    world = build_world(program, mentees=10, mentors=6, meetings=20)
    goal = Goal.objects.get(program=program)  # target 40 %
    report = a_report(program, world["esf"])
    _goal_answers(program, goal, [5, 4, 2])
    with translation.override("en"):
        [row] = funder_services.figures_for(report).goal_rows()
    assert (row.result, row.target, row.reached) == ("too few to show (3 answers)", "40 %", "–")

    _goal_answers(program, goal, [5, 1, 1, 2, 3])  # 3 of 8 rated 4 or 5: 38 %
    with translation.override("sv"):
        figures = funder_services.figures_for(report)
        [row] = figures.goal_rows()
        assert (row.result, row.reached) == ("38 % av 8", "Inte än")
        pdf = funder_files.funder_pdf(figures)
        xlsx = funder_files.funder_xlsx(figures)
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "38 % av 8" in text and "Inte än" in text and "från fem svar" in text
    goals = list(load_workbook(io.BytesIO(xlsx))["Mål"].iter_rows(values_only=True))
    assert goals[1][3:] == (8, 38, 40)  # answers, result and target as numbers
