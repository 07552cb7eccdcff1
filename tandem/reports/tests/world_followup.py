"""The follow-up part of the reports' generated program: start-up, mid-term and goal rounds with
invitations for everyone in a pair that both said yes, sent, partial and missing answers, a few anonymous
on-site answers, the goal evaluation's goal ratings and job answers, and rated personal goals. Bulk
INSERTs; called again on the same program it reuses the rounds and invites those not yet invited.

`cohort` and `line` add other programs of the organisation, each with its own world: a program line (the
cohorts linked by copying) and a program outside it."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from tandem.factories import ProgramFactory
from tandem.followup.models import Answer, Invitation, Response, Round
from tandem.followup.services import copy_template
from tandem.mentoring.models import GoalRating, Mentorship, PersonalGoal
from tandem.pairs.models import Pair
from tandem.programs.models import Goal, Program
from tandem.reports.tests.world import build_world

ROUNDS = [("startup", date(2026, 2, 16)), ("midterm", date(2026, 5, 18)), ("goal", date(2026, 6, 8))]
EFFECT_6 = ("effect6", date(2026, 6, 22))  # the benchmark's fourth round


def _round(program: Program, step: str, opens_on: date, now: datetime) -> Round:
    found = Round.objects.filter(program=program, step=step).first()
    if found is not None:
        return found
    kind = "effect" if step.startswith("effect") else step
    return Round.objects.create(
        program=program,
        step=step,
        mentee_survey=copy_template(program, kind, "mentee", by=None, now=now),
        mentor_survey=copy_template(program, kind, "mentor", by=None, now=now),
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=21),
        short_code=f"r{program.pk}{step}"[:12],
        opened_at=now,
    )


@transaction.atomic
def build_followup(
    program: Program, *, seed: int = 1, answered: float = 0.65, rounds: list[tuple[str, date]] = ROUNDS
) -> list[Round]:
    rng = random.Random(seed)
    now = timezone.make_aware(datetime(2026, 6, 1, 10, 0))
    people = {}
    for pair in Pair.objects.filter(program=program, status="active").select_related("mentee", "mentor"):
        people[pair.mentee_id] = pair.mentee
        people[pair.mentor_id] = pair.mentor
    goals = list(Goal.objects.filter(program=program).values_list("pk", flat=True))
    made = []
    for step, opens_on in rounds:
        round_ = _round(program, step, opens_on, now)
        made.append(round_)
        invited = set(Invitation.objects.filter(round=round_).values_list("application_id", flat=True))
        invitations = []
        for application in people.values():
            if application.pk in invited:
                continue
            invitation = Invitation(
                round=round_,
                role=application.role,
                application=application,
                name=f"{application.first_name} {application.last_name}",
                email=application.email,
            )
            invitation.set_secrets()
            invitations.append(invitation)
        Invitation.objects.bulk_create(invitations, batch_size=500)
        versions = {role: round_.survey_for(role).current_version() for role in ("mentee", "mentor")}  # type: ignore[union-attr]
        questions = {
            role: {q.key: q for q in version.questions.filter(key__in=["goals", "now_doing"])}
            for role, version in versions.items()
        }
        responses = []
        for invitation in invitations:
            luck = rng.random()
            if luck < answered + 0.1:
                responses.append(
                    Response(
                        round=round_,
                        version=versions[invitation.role],
                        invitation=invitation,
                        role=invitation.role,
                        channel=rng.choice(["email", "email", "phone"]),
                        completed_at=now if luck < answered else None,
                    )
                )
        responses += [
            Response(
                round=round_, version=versions["mentee"], role="mentee", channel="on_site", completed_at=now
            )
            for _n in range(3)
        ]
        Response.objects.bulk_create(responses, batch_size=500)
        answers = []
        for response in responses:
            asked = questions[response.role]
            if "goals" in asked:
                answers += [
                    Answer(response=response, question=asked["goals"], row=f"g{pk}", value=rng.randint(1, 5))
                    for pk in goals
                ]
            if "now_doing" in asked:
                answers.append(
                    Answer(response=response, question=asked["now_doing"], value=rng.randint(0, 5))
                )
        Answer.objects.bulk_create(answers, batch_size=1000)
    personal = PersonalGoal.objects.bulk_create(
        [
            PersonalGoal(mentorship=m, text="Bli anställd som ekonom")
            for m in Mentorship.objects.filter(pair__program=program, goals__isnull=True)
        ]
    )
    GoalRating.objects.bulk_create(
        [
            GoalRating(goal=g, rating=rng.randint(1, 5), rated_at=now - timedelta(days=n))
            for n in (9, 2)
            for g in personal
        ]
    )
    return made


def cohort(program, name: str, start: date, *, copied_from=None, seed: int = 3, **sizes) -> Program:
    """Another program of the organisation with its own generated data and follow-up."""
    other = ProgramFactory(organisation=program.organisation, name=name, copied_from=copied_from)
    build_world(other, seed=seed, **sizes)
    build_followup(other, seed=seed, answered=0.8)
    Program.objects.filter(pk=other.pk).update(start_date=start)
    other.refresh_from_db()
    return other


def line(program, *, sizes=None) -> tuple[Program, Program]:
    """`program` (built), copied from last year's cohort, with an unrelated program beside them."""
    sizes = sizes or {"mentees": 30, "mentors": 20, "meetings": 150}
    build_world(program, **sizes)
    build_followup(program)
    earlier = cohort(program, "Ekonomer 2025", date(2025, 1, 13), **sizes)
    unrelated = cohort(program, "Annat program", date(2025, 6, 2), seed=4, **sizes)
    program.copied_from = earlier
    program.save(update_fields=["copied_from"])
    return earlier, unrelated
