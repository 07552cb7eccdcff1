"""The demo's running program: 25 pairs with three months of life, and sign-in links to try the space."""

from datetime import date

import pytest
from django.core.management import call_command

from tandem.demo.services import RUNNING_PROGRAM, load_demo
from tandem.mentoring import follow_up
from tandem.mentoring.models import GoalRating, HelpRequest, MeetingLog, Mentorship, ProgramTheme, ThemeUse
from tandem.programs.models import Program

TODAY = date(2026, 11, 27)


@pytest.mark.slow
def test_the_running_program_has_pairs_on_track_behind_silent_paused_and_one_asking_for_help(db):
    result = load_demo(today=TODAY)
    program = Program.objects.get(name=RUNNING_PROGRAM)
    mentorships = Mentorship.objects.filter(pair__program=program)
    assert mentorships.count() == 25
    counts = follow_up.counts(program, today=TODAY, quiet=follow_up.quiet_weeks(program))
    assert counts["silent"] == 2
    assert counts["paused"] == 1 and counts["help"] == 1
    assert 2 <= counts["behind"] <= 6
    assert counts["running"] == 24
    assert MeetingLog.objects.filter(mentorship__pair__program=program).count() > 100
    assert GoalRating.objects.filter(goal__mentorship__pair__program=program).exists()
    assert ProgramTheme.objects.filter(program=program, month__isnull=False).count() >= 10
    assert ThemeUse.objects.filter(mentorship__pair__program=program).exists()
    assert HelpRequest.objects.filter(handled_at__isnull=True).count() == 1
    assert result.space is not None
    assert result.space.arabic_mentee.language == "ar" and result.space.swedish_mentee.language == "sv"
    assert result.space.mentor.role == "mentor"


@pytest.mark.slow
def test_a_second_run_reuses_the_pairs_and_prints_sign_in_links_in_debug(db, settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    first = MeetingLog.objects.count()
    call_command("load_demo")
    running = Mentorship.objects.filter(pair__program__name=RUNNING_PROGRAM)
    assert running.count() == 25 and MeetingLog.objects.count() == first
    out = capsys.readouterr().out
    assert out.count("/space/sign-in/") == 6  # three links on each run
    assert "mentee, Arabic" in out
