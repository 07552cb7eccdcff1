"""Rounds follow the calendar: planned when the program starts, opened, reminded and closed by the worker,
each e-mail exactly once."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tandem.followup import planning, rounds
from tandem.followup.models import Invitation, LaterContact, Round
from tandem.followup.tests.helpers import answer_all
from tandem.outbox.models import OutboxMessage
from tandem.programs.services import change_state

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM)


def survey_mails() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind="followup/emails/invitation").order_by("pk"))


def test_rounds_are_planned_from_the_programs_dates(program, mentorships, now):
    made = planning.plan_rounds(program, now=now)
    days = {r.step: r.opens_on for r in made}
    start, end = program.start_date, program.end_date
    assert days["startup"] == start + timedelta(weeks=4)
    assert days["midterm"] == start + (end - start) / 2
    assert days["goal"] == end + timedelta(days=14)
    assert set(days) == {"startup", "midterm", "goal", "effect6", "effect12"}
    assert planning.plan_rounds(program, now=now) == []  # planned once
    startup = Round.objects.get(program=program, step="startup")
    assert startup.mentee_survey.audience == "mentee" and startup.mentor_survey.audience == "mentor"
    assert startup.reminder_days == [4, 9]


def test_a_short_program_has_no_mid_term_round(program, mentorships, now):
    program.length_months = 4
    program.save()
    assert "midterm" not in {r.step for r in planning.plan_rounds(program, now=now)}


def test_starting_the_program_plans_its_rounds(program, coordinator, now):
    program.state = "matching"
    program.start_date = now.date()
    program.length_months = 6
    program.save()
    change_state(program, "running", by=coordinator, now=now)
    assert Round.objects.filter(program=program).count() == 5


def test_changed_offsets_move_the_rounds_not_yet_opened(program, mentorships, now):
    planning.plan_rounds(program, now=now)
    settings = planning.settings_for(program)
    settings.startup_week = 6
    settings.effect_months = [6]
    settings.save()
    planning.replan(program, now=now)
    startup = Round.objects.get(program=program, step="startup")
    assert startup.opens_on == program.start_date + timedelta(weeks=5)
    assert not Round.objects.filter(program=program, step="effect12").exists()


def test_each_invitation_and_reminder_goes_out_exactly_once(program, mentorships, now, time_machine):
    planning.plan_rounds(program, now=now)
    startup = Round.objects.get(program=program, step="startup")
    time_machine.move_to(at(startup.opens_on - timedelta(days=1)))
    rounds.run_due(now=at(startup.opens_on - timedelta(days=1)))
    assert survey_mails() == []

    rounds.run_due(now=at(startup.opens_on))
    rounds.run_due(now=at(startup.opens_on, 15))
    assert len(survey_mails()) == 4  # two pairs, both sides
    assert {m.to[0] for m in survey_mails()} == set(Invitation.objects.values_list("email", flat=True))

    amira = Invitation.objects.get(round=startup, role="mentee", email="amira.haddad@example.org")
    answer_all(amira, now=at(startup.opens_on + timedelta(days=1)))

    for day in (3, 4, 4, 5, 8):
        rounds.run_due(now=at(startup.opens_on + timedelta(days=day)))
    assert len(survey_mails()) == 4 + 3  # the first reminder, not to Amira
    for day in (9, 10, 12):
        rounds.run_due(now=at(startup.opens_on + timedelta(days=day)))
    assert len(survey_mails()) == 4 + 3 + 3
    assert "amira.haddad@example.org" not in {m.to[0] for m in survey_mails()[4:]}

    rounds.run_due(now=at(startup.closes_on))
    startup.refresh_from_db()
    assert startup.closed_at is not None
    rounds.run_due(now=at(startup.closes_on + timedelta(days=3)))
    assert len(survey_mails()) == 10


def test_a_worker_down_over_two_reminder_days_sends_one_reminder(program, mentorships, now):
    planning.plan_rounds(program, now=now)
    startup = Round.objects.get(program=program, step="startup")
    rounds.run_due(now=at(startup.opens_on))
    rounds.run_due(now=at(startup.opens_on + timedelta(days=10)))
    rounds.run_due(now=at(startup.opens_on + timedelta(days=11)))
    assert len(survey_mails()) == 4 + 4


def test_a_round_planned_to_be_over_sends_nothing(program, mentorships, now):
    planning.plan_rounds(program, now=now)
    startup = Round.objects.get(program=program, step="startup")
    rounds.run_due(now=at(startup.closes_on + timedelta(days=1)))
    assert survey_mails() == []
    startup.refresh_from_db()
    assert startup.closed_at is not None and startup.opened_at is None


def test_effect_evaluation_only_for_those_who_agreed(program, mentorships, now):
    planning.plan_rounds(program, now=now)
    effect = Round.objects.get(program=program, step="effect6")
    amira = mentorships["a"].pair.mentee
    johan = mentorships["b"].pair.mentor
    LaterContact.objects.create(
        program=program, application=amira, agreed=True, text="Får vi?", language="ar", source="survey"
    )
    LaterContact.objects.create(
        program=program, application=johan, agreed=True, text="Får vi?", language="sv", source="survey"
    )
    LaterContact.objects.create(
        program=program, application=johan, agreed=False, text="Får vi?", language="sv", source="survey"
    )
    rounds.run_due(now=at(effect.opens_on))
    assert [m.to[0] for m in survey_mails()] == ["amira.haddad@example.org"]


def test_goal_evaluation_consent_enables_the_effect_evaluation(program, mentorships, now):
    planning.plan_rounds(program, now=now)
    goal = Round.objects.get(program=program, step="goal")
    rounds.run_due(now=at(goal.opens_on))
    eva = Invitation.objects.get(round=goal, role="mentor", mentorship=mentorships["a"])
    answer_all(eva, now=at(goal.opens_on + timedelta(days=1)))  # answers yes to every yes/no
    assert LaterContact.objects.get(application=eva.application).agreed
    effect = Round.objects.get(program=program, step="effect6")
    rounds.run_due(now=at(effect.opens_on))
    assert [i.application_id for i in Invitation.objects.filter(round=effect)] == [eva.application_id]


def test_invitations_are_in_the_persons_language_with_a_working_secret(program, mentorships, now):
    planning.plan_rounds(program, now=now)
    startup = Round.objects.get(program=program, step="startup")
    rounds.run_due(now=at(startup.opens_on))
    amira = Invitation.objects.get(round=startup, email="amira.haddad@example.org")
    [message] = [m for m in survey_mails() if m.to == ["amira.haddad@example.org"]]
    assert amira.language == "ar"
    assert 'dir="rtl"' in message.body_html
    assert "كيف تسير الأمور" in message.body_text and "Hello" not in message.body_text
    assert amira.token in message.body_text and amira.code in message.body_text
    assert amira.token not in str(Invitation.objects.filter(pk=amira.pk).values().first())


def test_consent_on_the_application_form_counts_with_its_text(program, mentorships, coordinator, now):
    from tandem.applications.models import Answer as FormAnswer
    from tandem.applications.models import Question as FormQuestion
    from tandem.followup.services import add_consent_question

    amira = mentorships["a"].pair.mentee
    bashir = mentorships["b"].pair.mentee
    from tandem.applications.services import create_default_form

    create_default_form(program, "mentee")
    create_default_form(program, "mentor")
    assert add_consent_question(program, by=coordinator, now=now) == 2  # the mentee and mentor forms
    assert add_consent_question(program, by=coordinator, now=now) == 0
    question = FormQuestion.objects.get(form__program=program, form__role="mentee", custom_type="yes_no")
    FormAnswer.objects.create(application=amira, question=question, value=True)
    FormAnswer.objects.create(application=bashir, question=question, value=False)
    planning.plan_rounds(program, now=now)
    effect = Round.objects.get(program=program, step="effect6")
    rounds.run_due(now=at(effect.opens_on))
    assert [m.to[0] for m in survey_mails()] == ["amira.haddad@example.org"]
    consent = LaterContact.objects.get(application=amira)
    assert consent.source == "application" and consent.language == "ar" and "6" in consent.text


def test_a_round_opens_in_short_transactions_and_a_worker_that_dies_half_way_loses_nothing(
    program, mentorships, now, monkeypatch
):
    """Four people, two per transaction: the second chunk fails (the worker dies); the first two are
    queued and marked, the round is not yet opened, and the next pass sends the other two, once each."""
    from tandem.followup import emails

    planning.plan_rounds(program, now=now)
    startup = Round.objects.get(program=program, step="startup")
    monkeypatch.setattr(rounds, "OPENING_CHUNK", 2)
    built = emails.build_email
    calls = {"n": 0}

    def dies_on_the_third(invitation, round_, kind):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker killed")
        return built(invitation, round_, kind)

    monkeypatch.setattr(emails, "build_email", dies_on_the_third)
    with pytest.raises(RuntimeError):
        rounds.open_round(startup, now=at(startup.opens_on))
    startup.refresh_from_db()
    assert len(survey_mails()) == 2 and startup.opened_at is None
    assert Invitation.objects.filter(round=startup, invited_at__isnull=False).count() == 2

    monkeypatch.setattr(emails, "build_email", built)
    assert rounds.open_round(startup, now=at(startup.opens_on)) == 2
    startup.refresh_from_db()
    assert startup.opened_at is not None
    assert sorted(m.to[0] for m in survey_mails()) == sorted(
        Invitation.objects.filter(round=startup).values_list("email", flat=True)
    )
