"""When a program closes, the pairs still active end with it (issue 13, item 5), through mentoring's own end
service and with a goodbye e-mail to each person in their language, unless the coordinator ticked them on
the confirmation page to keep going (they stay active). Registered with `programs.closing` in
`MentoringConfig.ready()`."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from tandem.audit.services import log_action
from tandem.mentoring import emails
from tandem.mentoring.models import Mentorship, Side
from tandem.mentoring.services import end_mentorship
from tandem.programs.closing import ClosingStep
from tandem.programs.models import Program

KEEP_FIELD = "keep_pair"


def active_mentorships(program: Program) -> QuerySet[Mentorship]:
    """The program's running and paused mentorships with both people, in the order of the mentees' names."""
    return (
        Mentorship.objects.filter(
            pair__program=program, status__in=[Mentorship.Status.RUNNING, Mentorship.Status.PAUSED]
        )
        .select_related("pair__mentee", "pair__mentor", "pair__program__organisation")
        .order_by("pair__mentee__first_name", "pair__mentee__last_name", "pk")
    )


def end_with_program(program: Program, *, keep: list[str], by, now: datetime) -> list[Mentorship]:
    """End every active mentorship of `program` except those in `keep` (mentorship ids, as posted), each
    with a goodbye e-mail to both; the kept ones stay active. Returns the mentorships ended."""
    kept = {int(value) for value in keep if str(value).isdigit()}
    ended = []
    for mentorship in active_mentorships(program).exclude(pk__in=kept):
        end_mentorship(
            mentorship,
            side=Side.STAFF,
            reason=Mentorship.EndReason.PROGRAM_CLOSED,
            text="",
            by=by,
            now=now,
        )
        emails.send_goodbye(mentorship)
        ended.append(mentorship)
    kept_here = list(active_mentorships(program).values_list("pk", flat=True))
    log_action(
        "program.closed_pairs",
        actor=by,
        program=program,
        data={"ended": [m.pk for m in ended], "kept": kept_here},
        now=now,
    )
    return ended


def _apply(program: Program, chosen: list[str], *, by, now: datetime) -> None:
    end_with_program(program, keep=chosen, by=by, now=now)


def _context(program: Program) -> dict:
    return {"mentorships": list(active_mentorships(program)), "field": KEEP_FIELD}


STEP = ClosingStep(
    name=KEEP_FIELD,
    template="mentoring/staff/closing_pairs.html",
    context=_context,
    apply=_apply,
)
