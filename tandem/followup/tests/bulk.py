"""Survey rounds with many answers, written in bulk: for benchmarks and tests at the size of a national
program (thousands of responses), where answering through the services would take minutes."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from tandem.followup.models import Answer, Invitation, QuestionKind, Response, Round
from tandem.followup.services import copy_template
from tandem.mentoring.models import Mentorship
from tandem.programs.models import Goal, Program


def answer_value(kind: str, rng: random.Random) -> Any:
    """A plausible stored answer for a question of `kind`."""
    if kind in (QuestionKind.LIKERT, QuestionKind.GOALS):
        return rng.randint(1, 5)
    if kind == QuestionKind.SINGLE:
        return rng.randint(0, 2)
    if kind == QuestionKind.MULTIPLE:
        return [rng.randint(0, 2)]
    if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        return rng.random() < 0.5
    if kind == QuestionKind.SCALE10:
        return rng.randint(0, 10)
    return "Bra träffar."


def add_responses(
    round_: Round, count: int, rng: random.Random, *, invitations: list[Invitation] | None = None
) -> list[Response]:
    """`count` sent responses to `round_`, every question answered (goal questions once per program goal).

    With `invitations`, each response answers one of them (by its role); without, half come from mentees,
    anonymous (on site)."""
    now = timezone.now()
    versions = {role: round_.survey_for(role).current_version() for role in ("mentee", "mentor")}  # type: ignore[union-attr]
    questions = {role: list(version.questions.all()) for role, version in versions.items()}
    goal_rows = [
        f"g{pk}" for pk in Goal.objects.filter(program=round_.program_id).values_list("pk", flat=True)
    ]
    if invitations is not None:
        chosen = invitations[:count]
        made = [
            Response(
                round=round_,
                version=versions[i.role],
                invitation=i,
                role=i.role,
                channel="email",
                completed_at=now,
            )
            for i in chosen
        ]
        Invitation.objects.filter(pk__in=[i.pk for i in chosen]).update(answered_at=now)
    else:
        made = [
            Response(round=round_, version=versions[role], role=role, channel="on_site", completed_at=now)
            for n in range(count)
            for role in [("mentee", "mentor")[n % 2]]
        ]
    responses = Response.objects.bulk_create(made, batch_size=1000)
    answers = []
    for response in responses:
        for question in questions[response.role]:
            if question.kind == QuestionKind.GOALS:
                answers += [
                    Answer(
                        response=response, question=question, row=row, value=answer_value(question.kind, rng)
                    )
                    for row in goal_rows
                ]
            else:
                answers.append(
                    Answer(response=response, question=question, value=answer_value(question.kind, rng))
                )
    Answer.objects.bulk_create(answers, batch_size=2000)
    return responses


def build_rounds(program: Program, *, responses: int, seed: int = 3) -> list[Round]:
    """The start-up survey, the mid-term and the goal evaluation of `program`, each with an invitation for
    every mentee and mentor of its mentorships and `responses` sent responses spread over the three
    rounds (about 80 % answer a round, fewer later)."""
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate(now)
    people = list(
        Mentorship.objects.filter(pair__program=program).values_list(
            "pk",
            "pair__mentee_id",
            "pair__mentee__first_name",
            "pair__mentee__email",
            "pair__mentor_id",
            "pair__mentor__first_name",
            "pair__mentor__email",
        )
    )
    steps = [Round.Step.STARTUP, Round.Step.MIDTERM, Round.Step.GOAL]
    shares = [0.4, 0.33, 0.27]
    rounds = []
    for number, (step, share) in enumerate(zip(steps, shares, strict=True)):
        round_ = Round.objects.create(
            program=program,
            step=step,
            mentee_survey=copy_template(program, step, "mentee", by=None, now=now),
            mentor_survey=copy_template(program, step, "mentor", by=None, now=now),
            opens_on=today,
            closes_on=today + timedelta(days=21),
            short_code=f"B{program.pk}R{number}",
        )
        invitations = []
        for mentorship, *sides in people:
            for role, (person, name, email) in (("mentee", sides[:3]), ("mentor", sides[3:])):
                invitation = Invitation(
                    round=round_,
                    role=role,
                    application_id=person,
                    mentorship_id=mentorship,
                    name=name,
                    email=email,
                    invited_at=now,
                )
                invitation.set_secrets()
                invitations.append(invitation)
        invitations = Invitation.objects.bulk_create(invitations, batch_size=1000)
        rng.shuffle(invitations)
        add_responses(round_, min(len(invitations), round(responses * share)), rng, invitations=invitations)
        rounds.append(round_)
    return rounds
