from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from tandem.followup import services
from tandem.followup.models import Channel, Invitation, Response, Round


def answer_all(invitation: Invitation, *, now: datetime, channel: str = Channel.EMAIL) -> None:
    """The invitation's person answers every required item and sends the survey."""
    round_: Round = invitation.round
    survey = round_.survey_for(invitation.role)
    assert survey is not None
    version = survey.current_version()
    pages = services.pages_for(
        version,
        role=invitation.role,
        language="sv",
        program_id=round_.program_id,
        mentorship_id=invitation.mentorship_id,
    )
    values = {}
    for page in pages:
        for item in page:
            if item.required or item.kind == "consent":
                values[(item.question.key, item.row)] = (
                    0 if item.kind in ("single",) else (True if item.kind in ("yes_no", "consent") else 3)
                )
    services.save_answers(
        round_,
        response=None,
        invitation=invitation,
        role=invitation.role,
        version=version,
        values=values,
        page=len(pages),
        channel=channel,
        language="sv",
        complete=True,
        now=now,
    )


def url_of(invitation):
    return reverse("survey:answer", kwargs={"token": invitation.token})


def page_data(invitation, page: int, action: str = "next", **answers):
    version = invitation.round.survey_for(invitation.role).current_version()
    response = Response.objects.filter(invitation=invitation).first()
    if response is not None:
        version = response.version
    return {
        "page": str(page),
        "version": str(version.pk),
        "revision": str(version.revision),
        "action": action,
        **answers,
    }


def goal_fields(invitation) -> list[str]:
    version = invitation.round.survey_for(invitation.role).current_version()
    pages = services.pages_for(
        version,
        role=invitation.role,
        language="sv",
        program_id=invitation.round.program_id,
        mentorship_id=invitation.mentorship_id,
    )
    return [item.name for page in pages for item in page if item.row]


def opened_round(program, *, step: str, short_code: str, now: datetime) -> Round:
    """A round of `step` on the ready templates, open for two weeks from today, its invitations sent."""
    from datetime import timedelta

    from django.utils import timezone

    from tandem.followup import rounds
    from tandem.followup.services import copy_template

    today = timezone.localdate(now)
    found = Round.objects.create(
        program=program,
        step=step,
        mentee_survey=copy_template(program, step, "mentee", by=None, now=now),
        mentor_survey=copy_template(program, step, "mentor", by=None, now=now),
        opens_on=today,
        closes_on=today + timedelta(days=14),
        short_code=short_code,
    )
    rounds.open_round(found, now=now)
    found.refresh_from_db()
    return found
