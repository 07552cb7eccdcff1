"""Last year's cohort of the running program, for follow-up's goal attainment and cohort comparison.

"Mentorskap för nyanlända ekonomer 2025" started about 18 months ago, ran for nine months and is
evaluated; the running program was copied from it (`Program.copied_from`). Its 20 pairs met about every
three weeks (logged meetings) and their costs were booked month by month (`demo.costs`). They answered the
start-up survey, the mid-term and the goal evaluation (most agreed there to be asked again later), and
those who agreed answered the 6-month effect evaluation; the 12-month one is still to come. About half the
mentees had a job in their profession at the end, nearly six in ten six months later. Made once from a
fixed seed, no e-mail; a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery

from tandem.applications.models import Application
from tandem.applications.services import create_default_form
from tandem.demo.applying import web_application
from tandem.demo.costs import book_demo_costs
from tandem.demo.followup import _answer, _at, _invite_quietly, record_reminders
from tandem.followup import planning
from tandem.followup.models import GoalMeasure, Measure, Round
from tandem.mentoring import services as mentoring
from tandem.mentoring.models import MeetingLog, Mentorship
from tandem.pairs.models import Pair
from tandem.programs.models import BudgetLine, FundingSource, Goal, Program, ProgramRole
from tandem.reference.choices import Role

LAST_YEAR_PROGRAM = "Mentorskap för nyanlända ekonomer 2025"
SEED = 2025
PAIRS = 20
MENTEES = [
    ("Omar", "Haddad"), ("Nour", "Saleh"), ("Yusuf", "Ali"), ("Hiba", "Khoury"), ("Samir", "Nasr"),
    ("Aisha", "Mohamed"), ("Reza", "Ahmadi"), ("Maryam", "Hosseini"), ("Dawit", "Tesfaye"),
    ("Hanna", "Kovalenko"), ("Priya", "Shah"), ("Carlos", "Mendes"), ("Amal", "Jaber"), ("Tariq", "Rahimi"),
    ("Selam", "Girma"), ("Layla", "Hamdan"), ("Ismail", "Noor"), ("Rana", "Abbas"), ("Kerem", "Demir"),
    ("Farida", "Sultani"),
]  # fmt: skip
MENTORS = [
    ("Birgitta", "Lind"), ("Göran", "Holmberg"), ("Kristina", "Sjögren"), ("Stefan", "Berg"),
    ("Annika", "Nyberg"), ("Ola", "Westin"), ("Marie", "Fransson"), ("Björn", "Lindholm"),
    ("Jenny", "Axelsson"), ("Patrik", "Hellström"), ("Sara", "Blomqvist"), ("Erik", "Söderberg"),
    ("Linda", "Jakobsson"), ("Daniel", "Sundström"), ("Emma", "Borg"), ("Mattias", "Eklund"),
    ("Karolina", "Lindell"), ("Robert", "Ström"), ("Hanna", "Vik"), ("Thomas", "Granath"),
]  # fmt: skip
ANSWERED = {  # the share of those invited who answered each round
    Round.Step.STARTUP: 0.8,
    Round.Step.MIDTERM: 0.7,
    Round.Step.GOAL: 0.85,
    Round.Step.EFFECT_6: 0.75,
}
IN_PROFESSION = {Round.Step.GOAL: 0.5, Round.Step.EFFECT_6: 0.6}  # mentees in a job in their profession


def load_last_year_demo(running: Program, *, today: date, domain: str) -> Program:
    """Once: last year's evaluated program, the running one's copy source, with its rounds answered."""
    found = Program.objects.filter(organisation=running.organisation, name=LAST_YEAR_PROGRAM).first()
    if found is not None:
        return found
    with transaction.atomic():
        program = _program(running, today=today)
        _pairs(program, domain=domain)
        _meetings(program)
        _rounds(program, today=today)
        assert program.end_date is not None
        book_demo_costs(program, spent=Decimal("1"), until=program.end_date)
        Program.objects.filter(pk=running.pk).update(copied_from=program)
        for current in (program, running):
            first = Goal.objects.filter(program=current).order_by("order", "pk").first()
            if first is not None:  # "in a qualified job 6 months after the end"
                GoalMeasure.objects.update_or_create(goal=first, defaults={"measure": Measure.JOB_6})
    return program


def _program(running: Program, *, today: date) -> Program:
    start = today - timedelta(weeks=78)
    program = Program.objects.create(
        organisation=running.organisation,
        name=LAST_YEAR_PROGRAM,
        purpose=running.purpose,
        purpose_kind=running.purpose_kind,
        mentee_target_group=running.mentee_target_group,
        mentor_target_group=running.mentor_target_group,
        length_months=9,
        start_date=start,
        target_mentees=PAIRS,
        target_mentors=PAIRS,
        state=Program.State.EVALUATED,
        created_at=_at(start - timedelta(weeks=20)),
    )
    program.partners.set(running.partners.all())
    Goal.objects.bulk_create(
        Goal(
            program=program,
            description=goal.description,
            indicator=goal.indicator,
            target_value=goal.target_value,
            unit=goal.unit,
            order=goal.order,
        )
        for goal in running.goals.all()
    )
    ProgramRole.objects.bulk_create(
        ProgramRole(
            program=program,
            user_id=r.user_id,
            role=r.role,
            plans=r.plans,
            runs=r.runs,
            follows_up=r.follows_up,
        )
        for r in running.roles.all()
    )
    BudgetLine.objects.bulk_create(  # spent as planned (dated costs, `demo.costs`): the program is over
        BudgetLine(program=program, cost_item=b.cost_item, planned_amount=b.planned_amount)
        for b in running.budget_lines.all()
    )
    FundingSource.objects.bulk_create(
        FundingSource(
            program=program,
            kind=f.kind,
            name=f.name,
            amount_applied=f.amount_applied,
            amount_granted=f.amount_granted,
            status=f.status,
        )
        for f in running.funding_sources.all()
    )
    return program


def _pairs(program: Program, *, domain: str) -> None:
    assert program.start_date is not None
    applied = _at(program.start_date - timedelta(weeks=10))
    forms = {role: create_default_form(program, role, now=applied) for role in (Role.MENTEE, Role.MENTOR)}
    people = []
    for n in range(PAIRS):
        for role, (first, last) in ((Role.MENTEE, MENTEES[n]), (Role.MENTOR, MENTORS[n])):
            people.append(
                web_application(
                    forms[role],
                    status=Application.Status.ACCEPTED,
                    language="sv",
                    at=applied + timedelta(hours=n * 5),
                    first_name=first,
                    last_name=last,
                    email=f"ifjol{n + 1:02d}.{'adept' if role == Role.MENTEE else 'mentor'}@{domain}",
                    phone=f"076-{300 + n:03d} 55 66",
                    swedish_level="B1" if role == Role.MENTEE else "C2",
                )
            )
    created = Application.objects.bulk_create(people)
    published = _at(program.start_date - timedelta(days=10))
    pairs = Pair.objects.bulk_create(
        Pair(
            program=program,
            mentee=created[2 * n],
            mentor=created[2 * n + 1],
            status=Pair.Status.ACTIVE,
            published_at=published,
            answer_deadline=published + timedelta(days=7),
            mentee_answer="accept",
            mentee_answered_at=published + timedelta(days=1),
            mentor_answer="accept",
            mentor_answered_at=published + timedelta(days=2),
        )
        for n in range(PAIRS)
    )
    for pair in pairs:
        mentoring.open_mentorship(pair, now=_at(program.start_date))


def _meetings(program: Program) -> None:
    """Every pair met about every three weeks through the program (a few fewer for some), logged by
    either side: one bulk insert, then the mentorships' last meeting days in one update."""
    assert program.start_date is not None and program.end_date is not None
    rng = random.Random(SEED + 1)
    logs = []
    for n, mentorship in enumerate(Mentorship.objects.filter(pair__program=program).order_by("pk")):
        day = mentorship.started_on + timedelta(days=rng.randint(3, 10))
        while day < program.end_date:
            logs.append(
                MeetingLog(
                    mentorship=mentorship,
                    held_on=day,
                    minutes=rng.choice([45, 60, 60, 90]),
                    format=rng.choice(["in_person", "in_person", "online", "phone"]),
                    logged_by_side="mentee" if (n + len(logs)) % 2 else "mentor",
                    created_at=_at(day, 18),
                    confirmed_at=_at(day + timedelta(days=1), 9),
                )
            )
            day += timedelta(days=rng.choice([14, 21, 21, 28, 35]) + (14 if n % 7 == 3 else 0))
    MeetingLog.objects.bulk_create(logs)
    latest = MeetingLog.objects.filter(mentorship=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
    Mentorship.objects.filter(pair__program=program).update(last_meeting_on=Subquery(latest))


def _rounds(program: Program, *, today: date) -> None:
    """Every round up to the 6-month effect evaluation opened, answered and closed on its own dates."""
    assert program.start_date is not None and program.end_date is not None
    rng = random.Random(SEED)
    planning.plan_rounds(program, now=_at(program.start_date))
    for round_ in Round.objects.filter(program=program).order_by("opens_on"):
        if round_.step == Round.Step.GOAL:  # the pairs ended with the program
            Mentorship.objects.filter(pair__program=program).update(
                status=Mentorship.Status.COMPLETED,
                ended_at=_at(program.end_date),
                end_reason=Mentorship.EndReason.PROGRAM_CLOSED,
            )
        if round_.closes_on > today:
            continue  # the 12-month effect evaluation is still to come
        opened = _at(round_.opens_on, 8)
        for invitation in _invite_quietly(round_, at=opened):
            if rng.random() >= ANSWERED.get(Round.Step(round_.step), 0.7):
                continue
            overrides: dict[str, Any] = {"later_contact": rng.random() < 0.85}
            share = IN_PROFESSION.get(Round.Step(round_.step))
            if share is not None and invitation.role == Role.MENTEE:
                in_job = rng.random() < share
                overrides["now_doing"] = 0 if in_job else rng.choice([1, 2, 3, 4])
                overrides["in_profession"] = in_job
            _answer(
                invitation,
                at=opened + timedelta(days=rng.randint(0, 14)),
                rng=rng,
                by=None,
                complete=True,
                overrides=overrides,
            )
        record_reminders(round_)
        Round.objects.filter(pk=round_.pk).update(closed_at=_at(round_.closes_on, 0))
