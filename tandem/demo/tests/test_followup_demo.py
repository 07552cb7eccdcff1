"""The demo's running program has its follow-up: the start-up survey closed with about 70 % answered
(some by phone), the mid-term evaluation open with a few answers in, and no e-mail for any of it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from tandem.demo.services import RUNNING_PROGRAM, load_demo
from tandem.followup.figures import figures_for
from tandem.followup.models import Invitation, Response, Round
from tandem.outbox.models import OutboxMessage
from tandem.programs.models import Program
from tandem.reports import services as reports

TODAY = date(2026, 11, 27)


@pytest.mark.slow
def test_the_running_program_has_a_closed_start_up_round_and_an_open_mid_term(db):
    load_demo(today=TODAY)
    program = Program.objects.get(name=RUNNING_PROGRAM)
    startup = Round.objects.get(program=program, step="startup")
    assert startup.closed_at is not None
    figures = figures_for(startup)
    assert figures.invited >= 40 and 55 <= (figures.rate or 0) <= 85
    assert Response.objects.filter(round=startup, channel="phone", entered_by__isnull=False).exists()
    # The reminders the worker would have sent are recorded (the walk saw "0 reminders" for everyone
    # who never answered); no e-mail is queued for them (reminders are "followup/emails/invitation" too).
    assert startup.reminder_days == [4, 9]
    opened = timezone.localdate(startup.opened_at)
    silent = Invitation.objects.filter(round=startup, answered_at__isnull=True)
    assert silent.count() >= 5
    assert set(silent.values_list("reminders_sent", flat=True)) == {2}
    assert {timezone.localdate(i.last_reminded_at) for i in silent} == {opened + timedelta(days=9)}
    for invitation in Invitation.objects.filter(round=startup, answered_at__isnull=False):
        answered = timezone.localdate(invitation.answered_at)
        assert invitation.reminders_sent == sum(opened + timedelta(days=d) <= answered for d in (4, 9))
    assert Invitation.objects.filter(round=startup, answered_at__isnull=False, reminders_sent=1).exists()
    midterm = Round.objects.get(program=program, step="midterm")
    assert midterm.opens_on == TODAY and midterm.opened_at is not None and midterm.closed_at is None
    assert Response.objects.filter(round=midterm).exists()
    assert not OutboxMessage.objects.filter(kind="followup/emails/invitation").exists()
    before = (Round.objects.count(), Response.objects.count())
    load_demo(today=TODAY)  # a second run changes nothing
    assert (Round.objects.count(), Response.objects.count()) == before


@pytest.mark.slow
def test_last_years_cohort_has_its_goal_and_effect_evaluations_to_compare_with(db):
    from tandem.demo.followup_last_year import LAST_YEAR_PROGRAM
    from tandem.followup.attainment import goal_attainment
    from tandem.followup.cohorts import compare

    load_demo(today=TODAY)
    running = Program.objects.get(name=RUNNING_PROGRAM)
    last_year = Program.objects.get(name=LAST_YEAR_PROGRAM)
    assert running.copied_from == last_year and last_year.state == "evaluated"
    for step in ("goal", "effect6"):
        round_ = Round.objects.get(program=last_year, step=step)
        assert round_.closed_at is not None
        assert Response.objects.filter(round=round_, role="mentee", completed_at__isnull=False).count() >= 5
    assert Round.objects.get(program=last_year, step="effect12").opened_at is None  # still to come
    goals, _personal = goal_attainment(last_year)
    job = goals[0]
    assert job.measure == "job_6" and job.shown and job.value is not None and 30 <= job.value <= 90
    startup = Round.objects.get(program=running, step="startup")
    comparison = compare(startup, language="sv")
    assert [c.program.name for c in comparison.cohorts] == [LAST_YEAR_PROGRAM, RUNNING_PROGRAM]
    with translation.override("en"):  # the walkthrough's dashboard shows it all
        dashboard = reports.dashboard(running, today=TODAY)
    assert [r.label for r in dashboard.survey_rounds][:2] == ["Start-up survey", "Mid-term evaluation"]
    assert dashboard.survey_rounds[0].lines[-1][1] >= 40
    assert [(c.cohort.name, c.cohort.current) for c in dashboard.cohorts] == [
        (LAST_YEAR_PROGRAM, False),
        (RUNNING_PROGRAM, True),
    ]
    last = dashboard.cohorts[0]
    assert last.response_rate is not None and last.funnel.get("completed", "mentee") + last.mentorships > 0
    assert not OutboxMessage.objects.filter(kind="followup/emails/invitation").exists()
    before = (Program.objects.count(), Round.objects.count(), Response.objects.count())
    load_demo(today=TODAY)  # a second run changes nothing
    assert (Program.objects.count(), Round.objects.count(), Response.objects.count()) == before
