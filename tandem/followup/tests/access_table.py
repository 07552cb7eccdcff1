"""Who gets what from the follow-up pages (walked by tandem/lib/tests/test_permissions.py).

Everyone on the program reads rounds, surveys and figures; coordinators and partner coordinators change
them and enter answers for a participant (viewers 403); outsiders from the other organisation see
nothing (404). The survey pages belong to whoever holds the personal link or the on-site short link,
signed in or not.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tandem.followup import rounds
from tandem.followup.models import Invitation, Round
from tandem.followup.services import copy_template
from tandem.lib.testing.access import (
    LINK_HOLDERS_SENT_ON,
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    link_rows,
    program_kwargs,
)
from tandem.mentoring.tests.people import two_pairs


def with_round(world: dict[str, Any]) -> None:
    now = timezone.now()
    program = world["program"]
    two_pairs(program, now=now)
    today = timezone.localdate(now)
    world["survey"] = copy_template(program, "startup", "mentee", by=None, now=now)
    round_ = Round.objects.create(
        program=program,
        step="startup",
        mentee_survey=world["survey"],
        mentor_survey=copy_template(program, "startup", "mentor", by=None, now=now),
        opens_on=today,
        closes_on=today + timedelta(days=14),
        short_code="KX3P9Q",
    )
    rounds.open_round(round_, now=now)
    world["round"] = round_
    world["invitation"] = Invitation.objects.filter(round=round_, role="mentee").order_by("pk").first()


def survey_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "survey": world["survey"].pk}


def question_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {**survey_kwargs(world), "key": "got_going"}


def round_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "round": world["round"].pk}


def enter_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {**round_kwargs(world), "invitation": world["invitation"].pk}


def question_data(world: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "yes_no", "shown_to": "both", "label_sv": "Har ni träffats?", "label_en": "Have you met?"}


def answers(world: dict[str, Any]) -> dict[str, Any]:
    version = world["survey"].current_version()
    return {
        "channel": "phone",
        "page": "1",
        "version": str(version.pk),
        "revision": str(version.revision),
        "action": "later",
        "q_met_yet": "0",
        "q_got_going": "4",
    }


ROWS = [
    Row("followup:index", PROGRAM_PAGE, kwargs=program_kwargs),
    Row(
        "followup:settings",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        data=lambda world: {
            "startup_week": "6",
            "midterm": "on",
            "goal_days_after_end": "14",
            "open_days": "21",
            "effect_text": "6, 12",
            "reminder_text": "4, 9",
        },
    ),
    Row("followup:plan", PROGRAM_CHANGE, kwargs=program_kwargs, method="POST"),
    Row("followup:consent_question", PROGRAM_CHANGE, kwargs=program_kwargs, method="POST"),
    Row(
        "followup:copy",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        data=lambda world: {"template": "goal-mentee"},
    ),
    Row("followup:survey", PROGRAM_PAGE, kwargs=survey_kwargs, setup=with_round),
    Row("followup:question_new", PROGRAM_EDIT_PAGE, kwargs=survey_kwargs, setup=with_round),
    Row(
        "followup:question_new",
        PROGRAM_CHANGE,
        kwargs=survey_kwargs,
        method="POST",
        setup=with_round,
        data=question_data,
    ),
    Row("followup:question_edit", PROGRAM_EDIT_PAGE, kwargs=question_kwargs, setup=with_round),
    Row(
        "followup:question_edit",
        PROGRAM_CHANGE,
        kwargs=question_kwargs,
        method="POST",
        setup=with_round,
        data=question_data,
    ),
    Row(
        "followup:question_move",
        PROGRAM_CHANGE,
        kwargs=question_kwargs,
        method="POST",
        setup=with_round,
        data=lambda world: {"direction": "up"},
    ),
    Row("followup:question_remove", PROGRAM_CHANGE, kwargs=question_kwargs, method="POST", setup=with_round),
    Row("followup:round", PROGRAM_PAGE, kwargs=round_kwargs, setup=with_round),
    Row(
        "followup:round",
        PROGRAM_CHANGE,
        kwargs=round_kwargs,
        method="POST",
        setup=with_round,
        data=lambda world: {
            "opens_on": world["round"].opens_on.isoformat(),
            "open_until": world["round"].last_day.isoformat(),
            "on_site": "anonymous",
            "reminder_text": "3",
        },
    ),
    Row("followup:round_open", PROGRAM_CHANGE, kwargs=round_kwargs, method="POST", setup=with_round),
    Row("followup:round_qr", PROGRAM_PAGE, kwargs=round_kwargs, setup=with_round),
    Row("followup:results", PROGRAM_PAGE, kwargs=round_kwargs, setup=with_round),
    Row("followup:cohorts", PROGRAM_PAGE, kwargs=round_kwargs, setup=with_round),
    Row(
        "followup:goal_measures",
        PROGRAM_CHANGE,
        kwargs=round_kwargs,
        method="POST",
        setup=with_round,
        data=lambda world: {},
    ),
    Row(
        "followup:csv",
        PROGRAM_EDIT_PAGE,
        kwargs=round_kwargs,
        setup=with_round,
        note="personal data: not for viewers",
    ),
    Row(
        "followup:xlsx",
        PROGRAM_EDIT_PAGE,
        kwargs=round_kwargs,
        setup=with_round,
        note="personal data: not for viewers",
    ),
    Row("followup:enter", PROGRAM_EDIT_PAGE, kwargs=enter_kwargs, setup=with_round),
    Row(
        "followup:enter",
        PROGRAM_CHANGE,
        kwargs=enter_kwargs,
        method="POST",
        setup=with_round,
        data=answers,
        note="a phone answer typed in by staff",
    ),
    *link_rows(
        "survey:answer",
        kwargs=lambda world: {"token": world["invitation"].token},
        setup=with_round,
        data=answers,
        note="anyone holding the link may answer",
        login_url="/survey/",
    ),
    *link_rows(
        "survey:onsite_start",
        kwargs=lambda world: {"code": world["round"].short_code},
        setup=with_round,
        data=lambda world: {"code": world["invitation"].code},
        login_url="/f/",
    ),
    Row(
        "survey:onsite_answer",
        LINK_HOLDERS_SENT_ON,
        kwargs=lambda world: {"code": world["round"].short_code},
        setup=with_round,
        note="without a name picked or a code typed first: back to the start",
        login_url="/f/",
    ),
]
