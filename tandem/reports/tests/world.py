"""A generated program for the reports' tests and benchmark: applications of every status, pairs,
mentorships in every state, planned and logged meetings, common meetings with attendance, a budget with
actual costs. Built with bulk INSERTs, so that thousands of rows take seconds."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tandem.applications.models import Application
from tandem.factories import build_applications, build_pairs
from tandem.gatherings.models import Gathering, Invitation
from tandem.mentoring.models import MeetingLog, Mentorship, PlannedMeeting
from tandem.programs.models import BudgetLine, FundingSource, Goal, Program
from tandem.reports.models import ActualCost

START = date(2026, 1, 12)


@transaction.atomic
def build_world(
    program: Program, *, mentees: int = 60, mentors: int = 40, meetings: int = 300, seed: int = 1
) -> dict:
    rng = random.Random(seed)
    program.start_date = START
    program.length_months = 10
    program.save(update_fields=["start_date", "length_months"])
    applications = build_applications(program, mentees=mentees, mentors=mentors, seed=seed)
    statuses = [s for s, _label in Application.Status.choices]
    others = [a for a in applications if rng.random() < 0.15]
    for a in others:
        a.status = rng.choice(statuses)
    Application.objects.bulk_update(others, ["status"], batch_size=500)
    pool_mentees = [a for a in applications if a.role == "mentee" and a.status == "accepted"]
    pool_mentors = [a for a in applications if a.role == "mentor" and a.status == "accepted"]
    now = timezone.make_aware(datetime(2026, 1, 5, 9, 0))
    pairs = build_pairs(program, pool_mentees[: len(pool_mentees) * 4 // 5], pool_mentors, now=now)
    for pair in pairs[: len(pairs) // 10]:
        pair.status = rng.choice(["declined", "dissolved"])
    from tandem.pairs.models import Pair

    Pair.objects.bulk_update(pairs[: len(pairs) // 10], ["status"], batch_size=500)
    for pair in pairs[len(pairs) // 10 :]:  # most of the others both said yes
        if rng.random() < 0.9:
            pair.status = "active"
    Pair.objects.bulk_update(pairs[len(pairs) // 10 :], ["status"], batch_size=500)
    active = [p for p in pairs if p.status == "active"]
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(
                pair=p,
                started_on=START,
                status=rng.choice(["running", "running", "paused", "ended", "completed"]),
            )
            for p in active
        ],
        batch_size=500,
    )
    planned, logs = [], []
    if mentorships:
        for n in range(meetings):
            m = mentorships[n % len(mentorships)]
            day = START + timedelta(days=rng.randint(0, 280))
            planned.append(
                PlannedMeeting(mentorship=m, planned_on=day, dropped_at=now if n % 11 == 0 else None)
            )
            if rng.random() < 0.7 and n % 3:
                logs.append(
                    MeetingLog(
                        mentorship=m,
                        held_on=day + timedelta(days=rng.randint(0, 3)),
                        minutes=rng.choice([30, 45, 60, 90]),
                        format=rng.choice(["in_person", "online"]),
                        logged_by_side=rng.choice(["mentee", "mentor"]),
                    )
                )
    PlannedMeeting.objects.bulk_create(planned, batch_size=1000)
    MeetingLog.objects.bulk_create(logs, batch_size=1000)
    gatherings = [
        Gathering.objects.create(
            program=program, kind=kind, title=title, starts_at=now + timedelta(days=days), place="Folkets hus"
        )
        for kind, title, days in [("kickoff", "Uppstartsträff", 14), ("midpoint", "Halvtidsträff", 140)]
    ]
    invitations = []
    for g in gatherings:
        for n, a in enumerate(pool_mentees[:30] + pool_mentors[:20]):
            invitations.append(
                Invitation(
                    gathering=g,
                    name=f"{a.first_name} {a.last_name}",
                    email=f"g{g.pk}-{n}-{a.email}",
                    role=a.role,
                    answer=rng.choice(["yes", "no", ""]),
                    checked_in_at=now if rng.random() < 0.5 else None,
                )
            )
    Invitation.objects.bulk_create(invitations, batch_size=500)
    esf = FundingSource.objects.create(
        program=program, kind="esf", name="ESF+", amount_granted=Decimal("400000"), status="granted"
    )
    own = FundingSource.objects.create(
        program=program, kind="own", amount_granted=Decimal("100000"), status="granted"
    )
    lines = [
        BudgetLine.objects.create(program=program, cost_item=item, planned_amount=Decimal(amount))
        for item, amount in [("recruitment", "120000"), ("common_meetings", "60000"), ("evaluation", "40000")]
    ]
    BudgetLine.objects.create(
        program=program, cost_item="handbook", planned_amount=Decimal("10000"), actual_amount=Decimal("8500")
    )
    costs = [
        ActualCost(
            budget_line=lines[n % 3],
            funding_source=esf if n % 2 else own,
            spent_on=START + timedelta(days=15 * n),
            amount=Decimal(rng.randint(1000, 9000)),
            funder_share=Decimal("80") if n % 2 else Decimal("100"),
        )
        for n in range(12)
    ]
    ActualCost.objects.bulk_create(costs)
    Goal.objects.create(
        program=program,
        description="Jobb inom yrket",
        indicator="andel adepter i arbete",
        target_value=Decimal("40"),
    )
    return {"esf": esf, "own": own, "gatherings": gatherings}
